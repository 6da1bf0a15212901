import { join } from 'node:path'
import * as prng from 'lib0/prng'
import { afterEach, describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { CloseCode, isCommitted, paperRoom } from '../../shared/protocol/index.ts'
import { useTempDir } from '../helpers/temp-dir.ts'
import { connectClient, converged, roundTrip, type Client } from './helpers/clients.ts'
import { inspectStore, seedWorkspace } from './helpers/members.ts'
import { spawnRelay, type RelayProcess } from './helpers/relay-process.ts'
import { waitFor, within } from './helpers/wait.ts'

const tempDir = useTempDir('samstemt-relay-durable-')
const open: { clients: Client[]; relays: RelayProcess[] } = { clients: [], relays: [] }
const ROUNDS = 10

afterEach(async () => {
  for (const client of open.clients.splice(0)) client.destroy()
  await Promise.all(
    open.relays.splice(0).map((relay) => (relay.child.exitCode === null ? relay.stop() : null)),
  )
})

function client(...args: Parameters<typeof connectClient>): Client {
  const c = connectClient(...args)
  open.clients.push(c)
  return c
}

const committedAll = (c: Client) => () => {
  const committed = c.committed()
  return committed !== null && isCommitted(c.doc, committed)
}

describe('proof of durability', () => {
  test('an opted-in client learns when its changes are committed; a stock client never sees the message', async () => {
    const file = join(tempDir(), 'relay.sqlite')
    const { tokens } = await seedWorkspace(file)
    const relay = await spawnRelay(file)
    open.relays.push(relay)
    const room = paperRoom('w', 'p')
    const durable = client(relay.url, room, tokens.editor, { durable: true })
    const stock = client(relay.url, room, tokens.coordinator)
    await Promise.all([durable.synced(), stock.synced()])
    durable.doc.getText('body').insert(0, 'Samstemt: i én stemme')
    await waitFor(committedAll(durable), 'the durable acknowledgement')
    await roundTrip(stock)
    expect(stock.committed()).toBeNull()
    // What the relay acknowledged is on disk, seen from another connection to the file.
    await inspectStore(file, (store) => {
      expect(store.load(room).getText('body').toString()).toBe('Samstemt: i én stemme')
    })
  })

  test(`after kill -9 during a burst from several clients, every acknowledged change is on disk (${ROUNDS} rounds)`, async () => {
    const seed = Number(process.env.SAMSTEMT_SEED ?? Date.now() % 100_000)
    const gen = prng.create(seed)
    const file = join(tempDir(), 'relay.sqlite')
    const { tokens } = await seedWorkspace(file)
    const room = paperRoom('w', 'burst')
    const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()]
    const written: { doc: Y.Doc; key: string; clock: number }[] = []
    const acknowledged = new Set<string>()
    for (let round = 0; round < ROUNDS; round++) {
      const relay = await spawnRelay(file, ['--compact-after', String(prng.int32(gen, 20, 400))])
      open.relays.push(relay)
      const clients = docs.map((doc, i) =>
        client(relay.url, room, i === 0 ? tokens.coordinator : tokens.editor, {
          durable: true,
          doc,
        }),
      )
      await Promise.all(clients.map((c) => c.synced()))
      const killAfter = prng.int32(gen, 30, 600)
      const roundStart = clients.map((c) => Y.getState(c.doc.store, c.doc.clientID))
      const ackedThisRound = (c: Client, i: number) =>
        (c.committed()?.get(c.doc.clientID) ?? 0) > (roundStart[i] ?? 0)
      let n = 0
      await new Promise<void>((resolve) => {
        const burst = () => {
          for (const c of clients) {
            const key = `r${round}-${n++}`
            c.doc.getMap('keys').set(key, n)
            written.push({ doc: c.doc, key, clock: Y.getState(c.doc.store, c.doc.clientID) })
          }
          // Kill mid-burst, once the relay has acknowledged some of this round's writes.
          if (n >= killAfter && clients.some(ackedThisRound)) resolve()
          else setImmediate(burst)
        }
        burst()
      })
      relay.child.kill('SIGKILL')
      await within(relay.exited, 'the relay to die')
      for (const c of clients) {
        const committed = c.committed()
        for (const w of written) {
          if (
            w.doc === c.doc &&
            committed !== null &&
            (committed.get(w.doc.clientID) ?? 0) >= w.clock
          )
            acknowledged.add(w.key)
        }
        c.provider.destroy()
      }
      await inspectStore(file, (store) => {
        const keys = store.load(room).getMap('keys')
        const lost = [...acknowledged].filter((key) => !keys.has(key))
        expect(lost, `seed ${seed}, round ${round}: acknowledged but lost`).toEqual([])
      })
    }
    expect(acknowledged.size).toBeGreaterThan(0)
    const relay = await spawnRelay(file)
    open.relays.push(relay)
    // Each doc comes back as the member who wrote with it: its client id is theirs.
    const clients = docs.map((doc, i) =>
      client(relay.url, room, i === 0 ? tokens.coordinator : tokens.editor, { durable: true, doc }),
    )
    await converged(clients, `seed ${seed}: the clients to converge after the crashes`)
    await Promise.all(clients.map((c) => waitFor(committedAll(c), 'everything to be committed')))
    await inspectStore(file, (store) => {
      expect(store.load(room).getMap('keys').size).toBe(written.length)
    })
  }, 120_000)

  test('SIGTERM commits what arrived, tells opted-in clients, closes sockets with 1012 and exits 0', async () => {
    const file = join(tempDir(), 'relay.sqlite')
    const { tokens } = await seedWorkspace(file)
    const relay = await spawnRelay(file)
    open.relays.push(relay)
    const room = paperRoom('w', 'term')
    const writer = client(relay.url, room, tokens.editor, { durable: true })
    await writer.synced()
    for (let i = 0; i < 200; i++) writer.doc.getMap('keys').set(`k${i}`, i)
    await roundTrip(writer)
    relay.child.kill('SIGTERM')
    expect((await within(writer.closed, 'the close')).code).toBe(CloseCode.restarting)
    expect(await within(relay.exited, 'the exit')).toEqual({ code: 0, signal: null })
    expect(committedAll(writer)()).toBe(true)
    await inspectStore(file, (store) => expect(store.load(room).getMap('keys').size).toBe(200))
  })
})
