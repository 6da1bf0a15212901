import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { indexRoom } from '../../shared/protocol/index.ts'
import { useTempDir } from '../helpers/temp-dir.ts'
import { connectClient } from '../relay/helpers/clients.ts'
import { waitFor, within } from '../relay/helpers/wait.ts'
import { npm, packRelay, posingAs, shipEnv, type PackedRelay } from './helpers/relay-package.ts'

// The relay as an operator gets it: `npm pack` of relay/, installed with npm into an empty prefix
// (its dependencies from the registry), run by its bin, with a stock y-websocket client.

const tempDir = useTempDir('samstemt-relay-package-')
let packed: PackedRelay
let prefix: string

let shared: string
beforeAll(async () => {
  // One package for every test in this file, so not a per-test folder.
  const dir = (shared = mkdtempSync(join(tmpdir(), 'samstemt-relay-package-')))
  packed = await packRelay(dir)
  prefix = join(dir, 'prefix')
  await npm(['install', '--global', '--prefix', prefix, packed.tarball], dir)
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

describe('the relay package', () => {
  test('holds the built JavaScript and its bin, not the TypeScript, the tests or the app', () => {
    expect(packed.files).toContain('bin/samstemt-relay.js')
    expect(packed.files).toContain('dist/server/cli.js')
    expect(packed.files).toContain('dist/server/watchdog-thread.js')
    expect(packed.files).toContain('dist/shared/store/writer-thread.js')
    expect(packed.files.filter((file) => /\.(ts|tsx)$/.test(file))).toEqual([])
    expect(packed.files.filter((file) => /(^|\/)(test|renderer|electron)\//.test(file))).toEqual([])
  })

  test('installed into an empty prefix, its bin serves a stock y-websocket client with no flags but a port', async () => {
    const home = tempDir()
    const env = shipEnv({ HOME: home, XDG_DATA_HOME: '', SAMSTEMT_RELAY_DATA: '' })
    expect((await relayCommand(['--version'], env)).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/)
    const created = await relayCommand(
      ['workspace', 'create', '--name', 'Smarte byer', '--id', 'sb'],
      env,
    )
    expect(created.code, created.stderr).toBe(0)
    const invited = await relayCommand(
      [
        'invite',
        '--workspace',
        'sb',
        '--name',
        'Kari',
        '--org',
        'UiS',
        '--role',
        'editor',
        '--url',
        'ws://127.0.0.1:4455',
        '--json',
      ],
      env,
    )
    expect(invited.code, invited.stderr).toBe(0)
    const { token } = JSON.parse(invited.stdout) as { token: string }

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
      const { url, healthPort, data } = JSON.parse(line) as {
        url: string
        healthPort: number
        data: string
      }
      expect(data).toBe(join(home, '.local/share/samstemt-relay/relay.sqlite'))
      // The watchdog thread answers from the built output.
      expect(await (await fetch(`http://127.0.0.1:${healthPort}/healthz`)).json()).toMatchObject({
        ok: true,
      })
      const client = connectClient(url, indexRoom('sb'), token, { durable: true })
      try {
        await client.synced()
        client.doc.getMap('papers').set('p1', 'Byene trenger forutsigbar finansiering')
        // The store's writer thread committed it: the relay acknowledged it as on disk.
        await waitFor(() => (client.committed()?.get(client.doc.clientID) ?? 0) > 0, 'the commit')
      } finally {
        client.destroy()
      }
    } finally {
      child.kill('SIGTERM')
    }
    expect(await within(exited, 'the relay to stop', 20_000)).toBe(0)
    const out = join(home, 'backup.sqlite')
    expect((await relayCommand(['backup', '--out', out], env)).code).toBe(0)
    expect(existsSync(out)).toBe(true)
  })

  test('on a Node older than 22.12 it says which Node it needs, instead of failing inside a library', async () => {
    // The Node running the tests, made to report 22.11.0 before the bin runs.
    const older = posingAs('22.11.0')
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
    expect(result.stderr).toContain('samstemt-relay needs Node.js 22.12 or newer')
    expect(result.stderr).toContain('this is Node 22.11.0')
  })
})
