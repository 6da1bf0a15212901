import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import {
  addReply,
  addThread,
  changeStatus,
  createAnchor,
  deleteComment,
  endorse,
  paperBody,
  readThreads,
  readWorkflow,
  saveVersion,
  withdrawEndorsement,
} from '../../shared/model/index.ts'
import { canWrite } from '../../shared/policy/index.ts'
import { commentsRoom, indexRoom, paperRoom, workflowRoom } from '../../shared/protocol/index.ts'
import type { Role, RoomKind } from '../../shared/protocol/index.ts'
import { connectClient, roundTrip, type Client } from './helpers/clients.ts'
import { inspectStore, seedWorkspace, type Seeded } from './helpers/members.ts'
import { spawnRelay, type RelayProcess } from './helpers/relay-process.ts'
import { waitFor } from './helpers/wait.ts'

const ROLES: Role[] = ['coordinator', 'editor', 'reviewer']
const KINDS: RoomKind[] = ['index', 'paper', 'comments', 'workflow']
const ROOMS: Record<RoomKind, string> = {
  index: indexRoom('w'),
  paper: paperRoom('w', 'p'),
  comments: commentsRoom('w', 'p'),
  workflow: workflowRoom('w', 'p'),
}
const roomOf = (kind: RoomKind) => ROOMS[kind]
/**
 * Whether a role may write the matrix's probe (a root map `probe`) to a room. Everyone may send
 * to the workflow room, but its guard takes only status changes, versions and endorsements
 * (test/relay/workflow.test.ts), the comments room only its threads, each member's own
 * (test/relay/comments-guard.test.ts), and a reviewer only suggests in the paper's text
 * (test/relay/suggestions.test.ts): a probe is refused there.
 */
const mayProbe = (role: Role, kind: RoomKind) =>
  canWrite(role, kind) &&
  kind !== 'workflow' &&
  kind !== 'comments' &&
  !(kind === 'paper' && role === 'reviewer')

/** A change each room takes from its coordinator, with a deletion in it. */
function writeWithDeletion(kind: RoomKind, doc: Y.Doc): void {
  const by = { memberId: seeded.memberIds.coordinator, name: 'A coordinator', organisation: 'UiS' }
  if (kind === 'comments') {
    const line = new Y.XmlText('Byene trenger forutsigbar finansiering')
    paperBody(new Y.Doc()).insert(0, [line])
    const thread = addThread(doc, {
      anchor: createAnchor(line, 0, 5),
      quote: 'Byene',
      author: by,
      text: 'Kommunene?',
    })
    if (!thread.ok) throw new Error('the thread was not added')
    const reply = addReply(doc, thread.value, { author: by, text: 'Og fylkene.' })
    if (!reply.ok) throw new Error('the reply was not added')
    deleteComment(doc, { threadId: thread.value, replyId: reply.value })
    return
  }
  if (kind !== 'workflow') {
    const text = doc.getText('deleted')
    text.insert(0, 'Byene trenger forutsigbar finansiering')
    text.delete(0, 6)
    return
  }
  changeStatus(doc, { status: 'review', by })
  const content = { title: 'Byene', recipients: [], language: 'nb' as const, body: { type: 'doc' } }
  const saved = saveVersion(doc, { name: 'For the matrix', by, content })
  if (!saved.ok) throw new Error('the version was not saved')
  endorse(doc, { versionId: saved.value, by })
  withdrawEndorsement(doc, { versionId: saved.value, organisation: by.organisation })
}

function sample(kind: RoomKind, doc: Y.Doc): string {
  if (kind === 'workflow') return JSON.stringify(readWorkflow(doc).value)
  if (kind === 'comments') return JSON.stringify(readThreads(doc).value)
  return doc.getText('deleted').toString()
}

let dir: string
let file: string
let seeded: Seeded
let relay: RelayProcess
const clients: Client[] = []
const track = (c: Client) => (clients.push(c), c)

beforeAll(async () => {
  // One relay for the whole matrix: the folder lives as long as this file's tests.
  dir = mkdtempSync(join(tmpdir(), 'samstemt-relay-perm-'))
  file = join(dir, 'relay.sqlite')
  seeded = await seedWorkspace(file)
  relay = await spawnRelay(file)
})

