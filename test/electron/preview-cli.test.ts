import { spawn, type ChildProcess } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterEach, describe, expect, it } from 'vitest'
import { PREVIEW_BUILDS } from '../../electron/preview/build-renderer.ts'
import { fixturePaper } from '../export/fixture.ts'
import { useTempDir } from '../helpers/temp-dir.ts'
import { fakeRenderer } from './helpers/preview.ts'

const CLI = join(import.meta.dirname, '../../electron/preview/cli.ts')
const tempDir = useTempDir('samstemt-preview-cli-')
const children: ChildProcess[] = []
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
})

type Started = { url: string; port: number; token: string; profile: string; exports: string }

function run(args: string[]) {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  children.push(child)
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const firstLine = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve)
    void exited.then((code) => reject(new Error(`preview exited with ${code}: ${stderr}`)))
  })
  // Tests of a failing start never read the line; its rejection is expected there.
  firstLine.catch(() => undefined)
  return { child, exited, firstLine, stderr: () => stderr }
}

async function startCli(profile: string, renderer: string, more: string[] = []) {
  const cli = run(['--profile', profile, '--renderer', renderer, '--json', ...more])
  const started = JSON.parse(await cli.firstLine) as Started
  return { ...cli, started }
}

describe('npm run preview (electron/preview/cli.ts)', () => {
  it('serves the renderer, prints the link with its token, and stops cleanly on SIGTERM', async () => {
    const dir = tempDir()
    const profile = join(dir, 'profile')
    const cli = await startCli(profile, fakeRenderer(dir))
    expect(cli.started.url).toBe(`http://127.0.0.1:${cli.started.port}/#token=${cli.started.token}`)
    expect(cli.started.profile).toBe(profile)
    expect((await fetch(cli.started.url)).status).toBe(200)
    cli.child.kill('SIGTERM')
    expect(await cli.exited).toBe(0)
  })

  it('a restart with the same --profile keeps the workspaces, under a new token', async () => {
    const dir = tempDir()
    const profile = join(dir, 'profile')
    const renderer = fakeRenderer(dir)
    const invoke = (started: Started, channel: string) =>
      fetch(`http://127.0.0.1:${started.port}/bridge/invoke`, {
        method: 'POST',
        headers: { authorization: `Bearer ${started.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ channel }),
      }).then((response) => response.json())

    const first = await startCli(profile, renderer)
    expect(await invoke(first.started, 'workspaces/create-sample')).toMatchObject({ ok: true })
    first.child.kill('SIGTERM')
    await first.exited

    const second = await startCli(profile, renderer)
    expect(second.started.token).not.toBe(first.started.token)
    expect(await invoke(second.started, 'workspaces/list')).toMatchObject({
      ok: true,
      value: [{ id: 'local-sample' }],
    })
    second.child.kill('SIGTERM')
    await second.exited
  })

  it('saves exports into the --exports folder (<profile>/exports by default), and says where', async () => {
    const dir = tempDir()
    const profile = join(dir, 'profile')
    const renderer = fakeRenderer(dir)
    const plain = await startCli(profile, renderer)
    expect(plain.started.exports).toBe(join(profile, 'exports'))
    plain.child.kill('SIGTERM')
    await plain.exited

    const exports = join(dir, 'out', 'exports')
    const cli = await startCli(profile, renderer, ['--exports', exports])
    expect(cli.started.exports).toBe(exports)
    const payload = {
      format: 'md',
      source: fixturePaper(),
      compareWith: null,
      includeComments: false,
      suggestedName: 'Notat',
    }
    const answer = await fetch(`http://127.0.0.1:${cli.started.port}/bridge/invoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${cli.started.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'export/save', payload }),
    }).then((response) => response.json())
    expect(answer).toEqual({ ok: true, value: { path: join(exports, 'Notat.md') } })
    expect(readFileSync(join(exports, 'Notat.md'), 'utf8')).toContain(fixturePaper().title)
    cli.child.kill('SIGTERM')
    await cli.exited
  })

  it('--build (npm run preview) gives each preview its own build: a second start leaves the first one’s files alone, and each removes its own when it stops', async () => {
    const dir = tempDir()
    const buildOf = (pid: number | undefined) =>
      readdirSync(PREVIEW_BUILDS).find((name) => name.startsWith(`${pid}-`))
    const asset = async (started: Started) => {
      const page = await (await fetch(`http://127.0.0.1:${started.port}/index.html`)).text()
      const script = /src="(\/assets\/[^"]+\.js)"/.exec(page)?.[1]
      return (await fetch(`http://127.0.0.1:${started.port}${script}`)).status
    }
    const first = run(['--build', '--profile', join(dir, 'kari'), '--json'])
    const kari = JSON.parse(await first.firstLine) as Started
    const kariBuild = buildOf(first.child.pid)
    expect(kariBuild).toBeDefined()
    expect(await asset(kari)).toBe(200)

    const second = run(['--build', '--profile', join(dir, 'ola'), '--json'])
    const ola = JSON.parse(await second.firstLine) as Started
    expect(buildOf(second.child.pid)).not.toBe(kariBuild)
    expect(ola.token).not.toBe(kari.token)
    expect(await asset(kari)).toBe(200)
    expect(await asset(ola)).toBe(200)

    first.child.kill('SIGTERM')
    expect(await first.exited).toBe(0)
    expect(buildOf(first.child.pid)).toBeUndefined()
    expect(await asset(ola)).toBe(200)
    second.child.kill('SIGTERM')
    expect(await second.exited).toBe(0)
    expect(buildOf(second.child.pid)).toBeUndefined()
  }, 240_000)

  it('documents --exports and how PDF is printed in its --help', async () => {
    const cli = run(['--help'])
    expect(await cli.exited).toBe(0)
    expect(cli.stderr()).toContain('--exports DIR')
    expect(cli.stderr()).toContain('SAMSTEMT_CHROMIUM')
  })

  it('says to build first when there is no built renderer', async () => {
    const cli = run(['--renderer', join(tempDir(), 'nothing')])
    expect(await cli.exited).toBe(1)
    expect(cli.stderr()).toContain('npm run build')
  })

  it('refuses a port that is not a number', async () => {
    const cli = run(['--port', 'eighty'])
    expect(await cli.exited).toBe(2)
    expect(cli.stderr()).toContain('Usage')
  })
})
