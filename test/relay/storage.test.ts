import { closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, test } from 'vitest'
import type * as Y from 'yjs'
import { CloseCode, paperRoom } from '../../shared/protocol/index.ts'
import { useTempDir } from '../helpers/temp-dir.ts'
import { runCli, runCliJson } from './helpers/cli.ts'
import { connectClient, type Client } from './helpers/clients.ts'
import { seedWorkspace, type Seeded } from './helpers/members.ts'
import { spawnRelay, type RelayProcess } from './helpers/relay-process.ts'
import { waitFor, within } from './helpers/wait.ts'

const tempDir = useTempDir('samstemt-relay-storage-')
const open: { clients: Client[]; relays: RelayProcess[] } = { clients: [], relays: [] }

afterEach(async () => {
  for (const client of open.clients.splice(0)) client.destroy()
  await Promise.all(open.relays.splice(0).map((relay) => relay.stop()))
})

const ROOM = paperRoom('w', 'p')

async function relay(file: string, args: string[] = []): Promise<RelayProcess> {
  const running = await spawnRelay(file, args)
  open.relays.push(running)
  return running
}

function client(running: RelayProcess, token: string, doc?: Y.Doc): Client {
  const c = connectClient(running.url, ROOM, token, { doc, durable: true })
  open.clients.push(c)
  return c
}

/** A relay database with a paper three clients wrote to, each its own line; the relay stopped. */
async function written(): Promise<{ file: string; seeded: Seeded; docs: Y.Doc[] }> {
  const file = join(tempDir(), 'relay.sqlite')
  const seeded = await seedWorkspace(file)
  const running = await relay(file)
  const docs: Y.Doc[] = []
  for (const [i, line] of ['Byene trenger.', 'Fylkene også.', 'Staten betaler.'].entries()) {
    const c = client(running, seeded.tokens.editor)
    await c.synced()
    c.doc.getMap('lines').set(`l${i}`, line)
    await waitFor(() => c.committed()?.get(c.doc.clientID) === 1, 'the line to be saved')
    docs.push(c.doc)
  }
  for (const c of open.clients.splice(0)) c.provider.destroy()
  await open.relays.pop()!.stop()
  return { file, seeded, docs }
}

/** Overwrites one page of `table`'s b-tree leaves with garbage, as a failing disk would. */
function damagePage(file: string, table: string): void {
  const db = new Database(file)
  const page = db
    .prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno")
    .get(table) as { pageno: number }
  const size = db.pragma('page_size', { simple: true }) as number
  db.close()
  const fd = openSync(file, 'r+')
  writeSync(fd, Buffer.alloc(size, 0x5a), 0, size, (page.pageno - 1) * size)
  closeSync(fd)
}

function rotRows(file: string, which: (seqs: number[]) => number[]): void {
  const db = new Database(file)
  const seqs = (db.prepare('SELECT seq FROM updates ORDER BY seq').all() as { seq: number }[]).map(
    (r) => r.seq,
  )
  for (const seq of which(seqs)) {
    db.prepare('UPDATE updates SET data = ? WHERE seq = ?').run(Buffer.from([2, 7, 255]), seq)
  }
  db.close()
}

describe('a damaged database', () => {
  test('is refused at start: exit 1, a message naming the file and what to do, the file untouched', async () => {
    const { file } = await written()
    damagePage(file, 'updates')
    const before = readFileSync(file)
    const result = await runCli(['serve', '--data', file, '--port', '0'])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(file)
    expect(result.stderr).toMatch(/damaged.*--recover/s)
    expect(readFileSync(file).equals(before)).toBe(true)
  })

  test('serve --recover moves it aside and goes on with what can be read: tokens keep working', async () => {
    const { file, seeded, docs } = await written()
    damagePage(file, 'updates')
    const running = await relay(file, ['--recover'])
    expect(running.log()).toContain('store-salvaged')
    const reader = client(running, seeded.tokens.reviewer)
    await reader.synced()
    // The writers' apps still hold every line: reconnecting, they send what the relay lost.
    for (const doc of docs) client(running, seeded.tokens.editor, doc)
    await waitFor(() => reader.doc.getMap('lines').size === 3, 'every line to be back')
  })

  test('recover leaves a sound database alone and salvages a damaged one', async () => {
    const { file } = await written()
    expect(await runCliJson<{ damaged: boolean }>(['recover', '--data', file])).toEqual({
      damaged: false,
    })
    damagePage(file, 'updates')
    const salvaged = await runCliJson<{ damaged: boolean; movedTo: string }>([
      'recover',
      '--data',
      file,
    ])
    expect(salvaged.damaged).toBe(true)
    expect(existsSync(salvaged.movedTo)).toBe(true)
    expect((await runCli(['members', '--data', file, '--workspace', 'w'])).code).toBe(0)
  })
})

describe('a room with damaged rows', () => {
  test('loads every row it can, reports the rest, and never sends clients into a 1011 loop', async () => {
    const { file, seeded, docs } = await written()
    rotRows(file, (seqs) => [seqs[1]!])
    const running = await relay(file, ['--metrics-port', '0'])
    const reader = client(running, seeded.tokens.reviewer)
    await reader.synced()
    expect(reader.doc.getMap('lines').toJSON()).toEqual({
      l0: 'Byene trenger.',
      l2: 'Staten betaler.',
    })
    expect(running.log()).toContain('"event":"room-damaged"')
    const metrics = await (await fetch(`http://127.0.0.1:${running.metricsPort}/metrics`)).text()
    expect(metrics).toMatch(/^samstemt_damaged_rows 1$/m)
    // The line's writer still has it: reconnecting brings it back.
    client(running, seeded.tokens.editor, docs[1])
    await waitFor(() => reader.doc.getMap('lines').size === 3, 'the lost line to come back')
  })

  test('a room of which nothing can be read is refused with 4410, once: the client stops retrying', async () => {
    const { file, seeded } = await written()
    rotRows(file, (seqs) => seqs)
    const running = await relay(file)
    const reader = client(running, seeded.tokens.reviewer)
    expect((await within(reader.closed, 'the refusal')).code).toBe(CloseCode.roomDamaged)
    await within(reader.gaveUp, 'the client to stop retrying')
  })
})
