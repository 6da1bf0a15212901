import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as prng from 'lib0/prng'
import { afterAll, describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import {
  addReply,
  addThread,
  changeStatus,
  createAnchor,
  deleteComment,
  endorse,
  paperBody,
  paperContent,
  readThreads,
  readWorkflow,
  saveVersion,
  type Author,
} from '../../shared/model/index.ts'
import {
  commentsRoom,
  indexRoom,
  paperRoom,
  workflowRoom,
  type Role,
  type RoomKind,
} from '../../shared/protocol/index.ts'
import { connectClient, converged, roundTrip, type Client } from './helpers/clients.ts'
import {
  awarenessFrame,
  deleteUpdate,
  gcUpdate,
  itemUpdate,
  nested,
  syncUpdateFrame,
} from './helpers/forge.ts'
import { MemberDirectory } from '../../server/members.ts'
import { inspectStore, seedWorkspace, type Seeded } from './helpers/members.ts'
import { sendRaw } from './helpers/raw-socket.ts'
import { spawnRelay, type RelayProcess } from './helpers/relay-process.ts'
import { within } from './helpers/wait.ts'

/**
 * A protocol-aware fuzz: valid framing, hostile content. For every role attacking every kind of
 * room, seeded frames of every kind an attacker with a valid invite can send (mangled real
 * updates, absurd clocks, GC and Skip structs, structs under other members' client ids, pending
 * plants, forbidden but well-formed changes, hostile presence), while honest members keep
 * writing. After each phase the relay must answer within a second and sync a newcomer; at the end
 * honest clients converge, and after a restart the stored rooms hold only what each member's
 * role and identity allow.
 */
const FRAMES = Number(process.env.SAMSTEMT_FUZZ_FRAMES ?? 120)
const ROLES: Role[] = ['coordinator', 'editor', 'reviewer']
const KINDS: RoomKind[] = ['index', 'paper', 'comments', 'workflow']
// One relay and one file for the whole fuzz: the folder lives as long as this file's tests.
const dir = mkdtempSync(join(tmpdir(), 'samstemt-relay-hostile-'))
const open: { clients: Client[]; relays: RelayProcess[] } = { clients: [], relays: [] }

afterAll(async () => {
  for (const client of open.clients.splice(0)) client.destroy()
  for (const relay of open.relays.splice(0)) relay.child.kill('SIGKILL')
  rmSync(dir, { recursive: true, force: true })
})

const roomOf = (kind: RoomKind, paper: string) =>
  kind === 'index'
    ? indexRoom('w')
    : kind === 'paper'
      ? paperRoom('w', paper)
      : kind === 'comments'
        ? commentsRoom('w', paper)
        : workflowRoom('w', paper)

const authorOf = (seeded: Seeded, role: Role): Author => ({
  memberId: seeded.memberIds[role],
  name: `A ${role}`,
  organisation: 'UiS',
})

const line = new Y.XmlText('Byene trenger forutsigbar finansiering')
paperBody(new Y.Doc()).insert(0, [line])
const anchor = createAnchor(line, 0, 5)

/** One honest change by `role` in a room of `kind`, as the app makes them. */
function honestChange(kind: RoomKind, role: Role, seeded: Seeded, doc: Y.Doc, n: number): void {
  const me = authorOf(seeded, role)
  switch (kind) {
    case 'index':
    case 'paper':
      if (role !== 'reviewer') doc.getText('notes').insert(0, `${role} ${n}. `)
      return
    case 'comments': {
      const added = addThread(doc, { anchor, quote: 'Byene', author: me, text: `${role} ${n}` })
      if (added.ok) addReply(doc, added.value, { author: me, text: `svar ${n}` })
      return
    }
    case 'workflow': {
      // The coordinator moves the status and saves versions; the editor endorses the newest one
      // for UiS (one endorser per organisation: a second would replace the first's, refused).
      const versions = readWorkflow(doc).value.versions
      if (role === 'coordinator') {
        if (n === 1) changeStatus(doc, { status: 'review', by: me })
        else saveVersion(doc, { name: `v${n}`, by: me, content: paperContent(new Y.Doc()) })
      } else if (role === 'editor' && versions.length > 0) {
        endorse(doc, { versionId: versions[versions.length - 1]!.id, by: me })
      }
    }
  }
}

/** A well-formed change the attacker's role or identity does not allow (or, for some, does). */
function forbiddenChange(
  kind: RoomKind,
  attacker: Role,
  seeded: Seeded,
  doc: Y.Doc,
  gen: prng.PRNG,
) {
  const victim = authorOf(seeded, attacker === 'coordinator' ? 'editor' : 'coordinator')
  switch (kind) {
    case 'index':
    case 'paper':
      doc.getText('notes').delete(0, Math.min(3, doc.getText('notes').length))
      doc.getText('notes').insert(0, 'FORGED ')
      return
    case 'comments': {
      const threads = readThreads(doc).value
      const pick = prng.int32(gen, 0, 2)
      if (pick === 0) addThread(doc, { anchor, quote: 'Byene', author: victim, text: 'FORGED' })
      else if (pick === 1 && threads.length > 0) {
        deleteComment(doc, { threadId: prng.oneOf(gen, threads).id, replyId: null })
      } else if (threads.length > 0) {
        doc.getMap<Y.Map<unknown>>('threads').get(threads[0]!.id)?.set('text', 'FORGED')
      }
      return
    }
    case 'workflow':
      if (prng.bool(gen)) changeStatus(doc, { status: 'review', by: victim })
      else doc.getArray('history').push([{ status: 'final', by: victim, at: 1, recipients: [] }])
  }
}

/** One hostile frame: valid framing, content chosen to break something. */
function hostileFrame(
  gen: prng.PRNG,
  context: { honest: Client[]; samples: Uint8Array[]; forbidden: () => Uint8Array },
): Uint8Array {
  const victim = prng.oneOf(gen, context.honest).doc
  const next = Y.getState(victim.store, victim.clientID)
  const fresh = prng.uint32(gen, 1, 2 ** 31)
  switch (prng.int32(gen, 0, 9)) {
    case 0: {
      // A real update, mangled.
      const copy = prng.oneOf(gen, context.samples).slice()
      for (let i = prng.int32(gen, 1, 4); i > 0; i--) {
        copy[prng.int32(gen, 0, copy.length - 1)] = prng.uint32(gen, 0, 255)
      }
      return syncUpdateFrame(copy)
    }
    case 1:
      return syncUpdateFrame(gcUpdate(fresh, prng.oneOf(gen, [50, 2 ** 31, 2 ** 40]), 2 ** 40))
    case 2:
      // GC under a member's own client id, over what they will write next.
      return syncUpdateFrame(gcUpdate(victim.clientID, next, prng.int32(gen, 1, 2 ** 20)))
    case 3: {
      // A Skip struct (info 10).
      const skip = gcUpdate(fresh, 0, 5)
      skip[skip.length - 3] = 10
      return syncUpdateFrame(skip)
    }
    case 4:
      // A struct under another member's client id.
      return syncUpdateFrame(
        itemUpdate({ client: victim.clientID, clock: next, parent: 'notes', content: 'FORGED' }),
      )
    case 5:
      // A plant behind the next struct of another member.
      return syncUpdateFrame(
        itemUpdate({
          client: fresh,
          clock: 0,
          origin: { client: victim.clientID, clock: next },
          content: prng.bool(gen) ? 'FORGED' : [{ status: 'final' }],
        }),
      )
    case 6:
      return syncUpdateFrame(deleteUpdate(victim.clientID, prng.int32(gen, 0, next), 2 ** 20))
    case 7:
      return syncUpdateFrame(context.forbidden())
    case 8:
      return awarenessFrame([
        {
          client: prng.bool(gen) ? victim.clientID : fresh,
          clock: prng.uint32(gen, 1, 2 ** 20),
          state: prng.oneOf(gen, [
            'null',
            nested(prng.int32(gen, 9, 5000)),
            JSON.stringify({ user: { memberId: 'x', name: 'Statsministeren' } }),
            JSON.stringify({ pad: 'x'.repeat(prng.int32(gen, 4000, 200_000)) }),
          ]),
        },
      ])
    default:
      return syncUpdateFrame(prng.uint8Array(gen, prng.int32(gen, 1, 64)))
  }
}

let seeded: Seeded
const attackers = {} as Record<Role, { token: string; id: string }>
let file: string
let relay: RelayProcess

async function health(): Promise<unknown> {
  const url = `${relay.url.replace('ws', 'http')}/healthz`
  const response = await within(fetch(url, { signal: AbortSignal.timeout(1000) }), '/healthz', 1000)
  return response.json()
}

function client(room: string, token: string): Client {
  const c = connectClient(relay.url, room, token)
  open.clients.push(c)
  return c
}

describe('a protocol-aware fuzz: every role attacking every kind of room', () => {
  const seed = Number(process.env.SAMSTEMT_SEED ?? Date.now() % 100_000)
  file = join(dir, 'relay.sqlite')
  const cases = ROLES.flatMap((attacker) => KINDS.map((kind) => ({ attacker, kind })))

  test.each(cases)('a $attacker in the $kind room', async ({ attacker, kind }) => {
    if (relay === undefined) {
      seeded = await seedWorkspace(file)
      // The attackers are members of their own, one per role, beside the honest ones.
      await inspectStore(file, (store) => {
        const directory = new MemberDirectory(store.db)
        for (const role of ROLES) {
          const { member, token } = directory.add({
            workspace: 'w',
            name: `Mallory ${role}`,
            organisation: 'Elsewhere',
            role,
          })
          attackers[role] = { token, id: member.id }
        }
      })
      relay = await spawnRelay(file, ['--quiet', '--max-messages-per-second', '10000'])
      open.relays.push(relay)
    }
    const gen = prng.create(
      seed + cases.findIndex((c) => c.attacker === attacker && c.kind === kind),
    )
    const room = roomOf(kind, `${attacker}-${kind}`)
    const honest = ROLES.map((role) => client(room, seeded.tokens[role]))
    await Promise.all(honest.map((c) => c.synced()))
    const samples: Uint8Array[] = []
    honest.forEach((c) => c.doc.on('update', (u: Uint8Array) => samples.push(u)))
    ROLES.forEach((role, i) => honestChange(kind, role, seeded, honest[i]!.doc, 1))
    await Promise.all(honest.map((c) => roundTrip(c)))
    if (samples.length === 0) samples.push(Y.encodeStateAsUpdate(honest[0]!.doc))
    const forbidden = () => {
      const doc = new Y.Doc()
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(honest[0]!.doc))
      const before = Y.encodeStateVector(doc)
      forbiddenChange(kind, attacker, seeded, doc, gen)
      return Y.encodeStateAsUpdate(doc, before)
    }

    for (let phase = 0; phase < 3; phase++) {
      const frames = Array.from({ length: FRAMES / 3 }, () =>
        hostileFrame(gen, { honest, samples, forbidden }),
      )
      for (let i = 0; i < frames.length; i += 10) {
        await sendRaw(relay.url, room, attackers[attacker].token, frames.slice(i, i + 10))
      }
      expect(await health(), `seed ${seed}, phase ${phase}`).toMatchObject({ ok: true })
      ROLES.forEach((role, i) => honestChange(kind, role, seeded, honest[i]!.doc, phase + 2))
      const newcomer = client(room, seeded.tokens.reviewer)
      await newcomer.synced()
      await converged([...honest, newcomer], `seed ${seed}: ${attacker} in ${kind}, phase ${phase}`)
    }
  })

  test('after a restart, every stored struct belongs to a member whose role may write it, and says so', async () => {
    for (const c of open.clients.splice(0)) c.destroy()
    await relay.stop()
    open.relays.length = 0
    await inspectStore(file, (store) => {
      for (const { attacker, kind } of cases) {
        const room = roomOf(kind, `${attacker}-${kind}`)
        const doc = store.load(room)
        const claims = store.claims(room)
        const ownerOf = (client: number) => claims.get(client)
        const roleOf = (member: string | undefined) =>
          ROLES.find((role) => seeded.memberIds[role] === member || attackers[role].id === member)
        // Every struct's client id is claimed, by a member whose role may write this room.
        for (const client of doc.store.clients.keys()) {
          const role = roleOf(ownerOf(client))
          expect(role, `seed ${seed}: ${room}, client ${client}`).toBeDefined()
          if (kind === 'index' || kind === 'paper') expect(role).not.toBe('reviewer')
        }
        // Every comment and every workflow entry is its writer's own.
        const writer = (type: Y.AbstractType<unknown> | Y.Map<unknown>) =>
          ownerOf((type as Y.Map<unknown>)._item!.id.client)
        if (kind === 'comments') {
          const threads = doc.getMap<Y.Map<unknown>>('threads')
          for (const thread of readThreads(doc).value) {
            expect(thread.author.memberId, `seed ${seed}: ${room}`).toBe(
              writer(threads.get(thread.id)!),
            )
            expect(thread.text).not.toBe('FORGED')
          }
        }
        if (kind === 'workflow') {
          const history = doc.getArray('history')
          const coordinators = [seeded.memberIds.coordinator, attackers.coordinator.id]
          for (const item of readWorkflow(doc).value.history) {
            expect(coordinators).toContain(item.by.memberId)
          }
          let entry = history._start
          for (; entry !== null; entry = entry.right) {
            if (entry.deleted) continue
            expect(coordinators).toContain(ownerOf(entry.id.client))
          }
        }
      }
    })
  })
})
