import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { indexRoom } from '../../shared/protocol/index.ts'
import { useTempDir } from '../helpers/temp-dir.ts'
import { connectClient } from '../relay/helpers/clients.ts'
import { waitFor, within } from '../relay/helpers/wait.ts'
import { shellBlock, runLine, startLine } from './helpers/doc-commands.ts'
import {
  claimInvite,
  OLDEST_NODE,
  oldestNodeDir,
  posingAs,
  ROOT,
  shipEnv,
} from './helpers/relay-package.ts'

// The relay as an operator gets it: docs/relay.md's Install lines run as written (npm pack of
// relay/, installed with npm into an empty prefix, its dependencies from the registry), then its
// Quick start lines as written, and a stock y-websocket client on the relay they started.

const tempDir = useTempDir('samstemt-relay-package-')
const TARBALL = 'samstemt-relay-0.1.0.tgz'
let shared: string
let prefix: string
let files: string[]

/** A user who set nothing but where npm installs global packages, with that bin on PATH. */
function operator(home: string): NodeJS.ProcessEnv {
  const env = Object.entries(
    shipEnv({ HOME: home, XDG_DATA_HOME: '', npm_config_prefix: prefix }),
  ).filter(([name]) => !name.startsWith('SAMSTEMT_RELAY_'))
  const path = [join(prefix, 'bin'), process.env.PATH ?? ''].join(delimiter)
  return { ...Object.fromEntries(env), PATH: [dirname(process.execPath), path].join(delimiter) }
}

