import { join } from 'node:path'
import * as prng from 'lib0/prng'
import { afterEach, describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import {
  addThread,
  changeStatus,
  createAnchor,
  paperBody,
  readThreads,
  readWorkflow,
  type Author,
} from '../../shared/model/index.ts'
import { CloseCode, commentsRoom, paperRoom, workflowRoom } from '../../shared/protocol/index.ts'
import { judgeUpdate, parseUpdate } from '../../shared/updates/index.ts'
import { useTempDir } from '../helpers/temp-dir.ts'
import { connectClient, converged, roundTrip, type Client } from './helpers/clients.ts'
import {
  awarenessClock,
  awarenessFrame,
  gcUpdate,
  itemUpdate,
  nested,
  syncUpdateFrame,
} from './helpers/forge.ts'
import { inspectStore, seedWorkspace, type Seeded } from './helpers/members.ts'
import { openRaw, sendRaw, type RawPeer } from './helpers/raw-socket.ts'
import { spawnRelay, type RelayProcess } from './helpers/relay-process.ts'
import { waitFor, within } from './helpers/wait.ts'

const tempDir = useTempDir('samstemt-relay-trust-')
const open: { clients: Client[]; peers: RawPeer[]; relays: RelayProcess[] } = {
  clients: [],
  peers: [],
  relays: [],
}

afterEach(async () => {
  for (const client of open.clients.splice(0)) client.destroy()
  for (const peer of open.peers.splice(0)) peer.ws.terminate()
  // A frozen relay ignores SIGTERM: after the grace, it is killed.
  await Promise.all(
    open.relays.splice(0).map(async (relay) => {
      relay.child.kill('SIGTERM')
      const timer = setTimeout(() => relay.child.kill('SIGKILL'), 5000)
      await relay.exited
      clearTimeout(timer)
    }),
  )
})

/** The relay as its own process, as in production: a freeze or a crash cannot take the test down. */
async function setup(): Promise<{ relay: RelayProcess; seeded: Seeded; file: string }> {
  const file = join(tempDir(), 'relay.sqlite')
  const seeded = await seedWorkspace(file)
  const relay = await spawnRelay(file)
  open.relays.push(relay)
  return { relay, seeded, file }
}

function client(relay: RelayProcess, room: string, token: string, durable = false): Client {
  const c = connectClient(relay.url, room, token, { durable })
  open.clients.push(c)
  return c
}

async function raw(relay: RelayProcess, room: string, token: string): Promise<RawPeer> {
  const peer = await openRaw(relay.url, room, token)
  open.peers.push(peer)
  return peer
}

/** GET /healthz, failing unless the relay answers within `ms`. */
async function health(relay: RelayProcess, ms = 1000): Promise<unknown> {
  const response = await within(
    fetch(`${relay.url.replace('ws', 'http')}/healthz`, { signal: AbortSignal.timeout(ms) }),
    '/healthz',
    ms,
  )
  return response.json()
}

const author = (seeded: Seeded, role: 'coordinator' | 'editor' | 'reviewer'): Author => ({
  memberId: seeded.memberIds[role],
  name: `A ${role}`,
  organisation: 'UiS',
})

describe('what an update is, checked before what it does', () => {
  test.each([
    ['an editor', 'editor', 'paper'],
    ['a reviewer', 'reviewer', 'workflow'],
  ] as const)(
    '%s sending two GC frames with clocks near 2^53 does not freeze the relay',
    async (_who, role, kind) => {
      const { relay, seeded } = await setup()
      const room = kind === 'paper' ? paperRoom('w', 'p') : workflowRoom('w', 'p')
      const outcome = await sendRaw(relay.url, room, seeded.tokens[role], [
        syncUpdateFrame(gcUpdate(2147483647, 50, 2 ** 40)),
        syncUpdateFrame(gcUpdate(2147483647, 2 ** 40, 2 ** 53 - 1)),
      ])
      expect(outcome).toMatchObject({ closed: true, code: CloseCode.invalidUpdate })
      expect(await health(relay)).toMatchObject({ ok: true })
      const reader = client(relay, room, seeded.tokens.coordinator)
      await reader.synced()
      expect(reader.doc.store.clients.has(2147483647)).toBe(false)
    },
  )

  test("a GC struct under another member's client id does not erase their offline work", async () => {
    const { relay, seeded, file } = await setup()
    const room = paperRoom('w', 'p')
    const victim = client(relay, room, seeded.tokens.editor, true)
    await victim.synced()
    const text = victim.doc.getText('notes')
    text.insert(0, 'Før reisen.')
    await waitFor(() => victim.committed()?.get(victim.doc.clientID) === 11, 'the first save')
    victim.provider.disconnect()
    text.insert(text.length, ' Skrevet på toget.')

    const attacker = await raw(relay, room, seeded.tokens.coordinator)
    attacker.send(syncUpdateFrame(gcUpdate(victim.doc.clientID, 11, 2 ** 30)))
    await attacker.roundTrip().catch(() => undefined)

    victim.provider.connect()
    const expected = 'Før reisen. Skrevet på toget.'
    const reader = client(relay, room, seeded.tokens.reviewer)
    await waitFor(() => reader.doc.getText('notes').toString() === expected, 'the offline text')
    await waitFor(
      () =>
        victim.committed()?.get(victim.doc.clientID) ===
        Y.getState(victim.doc.store, victim.doc.clientID),
      'the offline text to be saved on the relay',
    )
    expect(victim.doc.getText('notes').toString()).toBe(expected)
    for (const c of open.clients.splice(0)) c.destroy()
    await open.relays.pop()?.stop()
    await inspectStore(file, (store) => {
      expect(store.load(room).getText('notes').toString()).toBe(expected)
    })
  })

  test('a struct planted on a missing origin is refused, never held back to be credited to the next writer', async () => {
    const { relay, seeded, file } = await setup()
    const room = workflowRoom('w', 'p')
    const coordinator = client(relay, room, seeded.tokens.coordinator)
    await coordinator.synced()
    const scratch = new Y.Doc()
    changeStatus(scratch, { status: 'final', by: author(seeded, 'coordinator') })
    const forged = scratch.getArray('history').get(0)

    const reviewer = await raw(relay, room, seeded.tokens.reviewer)
    const next = Y.getState(coordinator.doc.store, coordinator.doc.clientID)
    reviewer.send(
      syncUpdateFrame(
        itemUpdate({
          client: 424242,
          clock: 0,
          origin: { client: coordinator.doc.clientID, clock: next },
          content: [forged],
        }),
      ),
    )
    const closed = await within(reviewer.closed, 'the planter to be sent off to resync')
    expect(closed.code).toBe(CloseCode.outOfOrder)

    expect(
      changeStatus(coordinator.doc, { status: 'review', by: author(seeded, 'coordinator') }),
    ).toMatchObject({ ok: true })
    const reader = client(relay, room, seeded.tokens.editor)
    await waitFor(() => readWorkflow(reader.doc).value.history.length === 1, 'the status change')
    await roundTrip(coordinator)
    expect(readWorkflow(reader.doc).value.history.map((h) => h.status)).toEqual(['review'])
    expect(reader.doc.store.clients.has(424242)).toBe(false)
    for (const c of open.clients.splice(0)) c.destroy()
    await open.relays.pop()?.stop()
    await inspectStore(file, (store) => {
      expect(readWorkflow(store.load(room)).value.status).toBe('review')
    })
  })

  test('a stock client whose update arrives before what it builds on reconnects by itself and resends in order', async () => {
    const { relay, seeded } = await setup()
    const room = paperRoom('w', 'p')
    const writer = client(relay, room, seeded.tokens.editor)
    await writer.synced()
    // Lose the next update on its way, as a dropped connection between two frames would.
    const ws = writer.provider.ws!
    const send = ws.send.bind(ws)
    let dropped = false
    ws.send = (data) => {
      const frame = data as Uint8Array
      if (!dropped && frame[0] === 0 && frame[1] === 2) {
        dropped = true
        return
      }
      send(data)
    }
    writer.doc.getText('notes').insert(0, 'Byene ')
    writer.doc.getText('notes').insert(6, 'trenger penger.')
    expect((await within(writer.closed, 'the relay to send it off')).code).toBe(
      CloseCode.outOfOrder,
    )
    const reader = client(relay, room, seeded.tokens.reviewer)
    await waitFor(
      () => reader.doc.getText('notes').toString() === 'Byene trenger penger.',
      'both changes, in order',
    )
  })

  test('an editor cannot overwrite a comment by planting it behind the next struct of its author', async () => {
    const { relay, seeded } = await setup()
    const room = commentsRoom('w', 'p')
    const reviewer = client(relay, room, seeded.tokens.reviewer)
    await reviewer.synced()
    const paper = new Y.Doc()
    const line = new Y.XmlText('Byene trenger forutsigbar finansiering')
    paperBody(paper).insert(0, [line])
    const thread = { anchor: createAnchor(line, 0, 5), quote: 'Byene', text: 'Kommunene?' }
    addThread(reviewer.doc, { ...thread, author: author(seeded, 'reviewer') })
    await roundTrip(reviewer)
    const editor = await raw(relay, room, seeded.tokens.editor)
    const next = Y.getState(reviewer.doc.store, reviewer.doc.clientID)
    editor.send(
      syncUpdateFrame(
        itemUpdate({
          client: 515151,
          clock: 0,
          origin: { client: reviewer.doc.clientID, clock: next },
          content: ['Forged text'],
        }),
      ),
    )
    expect((await within(editor.closed, 'the planter to be sent off')).code).toBe(
      CloseCode.outOfOrder,
    )
    const id = readThreads(reviewer.doc).value[0]!.id
    reviewer.doc.getMap<Y.Map<unknown>>('threads').get(id)?.set('text', 'Og fylkene?')
    const reader = client(relay, room, seeded.tokens.coordinator)
    await waitFor(() => readThreads(reader.doc).value[0]?.text === 'Og fylkene?', 'the edit')
    expect(reader.doc.store.clients.has(515151)).toBe(false)
  })

  test('seeded bit flips of a real update store nothing malformed and leave another member’s text', async () => {
    const { relay, seeded, file } = await setup()
    const room = paperRoom('w', 'p')
    const victim = client(relay, room, seeded.tokens.editor)
    await victim.synced()
    victim.doc.getText('notes').insert(0, 'Kommunene trenger forutsigbar finansiering.')
    await roundTrip(victim)
    const source = new Y.Doc()
    Y.applyUpdate(source, Y.encodeStateAsUpdate(victim.doc))
    source.getText('notes').insert(0, 'Innspill: ')
    const real = Y.encodeStateAsUpdate(source, Y.encodeStateVector(victim.doc))
    const gen = prng.create(Number(process.env.SAMSTEMT_SEED ?? 11))
    for (let i = 0; i < 200; i++) {
      const mangled = real.slice()
      mangled[prng.int32(gen, 0, mangled.length - 1)]! ^= 1 << prng.int32(gen, 0, 7)
      await sendRaw(relay.url, room, seeded.tokens.coordinator, [syncUpdateFrame(mangled)])
    }
    victim.doc.getText('notes').insert(0, 'Til slutt: ')
    const reader = client(relay, room, seeded.tokens.reviewer)
    await waitFor(
      () => reader.doc.getText('notes').toString().includes('Til slutt: '),
      "the victim's next change",
    )
    const notes = reader.doc.getText('notes').toString()
    expect(notes).toContain('Kommunene trenger forutsigbar finansiering.')
    expect(notes.startsWith('Til slutt: ')).toBe(true)
    for (const c of open.clients.splice(0)) c.destroy()
    await open.relays.pop()?.stop()
    await inspectStore(file, (store) => {
      // Every stored row, replayed in order, is one the relay would accept from its owner now.
      const replay = new Y.Doc()
      const { snapshot, updates } = store.read(room)
      for (const row of snapshot ? [snapshot, ...updates] : updates) {
        const verdict = judgeUpdate(replay, parseUpdate(row), row)
        expect(verdict.kind).toBe('complete')
        Y.applyUpdate(replay, row)
      }
      expect(replay.getText('notes').toString()).toBe(notes)
    })
  })
})

describe('presence is bound to the member and capped', () => {
  test("a state nested 20,000 deep for another socket's client id neither crashes the relay nor replaces that presence", async () => {
    const { relay, seeded } = await setup()
    const room = paperRoom('w', 'p')
    const a = client(relay, room, seeded.tokens.editor)
    await a.synced()
    a.provider.awareness.setLocalStateField('cursor', { at: 7 })
    await roundTrip(a)
    const b = await raw(relay, room, seeded.tokens.reviewer)
    const id = a.doc.clientID
    b.send(
      awarenessFrame([
        { client: id, clock: awarenessClock(a.provider.awareness, id) + 5, state: nested(20_000) },
      ]),
    )
    await b.roundTrip().catch(() => undefined)
    const late = client(relay, room, seeded.tokens.coordinator)
    await late.synced()
    await roundTrip(late)
    expect(await health(relay)).toMatchObject({ ok: true })
    expect(late.provider.awareness.getStates().get(id)).toMatchObject({
      cursor: { at: 7 },
      user: { name: 'A editor' },
    })
  })

  test('presence carries the member’s own name, organisation and role, whatever the client says', async () => {
    const { relay, seeded } = await setup()
    const room = paperRoom('w', 'p')
    const forger = client(relay, room, seeded.tokens.editor)
    await forger.synced()
    forger.provider.awareness.setLocalStateField('user', {
      memberId: seeded.memberIds.coordinator,
      name: 'Statsministeren',
      organisation: 'Regjeringen',
      color: '#1d4ed8',
    })
    const observer = client(relay, room, seeded.tokens.reviewer)
    await observer.synced()
    await waitFor(
      () => observer.provider.awareness.getStates().has(forger.doc.clientID),
      'the forger to appear',
    )
    await roundTrip(forger)
    await roundTrip(observer)
    const user = (
      observer.provider.awareness.getStates().get(forger.doc.clientID) as {
        user: Record<string, unknown>
      }
    ).user
    expect(user).toMatchObject({
      memberId: seeded.memberIds.editor,
      name: 'A editor',
      organisation: 'UiS',
      role: 'editor',
      color: '#1d4ed8',
    })
  })

  test("a member can neither overwrite nor remove another client's presence", async () => {
    const { relay, seeded } = await setup()
    const room = paperRoom('w', 'p')
    const victim = client(relay, room, seeded.tokens.reviewer)
    await victim.synced()
    victim.provider.awareness.setLocalStateField('cursor', { at: 3 })
    await roundTrip(victim)
    const id = victim.doc.clientID
    const clock = awarenessClock(victim.provider.awareness, id)
    const attacker = await raw(relay, room, seeded.tokens.editor)
    attacker.send(awarenessFrame([{ client: id, clock: clock + 1, state: '{"cursor":{"at":99}}' }]))
    attacker.send(awarenessFrame([{ client: id, clock: clock + 2, state: 'null' }]))
    await attacker.roundTrip()
    const observer = client(relay, room, seeded.tokens.coordinator)
    await observer.synced()
    await roundTrip(observer)
    expect(observer.provider.awareness.getStates().get(id)).toMatchObject({ cursor: { at: 3 } })
  })

  test('an oversized presence state is refused and newcomers are greeted with small frames', async () => {
    const { relay, seeded } = await setup()
    const room = paperRoom('w', 'p')
    const big = await raw(relay, room, seeded.tokens.editor)
    big.send(
      awarenessFrame([
        { client: 777, clock: 1, state: JSON.stringify({ pad: 'x'.repeat(3_000_000) }) },
      ]),
    )
    await big.roundTrip().catch(() => undefined)
    const late = await raw(relay, room, seeded.tokens.reviewer)
    await late.roundTrip()
    const largest = Math.max(...late.frames.map((frame) => frame.byteLength))
    expect(largest).toBeLessThan(16 * 1024)
    expect(await health(relay)).toMatchObject({ ok: true })
    await converged([client(relay, room, seeded.tokens.coordinator)])
  })
})