afterAll(async () => {
  for (const c of clients) c.destroy()
  await relay.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe('the permission matrix of DESIGN.md, enforced by the relay', () => {
  const cells = ROLES.flatMap((role) =>
    KINDS.map((kind) => ({ role, kind, allowed: mayProbe(role, kind) })),
  )

  test.each(cells)(
    'a $role writing to the $kind room: allowed=$allowed',
    async ({ role, kind, allowed }) => {
      const room = roomOf(kind)
      const writer = track(connectClient(relay.url, room, seeded.tokens[role]))
      await writer.synced()
      writer.doc.getMap('probe').set(role, 'changed')
      if (allowed) {
        const reader = track(connectClient(relay.url, room, seeded.tokens.reviewer))
        await waitFor(
          () => reader.doc.getMap('probe').get(role) === 'changed',
          `the ${kind} change to reach a reader`,
        )
        expect(writer.denied).toEqual([])
      } else {
        await waitFor(() => writer.denied.length > 0, 'a permission-denied message')
        expect(writer.denied[0]).toMatch(
          !canWrite(role, kind) ? role : kind === 'paper' ? /only suggest/ : /holds only/,
        )
        const fresh = track(connectClient(relay.url, room, seeded.tokens.coordinator))
        await fresh.synced()
        expect(fresh.doc.getMap('probe').has(role)).toBe(false)
        // The socket stays open: reading on is allowed.
        expect(writer.provider.wsconnected).toBe(true)
      }
    },
  )

  test('every role reads every room of its workspace, and reading alone is never refused', async () => {
    for (const kind of KINDS) {
      const coordinator = track(connectClient(relay.url, roomOf(kind), seeded.tokens.coordinator))
      await coordinator.synced()
      writeWithDeletion(kind, coordinator.doc)
      const expected = sample(kind, coordinator.doc)
      for (const role of ROLES) {
        const reader = track(connectClient(relay.url, roomOf(kind), seeded.tokens[role]))
        // The coordinator's change may reach the reader as a broadcast before the greeting
        // does: wait for the room's whole state first.
        await reader.synced()
        await waitFor(() => sample(kind, reader.doc) === expected, `a ${role} to read ${kind}`)
        if (kind !== 'workflow' && kind !== 'comments')
          expect(reader.doc.getMap('probe').get('coordinator')).toBe('changed')
        // The reader's sync step 2 (which repeats the deletions) was handled without a refusal.
        await roundTrip(reader)
        expect(reader.denied).toEqual([])
      }
    }
  })

  test("a reviewer's forged body update is dropped, and a reconnect does not smuggle it in", async () => {
    const room = paperRoom('w', 'forged')
    const reviewer = track(connectClient(relay.url, room, seeded.tokens.reviewer))
    await reviewer.synced()
    reviewer.doc.getXmlFragment('body').insert(0, [new Y.XmlText('Endorsed by all partners')])
    reviewer.doc.getText('forged').insert(0, 'Endorsed by all partners')
    await waitFor(() => reviewer.denied.length > 0, 'a permission-denied message')
    // On reconnect the client offers its state again in sync step 2: refused again.
    const before = reviewer.denied.length
    reviewer.provider.disconnect()
    reviewer.provider.connect()
    await waitFor(() => reviewer.denied.length > before, 'the sync step 2 to be refused too')
    const fresh = track(connectClient(relay.url, room, seeded.tokens.editor))
    await fresh.synced()
    expect(fresh.doc.getText('forged').toString()).toBe('')
    expect(fresh.doc.getXmlFragment('body').length).toBe(0)
  })

  test('nothing a member may not write is stored, and the audit names who wrote what', async () => {
    for (const c of clients.splice(0)) c.destroy()
    await relay.stop()
    await inspectStore(file, (store) => {
      for (const kind of KINDS) {
        const doc = store.load(roomOf(kind))
        const writers = ROLES.filter((role) => mayProbe(role, kind))
        expect([...doc.getMap('probe').keys()].sort(), kind).toEqual([...writers].sort())
        // Only the coordinator's threads and workflow changes (from the reading test) reached
        // the comments and workflow rooms.
        const authors: Role[] =
          kind === 'workflow' || kind === 'comments' ? ['coordinator'] : writers
        const origins = new Set(store.audit(roomOf(kind)).map((entry) => entry.origin))
        expect([...origins].sort()).toEqual(authors.map((role) => seeded.memberIds[role]).sort())
      }
      const forged = store.load(paperRoom('w', 'forged'))
      expect(forged.getText('forged').toString()).toBe('')
      expect(forged.getXmlFragment('body').length).toBe(0)
      expect(store.audit(paperRoom('w', 'forged'))).toEqual([])
    })
    relay = await spawnRelay(file)
  })
})