beforeAll(async () => {
  // One package for every test in this file, so not a per-test folder.
  shared = mkdtempSync(join(tmpdir(), 'samstemt-relay-package-'))
  prefix = join(shared, 'prefix')
  const lines = shellBlock('docs/relay.md', '## Install')
  expect(lines).toEqual([
    expect.stringMatching(/^npm run relay:pack /),
    `npm install --global ./${TARBALL}`,
  ])
  try {
    for (const line of lines) {
      const ran = await runLine(line, ROOT, operator(join(shared, 'home')))
      expect(ran.code, `${line}\n${ran.stdout}\n${ran.stderr}`).toBe(0)
    }
    const listing = await runLine(`tar -tzf ${TARBALL}`, ROOT, shipEnv())
    files = listing.stdout
      .split('\n')
      .filter(Boolean)
      .map((path) => path.replace(/^package\//, ''))
  } finally {
    rmSync(join(ROOT, TARBALL), { force: true })
  }
}, 300_000)
afterAll(() => rmSync(shared, { recursive: true, force: true }))

const bin = () => join(prefix, 'bin', 'samstemt-relay')

function relayCommand(args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(bin(), args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', (error) => resolve({ code: null, stdout, stderr: String(error) }))
    child.on('exit', (code) => resolve({ code, stdout, stderr }))
  })
}

/** docs/relay.md's Quick start lines run as written in `home`, then a stock client on its relay. */
async function quickStart(home: string, operatorEnv: NodeJS.ProcessEnv): Promise<void> {
  // Port 0 instead of 4455, so that tests running side by side do not collide.
  const env = { ...operatorEnv, SAMSTEMT_RELAY_PORT: '0' }
  const lines = shellBlock('docs/relay.md', '## Quick start')
  const serveLine = lines.pop() ?? ''
  expect(serveLine).toMatch(/^samstemt-relay serve\b/)
  let token = ''
  for (const line of lines) {
    const ran = await runLine(line, home, env)
    expect(ran.code, `${line}\n${ran.stderr}`).toBe(0)
    token = /^Token:\s+(\S+)$/m.exec(ran.stdout)?.[1] ?? token
    expect(ran.stdout).not.toContain('{"')
  }
  expect(token).not.toBe('')
  const served = startLine(serveLine, home, env)
  try {
    await waitFor(() => /listening on ws:\/\//.test(served.output()), 'the relay to listen', 20_000)
    expect(served.output()).toContain(
      `Relay database: ${join(home, '.local/share/samstemt-relay/relay.sqlite')}`,
    )
    const url = /listening on (ws:\/\/\S+)/.exec(served.output())?.[1] ?? ''
    // The invite is claimed once, as the app's Join screen does; the member's key connects.
    const key = await claimInvite(url, token)
    const client = connectClient(url, indexRoom('smart-cities'), key, { durable: true })
    try {
      await client.synced()
      client.doc.getMap('papers').set('p1', 'Byene trenger forutsigbar finansiering')
      // The store's writer thread, started from the built output, committed it.
      await waitFor(() => (client.committed()?.get(client.doc.clientID) ?? 0) > 0, 'the commit')
    } finally {
      client.destroy()
    }
  } finally {
    expect(await within(served.stop(), 'the relay to stop', 20_000)).toBe(0)
  }
}

describe('the relay package', () => {
  test('holds the built JavaScript and its bin, not the TypeScript, the tests or the app', () => {
    expect(files).toContain('bin/samstemt-relay.js')
    expect(files).toContain('dist/server/cli.js')
    expect(files).toContain('dist/server/watchdog-thread.js')
    expect(files).toContain('dist/shared/store/writer-thread.js')
    expect(files.filter((file) => /\.(ts|tsx)$/.test(file))).toEqual([])
    expect(files.filter((file) => /(^|\/)(test|renderer|electron)\//.test(file))).toEqual([])
  })

  test('docs/relay.md’s Quick start, run as written, serves a stock y-websocket client', async () => {
    const home = tempDir()
    await quickStart(home, operator(home))
  })

  test(`the same Quick start on the oldest Node the package supports (${OLDEST_NODE})`, async () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'relay/package.json'), 'utf8')) as {
      engines: { node: string }
    }
    expect(manifest.engines.node).toBe(`>=${OLDEST_NODE.replace(/\.0$/, '')}`)
    const home = tempDir()
    const env = operator(home)
    const oldest = await oldestNodeDir()
    const onPath = { ...env, PATH: [oldest, env.PATH ?? ''].join(delimiter) }
    const version = await runLine('node --version', home, onPath)
    expect(version.stdout.trim()).toBe(`v${OLDEST_NODE}`)
    await quickStart(home, onPath)
  }, 300_000)

  test('the installed relay answers --version, starts its watchdog thread and backs up', async () => {
    const home = tempDir()
    const env = operator(home)
    expect((await relayCommand(['--version'], env)).stdout.trim()).toBe('0.1.0')
    expect((await relayCommand(['workspace', 'create', '--name', 'A'], env)).code).toBe(0)
    const child = spawn(bin(), ['serve', '--port', '0', '--health-port', '0', '--json'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
    try {
      const line = await within(
        new Promise<string>((resolve) =>
          createInterface({ input: child.stdout }).once('line', resolve),
        ),
        'the installed relay to listen',
        20_000,
      )
      const { healthPort } = JSON.parse(line) as { healthPort: number }
      expect(await (await fetch(`http://127.0.0.1:${healthPort}/healthz`)).json()).toMatchObject({
        ok: true,
      })
      const out = join(home, 'backup.sqlite')
      const backedUp = await relayCommand(['backup', '--out', out], env)
      expect(backedUp.code, backedUp.stderr).toBe(0)
      expect(existsSync(out)).toBe(true)
    } finally {
      child.kill('SIGTERM')
    }
    expect(await within(exited, 'the relay to stop', 20_000)).toBe(0)
  })

  test('on a Node older than 22.14 it says which Node it needs, instead of crashing inside better-sqlite3', async () => {
    // The Node running the tests, made to report 22.13.1 before the bin runs.
    const older = posingAs('22.13.1')
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', older, bin(), 'help'], {
        env: shipEnv(),
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let stderr = ''
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      child.on('exit', (code) => resolve({ code, stderr }))
    })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('samstemt-relay needs Node.js 22.14 or newer')
    expect(result.stderr).toContain('this is Node 22.13.1')
  })
})
