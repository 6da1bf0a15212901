import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from './helpers/relay-package.ts'

// .github/workflows/desktop.yml cannot run here (no Electron binary, no Windows or macOS): what
// it calls is checked instead, so that a fork with internet finds every piece in place.

const yaml = createRequire(import.meta.url)('js-yaml') as { load: (text: string) => unknown }

type Step = {
  name?: string
  uses?: string
  run?: string
  if?: string
  shell?: string
  with?: Record<string, string>
}
type Workflow = {
  on: Record<string, unknown>
  jobs: Record<string, { strategy: { matrix: { os: string[] } }; 'runs-on': string; steps: Step[] }>
}

const workflow = () =>
  yaml.load(readFileSync(join(ROOT, '.github/workflows/desktop.yml'), 'utf8')) as Workflow
const steps = () => Object.values(workflow().jobs).flatMap((job) => job.steps)
const scripts = () =>
  (
    JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>
    }
  ).scripts

describe('.github/workflows/desktop.yml', () => {
  it('runs on Linux, Windows and macOS for pushes, pull requests and by hand', () => {
    const [job] = Object.values(workflow().jobs)
    const oses = job?.strategy.matrix.os ?? []
    expect(oses.map((os) => os.split('-')[0]).sort()).toEqual(['macos', 'ubuntu', 'windows'])
    expect(job?.['runs-on']).toBe('${{ matrix.os }}')
    expect(Object.keys(workflow().on).sort()).toEqual(['pull_request', 'push', 'workflow_dispatch'])
  })

  it('uses only actions pinned to a major version', () => {
    const uses = steps().flatMap((step) => (step.uses ? [step.uses] : []))
    expect(uses.length).toBeGreaterThan(0)
    for (const action of uses) expect(action).toMatch(/^actions\/[a-z-]+@v\d+$/)
  })

  it('calls only npm scripts and files that exist', () => {
    const runs = steps().flatMap((step) => (step.run ? [step.run] : []))
    const known = scripts()
    for (const run of runs) {
      for (const [, script] of run.matchAll(/npm run ([\w:-]+)/g))
        expect(Object.keys(known), run).toContain(script)
      for (const [, file] of run.matchAll(/(?:bash|node) ((?:\.ci|node_modules)\/[\w./-]+)/g))
        expect(existsSync(join(ROOT, file ?? '')), file).toBe(true)
    }
  })

  it('runs the whole suite under xvfb on Linux, and the tests of the app in Electron elsewhere', () => {
    const linux = steps().find(
      (step) => step.if === "runner.os == 'Linux'" && step.run?.includes('npm test'),
    )
    expect(linux?.run).toBe('xvfb-run --auto-servernum npm test')
    const others = steps().find((step) => step.if === "runner.os != 'Linux'")
    expect(others?.run).toBe('npm run test:electron')
    expect(scripts()['test:electron']).toContain('test/electron/electron-app.test.ts')
  })

  it('builds the installers with the update server only when the fork names one', () => {
    const dist = steps().find((step) => step.run?.startsWith('npm run dist'))
    expect(dist?.shell).toBe('bash')
    // The step's own line, with npm replaced by a function that prints its arguments.
    const args = (url: string) =>
      spawnSync('bash', ['-c', `npm() { printf '%s\\n' "$@"; }\n${dist?.run ?? ''}`], {
        env: { PATH: process.env.PATH, SAMSTEMT_UPDATE_URL: url },
        encoding: 'utf8',
      })
        .stdout.trim()
        .split('\n')
    expect(args('')).toEqual(['run', 'dist', '--', '--publish', 'never'])
    expect(args('https://updates.uis.no/samstemt/')).toEqual([
      'run',
      'dist',
      '--',
      '--publish',
      'never',
      '--config.publish.provider=generic',
      '--config.publish.url=https://updates.uis.no/samstemt/',
    ])
  })

  it('keeps every installer and the update files as artifacts', () => {
    const upload = steps().find((step) => step.uses?.startsWith('actions/upload-artifact'))
    const paths = upload?.with?.path?.split('\n').filter(Boolean) ?? []
    for (const kind of ['AppImage', 'deb', 'exe', 'dmg', 'zip'])
      expect(paths).toContain(`dist/*.${kind}`)
    expect(paths).toContain('dist/latest*.yml')
  })
})
