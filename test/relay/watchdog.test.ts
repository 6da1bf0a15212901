import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { paperRoom } from '../../shared/protocol/index.ts'
import { useTempDir } from '../helpers/temp-dir.ts'
import { connectClient, type Client } from './helpers/clients.ts'
import { seedWorkspace } from './helpers/members.ts'
import { spawnRelay, type RelayProcess } from './helpers/relay-process.ts'
import { waitFor, within } from './helpers/wait.ts'

const tempDir = useTempDir('samstemt-relay-watchdog-')
const BLOCK = join(import.meta.dirname, 'helpers/block-on-signal.ts')
const open: { clients: Client[]; relays: RelayProcess[] } = { clients: [], relays: [] }

afterEach(async () => {
  for (const client of open.clients.splice(0)) client.destroy()
  for (const relay of open.relays.splice(0)) relay.child.kill('SIGKILL')
})

async function health(port: number): Promise<{ status: number; body: { ok: boolean } }> {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`, {
    signal: AbortSignal.timeout(1000),
  })
  return { status: response.status, body: (await response.json()) as { ok: boolean } }
}

describe('the watchdog', () => {
  test('reports a stuck event loop from its own thread, kills the relay, and a restart has every saved change', async () => {
    const file = join(tempDir(), 'relay.sqlite')
    const { tokens } = await seedWorkspace(file)
    const args = ['--watchdog-seconds', '3', '--health-port', '0']
    const relay = await spawnRelay(file, args, ['--import', BLOCK])
    open.relays.push(relay)
    const healthPort = relay.healthPort!
    expect(await health(healthPort)).toEqual({
      status: 200,
      body: expect.objectContaining({ ok: true }),
    })
    const writer = connectClient(relay.url, paperRoom('w', 'p'), tokens.editor, { durable: true })
    open.clients.push(writer)
    await writer.synced()
    writer.doc.getText('notes').insert(0, 'Lagret før stoppen.')
    await waitFor(() => writer.committed()?.get(writer.doc.clientID) === 19, 'the save')

    relay.child.kill('SIGUSR2')
    // The relay's own port cannot answer now; the watchdog thread's can.
    const deadline = Date.now() + 5000
    let status = 200
    while (status !== 503 && Date.now() < deadline) {
      status = (await health(healthPort).catch(() => ({ status: 0 }))).status
    }
    expect(status).toBe(503)
    expect(await within(relay.exited, 'the watchdog to end the relay', 10_000)).toEqual({
      code: null,
      signal: 'SIGKILL',
    })
    expect(relay.log()).toContain('"event":"watchdog-kill"')

    const again = await spawnRelay(file)
    open.relays.push(again)
    const reader = connectClient(again.url, paperRoom('w', 'p'), tokens.reviewer)
    open.clients.push(reader)
    await waitFor(
      () => reader.doc.getText('notes').toString() === 'Lagret før stoppen.',
      'the saved text',
    )
  })

  test('pings systemd (WatchdogSec) while the event loop runs, and stops when it is stuck', async () => {
    const dir = tempDir()
    const file = join(dir, 'relay.sqlite')
    await seedWorkspace(file)
    // A stand-in for systemd-notify that records what it was told.
    const bin = join(dir, 'bin')
    const said = join(dir, 'notified')
    mkdirSync(bin)
    writeFileSync(join(bin, 'systemd-notify'), `#!/bin/sh\necho "$@" >> '${said}'\n`, {
      mode: 0o755,
    })
    const env = {
      PATH: `${bin}:${process.env.PATH ?? ''}`,
      NOTIFY_SOCKET: join(dir, 'notify.sock'),
      WATCHDOG_USEC: '500000',
    }
    const relay = await spawnRelay(
      file,
      ['--watchdog-seconds', '0', '--health-port', '0'],
      ['--import', BLOCK],
      env,
    )
    open.relays.push(relay)
    const lines = () => (existsSync(said) ? readFileSync(said, 'utf8').trim().split('\n') : [])
    await waitFor(() => lines().includes('READY=1'), 'READY=1')
    await waitFor(() => lines().filter((l) => l === 'WATCHDOG=1').length >= 2, 'watchdog pings')
    relay.child.kill('SIGUSR2')
    // The watchdog thread's own report of how long the loop has been stuck is the clock here.
    const stalledFor = async (ms: number) => {
      for (;;) {
        const response = await fetch(`http://127.0.0.1:${relay.healthPort}/healthz`)
        const body = (await response.json()) as { eventLoopStalledMs: number }
        if (body.eventLoopStalledMs >= ms) return
      }
    }
    await within(stalledFor(1000), 'the loop to be stuck for a second')
    const stalled = lines().length
    await within(stalledFor(3000), 'the loop to be stuck for three seconds')
    expect(lines().length).toBe(stalled)
  })
})
