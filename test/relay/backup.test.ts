import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { paperRoom } from '../../shared/protocol/index.ts'
import { useTempDir } from '../helpers/temp-dir.ts'
import { runCli } from './helpers/cli.ts'
import { connectClient, type Client } from './helpers/clients.ts'
import { seedWorkspace } from './helpers/members.ts'
import { spawnRelay, type RelayProcess } from './helpers/relay-process.ts'
import { waitFor } from './helpers/wait.ts'

const tempDir = useTempDir('samstemt-relay-backup-')
const open: { clients: Client[]; relays: RelayProcess[] } = { clients: [], relays: [] }

afterEach(async () => {
  for (const client of open.clients.splice(0)) client.destroy()
  await Promise.all(open.relays.splice(0).map((relay) => relay.stop()))
})

const ROOM = paperRoom('w', 'p')

async function relay(file: string): Promise<RelayProcess> {
  const running = await spawnRelay(file)
  open.relays.push(running)
  return running
}

function client(running: RelayProcess, token: string, doc?: Y.Doc): Client {
  const c = connectClient(running.url, ROOM, token, { doc, durable: true })
  open.clients.push(c)
  return c
}

/**
 * A partner who keeps writing lines, one every few milliseconds, and knows which of them the
 * relay has acknowledged as committed (its durability acknowledgement covers the line's clock).
 */
function writer(running: RelayProcess, token: string, name: string) {
  const c = client(running, token)
  const clocks = new Map<string, number>()
  let stopped = false
  const acknowledged = () => {
    const committed = c.committed()?.get(c.doc.clientID) ?? 0
    return [...clocks].filter(([, clock]) => clock <= committed).map(([line]) => line)
  }
  const done = (async () => {
    await c.synced()
    for (let n = 0; !stopped && n < 5000; n++) {
      c.doc.getMap('lines').set(`${name}-${n}`, `${name} skriv linje ${n}`)
      clocks.set(`${name}-${n}`, Y.getState(c.doc.store, c.doc.clientID))
      await new Promise((resolve) => setTimeout(resolve, 2))
    }
  })()
  return {
    client: c,
    acknowledged,
    written: () => [...clocks.keys()],
    stop: async () => {
      stopped = true
      await done
    },
  }
}

describe('backup and restore', () => {
  test('a backup taken while partners write holds every change acknowledged before it; restore brings it back, and the partners’ apps resend the rest', async () => {
    const dir = tempDir()
    const file = join(dir, 'relay.sqlite')
    const seeded = await seedWorkspace(file)
    const running = await relay(file)
    const writers = [
      writer(running, seeded.tokens.editor, 'kari'),
      writer(running, seeded.tokens.coordinator, 'ola'),
    ]
    await waitFor(
      () => writers.every((w) => w.acknowledged().length >= 50),
      'both partners to have 50 lines acknowledged',
      20_000,
    )
    const acknowledgedBefore = writers.flatMap((w) => w.acknowledged())
    const out = join(dir, 'relay-backup.sqlite')
    const backedUp = await runCli(['backup', '--data', file, '--out', out, '--json'])
    expect(backedUp.code, backedUp.stderr).toBe(0)
    await Promise.all(writers.map((w) => w.stop()))
    expect(JSON.parse(backedUp.stdout)).toMatchObject({ out, workspaces: 2, members: 4 })
    // The partners' apps stay open (and keep every line) while the relay is restored.
    await running.stop()
    for (const w of writers) w.client.provider.disconnect()

    const restored = await runCli(['restore', '--data', file, '--from', out, '--json'])
    expect(restored.code, restored.stderr + restored.stdout).toBe(0)
    const { movedTo } = JSON.parse(restored.stdout) as { movedTo: string }
    expect(existsSync(movedTo)).toBe(true)

    // A fresh reader of the restored relay sees every acknowledged line, and no partner has
    // reconnected yet: the lines come from the backup.
    const back = await spawnRelay(file, ['--port', String(running.port)])
    open.relays.push(back)
    const reader = client(back, seeded.tokens.reviewer)
    await reader.synced()
    const lines = reader.doc.getMap('lines')
    expect(acknowledgedBefore.filter((line) => !lines.has(line))).toEqual([])

    // What the backup lacks, the partners' apps still have: they send it when they reconnect.
    for (const w of writers) w.client.provider.connect()
    const everything = writers.flatMap((w) => w.written())
    await waitFor(
      () => everything.every((line) => lines.has(line)),
      'every written line after the partners reconnected',
      20_000,
    )
  })

  test('restore refuses while a relay serves the file, and leaves it alone', async () => {
    const dir = tempDir()
    const file = join(dir, 'relay.sqlite')
    await seedWorkspace(file)
    const out = join(dir, 'backup.sqlite')
    expect((await runCli(['backup', '--data', file, '--out', out])).code).toBe(0)
    await relay(file)
    const refused = await runCli(['restore', '--data', file, '--from', out])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('Stop the relay first')
    expect(existsSync(file)).toBe(true)
    expect((await runCli(['members', '--data', file, '--workspace', 'w'])).code).toBe(0)
  })

  test('backup never overwrites a file unless told to, and restore takes only a relay backup', async () => {
    const dir = tempDir()
    const file = join(dir, 'relay.sqlite')
    await seedWorkspace(file)
    const out = join(dir, 'backup.sqlite')
    expect((await runCli(['backup', '--data', file, '--out', out])).code).toBe(0)
    const again = await runCli(['backup', '--data', file, '--out', out])
    expect(again.code).toBe(1)
    expect(again.stderr).toContain('--force')
    expect((await runCli(['backup', '--data', file, '--out', out, '--force'])).code).toBe(0)
    const nowhere = await runCli(['backup', '--data', file, '--out', join(dir, 'no/such.sqlite')])
    expect(nowhere.stderr).toContain('does not exist')

    const garbage = join(dir, 'notes.txt')
    writeFileSync(garbage, 'Møtenotater, ikke en database')
    const refused = await runCli(['restore', '--data', file, '--from', garbage])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('nothing was changed')
    expect((await runCli(['members', '--data', file, '--workspace', 'w'])).code).toBe(0)
  })
})
