import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { useTempDir } from '../helpers/temp-dir.ts'
import { npm, npmCliScript, posingAs, ROOT, shipEnv } from './helpers/relay-package.ts'

const tempDir = useTempDir('samstemt-npm-policy-')

describe("npm's policy for this project", () => {
  test('npm install on Node 20 stops at once with the Node it needs (engine-strict)', async () => {
    const dir = tempDir()
    for (const file of ['package.json', 'package-lock.json', '.npmrc'])
      copyFileSync(join(ROOT, file), join(dir, file))
    // The Node running the tests, made to report 20.20.0, runs npm.
    const result = spawnSync(
      process.execPath,
      ['--import', posingAs('20.20.0'), npmCliScript(), 'ci', '--dry-run'],
      { cwd: dir, env: shipEnv(), encoding: 'utf8' },
    )
    expect(result.status).not.toBe(0)
    expect(result.stderr).toContain('EBADENGINE')
    expect(result.stderr).toContain('Required: {"node":">=22.18"}')
    expect(result.stdout).not.toContain('add ')
  })

  test('allowScripts names exactly the installed packages with install scripts, counting the node-gyp rebuild npm ci runs for a binding.gyp', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      allowScripts: Record<string, boolean>
    }
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, unknown>
    }
    const withScripts = new Set<string>()
    for (const path of Object.keys(lock.packages)) {
      const dir = join(ROOT, path)
      if (path === '' || !existsSync(join(dir, 'package.json'))) continue
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name: string
        scripts?: Record<string, string>
      }
      const scripts = pkg.scripts ?? {}
      // better-sqlite3 says "gypfile": false, but npm ci still runs node-gyp rebuild for it.
      if (scripts.preinstall || scripts.install || scripts.postinstall) withScripts.add(pkg.name)
      else if (existsSync(join(dir, 'binding.gyp'))) withScripts.add(pkg.name)
    }
    expect([...withScripts].sort()).toEqual(Object.keys(manifest.allowScripts).sort())
  })

  test('every dependency install script is reviewed, and only better-sqlite3’s may run', async () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      allowScripts: Record<string, boolean>
    }
    const allowed = Object.entries(manifest.allowScripts).filter(([, allow]) => allow)
    expect(allowed.map(([name]) => name)).toEqual(['better-sqlite3'])
    expect(await npm(['install-scripts', 'ls'], ROOT)).toContain(
      'No packages with unreviewed install scripts',
    )
  })
})
