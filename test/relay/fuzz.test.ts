import { join } from 'node:path'
import * as encoding from 'lib0/encoding'
import * as prng from 'lib0/prng'
import { afterEach, expect, test } from 'vitest'
import * as Y from 'yjs'
import { CloseCode, paperRoom } from '../../shared/protocol/index.ts'
import { useTempDir } from '../helpers/temp-dir.ts'
import { connectClient, converged, type Client } from './helpers/clients.ts'
import { inspectStore, seedWorkspace } from './helpers/members.ts'
import { sendRaw } from './helpers/raw-socket.ts'
import { spawnRelay, type RelayProcess } from './helpers/relay-process.ts'

const tempDir = useTempDir('samstemt-relay-fuzz-')
const FRAMES = 2500
const CONCURRENCY = 16
const open: { clients: Client[]; relays: RelayProcess[] } = { clients: [], relays: [] }

afterEach(async () => {
  for (const client of open.clients.splice(0)) client.destroy()
  await Promise.all(open.relays.splice(0).map((relay) => relay.stop()))
})

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  write(encoder)
  return encoding.toUint8Array(encoder)
}

/** One malformed (or, by chance, valid) frame of a seeded kind. */
function malformed(gen: prng.PRNG, validUpdate: Uint8Array): Uint8Array | string {
  const bytes = (n: number) => prng.uint8Array(gen, n)
  switch (prng.int32(gen, 0, 8)) {
    case 0:
      return bytes(prng.int32(gen, 0, 64))
    case 1: // truncated varints
      return new Uint8Array(prng.int32(gen, 1, 12)).fill(0x80)
    case 2: // unknown message types, ours included: clients never send messageDurable
      return frame((e) =>
        encoding.writeVarUint(e, prng.oneOf(gen, [2, 4, 5, 99, 100, 127, 2 ** 31])),
      )
    case 3: // huge length prefixes
      return frame(
        (e) => (
          encoding.writeVarUint(e, prng.int32(gen, 0, 1)),
          encoding.writeVarUint(e, 2),
          encoding.writeVarUint(e, 2 ** 32 - prng.int32(gen, 1, 100))
        ),
      )
    case 4: // a sync update with random bytes inside
      return frame(
        (e) => (
          encoding.writeVarUint(e, 0),
          encoding.writeVarUint(e, prng.int32(gen, 1, 2)),
          encoding.writeVarUint8Array(e, bytes(prng.int32(gen, 0, 40)))
        ),
      )
    case 5: {
      // a real update with some bytes changed or cut short
      const update = validUpdate.slice(0, prng.int32(gen, 1, validUpdate.length))
      for (let i = 0; i < 3; i++)
        update[prng.int32(gen, 0, update.length - 1)] = prng.uint32(gen, 0, 255)
      return frame(
        (e) => (
          encoding.writeVarUint(e, 0),
          encoding.writeVarUint(e, 2),
          encoding.writeVarUint8Array(e, update)
        ),
      )
    }
    case 6: // unknown sync sub-type
      return frame(
        (e) => (
          encoding.writeVarUint(e, 0),
          encoding.writeVarUint(e, prng.int32(gen, 3, 200)),
          encoding.writeVarUint8Array(e, bytes(4))
        ),
      )
    case 7: // awareness that is not JSON
      return frame(
        (e) => (
          encoding.writeVarUint(e, 1),
          encoding.writeVarUint8Array(
            e,
            frame(
              (a) => (
                encoding.writeVarUint(a, 1),
                encoding.writeVarUint(a, prng.uint32(gen, 0, 1000)),
                encoding.writeVarUint(a, 1),
                encoding.writeVarString(a, '{not json')
              ),
            ),
          )
        ),
      )
    default:
      return 'text frames are not the protocol'
  }
}

test(`${FRAMES} seeded malformed frames close only their own sockets; the relay and its clients carry on`, async () => {
  const seed = Number(process.env.SAMSTEMT_SEED ?? Date.now() % 100_000)
  const gen = prng.create(seed)
  const file = join(tempDir(), 'relay.sqlite')
  const { tokens } = await seedWorkspace(file)
  const relay = await spawnRelay(file, ['--quiet'])
  open.relays.push(relay)
  const room = paperRoom('w', 'fuzzed')
  const a = connectClient(relay.url, room, tokens.editor)
  const b = connectClient(relay.url, room, tokens.coordinator)
  open.clients.push(a, b)
  a.doc.getText('notes').insert(0, 'Before the storm. ')
  await converged([a, b])

  const source = new Y.Doc()
  source.getText('body').insert(0, 'Sent by the fuzzer')
  source.getMap('meta').set('title', 'x')
  const validUpdate = Y.encodeStateAsUpdate(source)
  const frames = Array.from({ length: FRAMES }, () => malformed(gen, validUpdate))
  const codes = new Map<number | 'open', number>()
  let next = 0
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < frames.length) {
        const outcome = await sendRaw(relay.url, room, tokens.editor, [frames[next++]!])
        const key = outcome.closed ? outcome.code : 'open'
        codes.set(key, (codes.get(key) ?? 0) + 1)
      }
    }),
  )

  const allowed = new Set<number | 'open'>([
    'open',
    CloseCode.malformed,
    CloseCode.invalidUpdate,
    CloseCode.outOfOrder,
  ])
  expect(
    [...codes.keys()].filter((code) => !allowed.has(code)),
    `seed ${seed}: ${JSON.stringify([...codes])}`,
  ).toEqual([])
  expect(codes.get(CloseCode.malformed)).toBeGreaterThan(FRAMES / 4)

  const health = await fetch(`${relay.url.replace('ws', 'http')}/healthz`)
  expect(await health.json()).toMatchObject({ ok: true })
  a.doc.getText('notes').insert(0, 'After the storm. ')
  b.doc.getMap('meta').set('status', 'review')
  const late = connectClient(relay.url, room, tokens.reviewer)
  open.clients.push(late)
  await converged([a, b, late], `seed ${seed}: the clients to converge after the fuzzing`)
  expect(late.doc.getText('notes').toString()).toBe('After the storm. Before the storm. ')

  await relay.stop()
  open.relays.length = 0
  await inspectStore(file, (store) => {
    const stored = store.load(room)
    expect(stored.getText('notes').toString()).toBe('After the storm. Before the storm. ')
    expect(stored.getText('body').toString()).toBe(late.doc.getText('body').toString())
  })
}, 120_000)
