import { spawnSync } from 'node:child_process'
import { copyFileSync, readFileSync } from 'node:fs'
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
