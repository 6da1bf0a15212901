import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { startRelay, type RunningRelay } from '../../server/start-relay.ts'
import {
  addReply,
  addThread,
  changeStatus,
  createAnchor,
  decideSuggestion,
  deleteComment,
  editComment,
  paperBody,
  readThreads,
  reopenThread,
  resolveThread,
  type Author,
} from '../../shared/model/index.ts'
import { commentsRoom, workflowRoom, type Role } from '../../shared/protocol/index.ts'
import { useTempDir } from '../helpers/temp-dir.ts'
import { connectClient, roundTrip, type Client } from './helpers/clients.ts'
import { seedWorkspace } from './helpers/members.ts'

const tempDir = useTempDir('samstemt-relay-comments-')
const open: { clients: Client[]; relays: RunningRelay[] } = { clients: [], relays: [] }

afterEach(async () => {
  for (const client of open.clients.splice(0)) client.destroy()
  await Promise.all(open.relays.splice(0).map((relay) => relay.close()))
})

const ROOM = commentsRoom('w', 'p')
const ROLES: Role[] = ['coordinator', 'editor', 'reviewer']

/** A relay with one member per role (of UiS, named "A <role>") and Per, a reviewer of NTNU. */
async function setup() {
  const file = join(tempDir(), 'relay.sqlite')
  const seeded = await seedWorkspace(file)
  const relay = await startRelay({ data: file, port: 0, log: false })
  open.relays.push(relay)
  const per = relay.members.add({
    workspace: 'w',
    name: 'Per',
    organisation: 'NTNU',
    role: 'reviewer',
  })
  const tokens: Record<string, string> = { ...seeded.tokens, per: per.token }
  const authors: Record<string, Author> = {
    per: { memberId: per.member.id, name: 'Per', organisation: 'NTNU' },
  }
  for (const role of ROLES) {
    authors[role] = { memberId: seeded.memberIds[role], name: `A ${role}`, organisation: 'UiS' }
  }
  const as = async (who: string, room = ROOM): Promise<Client> => {
    const client = connectClient(relay.url, room, tokens[who]!)
    open.clients.push(client)
    await client.synced()
    return client
  }
  return { authors: authors as Record<Role | 'per', Author>, as }
}

/** Makes `change` in the client's doc and resolves once the relay handled it: the refusal, or ''. */
async function send(client: Client, change: (doc: Y.Doc) => unknown): Promise<string> {
  const before = client.denied.length
  change(client.doc)
  await roundTrip(client)
  return client.denied.slice(before).join(' | ')
}

const paper = new Y.Doc()
const text = new Y.XmlText('Byene trenger forutsigbar finansiering')
paperBody(paper).insert(0, [text])
const anchor = createAnchor(text, 0, 5)

function thread(author: Author, suggestion: string | null = null) {
  return (doc: Y.Doc) =>
    addThread(doc, {
      anchor,
      quote: 'Byene',
      author,
      text: 'Kommunene?',
      suggestion: suggestion === null ? null : { text: suggestion },
    })
}

const threadId = (client: Client) => readThreads(client.doc).value[0]!.id

describe('what each member may change in the comments room', () => {
  test.each(ROLES)(
    'a %s comments, replies, edits, resolves, reopens and deletes their own comments',
    async (role) => {
      const { authors, as } = await setup()
      const me = await as(role)
      const steps: [string, (d: Y.Doc) => unknown][] = [
        ['a thread', thread(authors[role])],
        [
          'a reply',
          (d) => addReply(d, threadId(me), { author: authors[role], text: 'Og fylkene.' }),
        ],
        ['an edit', (d) => editComment(d, { threadId: threadId(me), replyId: null }, 'Kommunene!')],
        [
          'an edit of the reply',
          (d) =>
            editComment(
              d,
              { threadId: threadId(me), replyId: readThreads(d).value[0]!.replies[0]!.id },
              'Og fylkene!',
            ),
        ],
        ['resolving', (d) => resolveThread(d, threadId(me), authors[role])],
        ['reopening', (d) => reopenThread(d, threadId(me))],
        [
          'deleting the reply',
          (d) =>
            deleteComment(d, {
              threadId: threadId(me),
              replyId: readThreads(d).value[0]!.replies[0]!.id,
            }),
        ],
        ['deleting the thread', (d) => deleteComment(d, { threadId: threadId(me), replyId: null })],
      ]
      for (const [what, change] of steps) expect(await send(me, change), what).toBe('')
      expect(readThreads((await as('per')).doc).value).toEqual([])
    },
  )

  test.each(ROLES)(
    "a %s can neither write under another member's name nor change or delete another's words",
    async (role) => {
      const { authors, as } = await setup()
      const per = await as('per')
      await send(per, thread(authors.per, 'Kommunene'))
      const id = threadId(per)
      await send(per, (d) => addReply(d, id, { author: authors.per, text: 'Se avsnitt 2.' }))
      const replyId = readThreads(per.doc).value[0]!.replies[0]!.id
      const me = authors[role]
      const attempts: [string, (d: Y.Doc) => unknown, RegExp][] = [
        ['a thread as Per', thread(authors.per), /own name/],
        ['a thread with my id under Per’s name', thread({ ...me, name: 'Per' }), /own name/],
        ['a thread for another organisation', thread({ ...me, organisation: 'NTNU' }), /own name/],
        [
          'a reply as Per',
          (d) => addReply(d, id, { author: authors.per, text: 'Enig.' }),
          /own name/,
        ],
        [
          'an edit of Per’s thread',
          (d) => editComment(d, { threadId: id, replyId: null }, 'x'),
          /Only its author edits/,
        ],
        [
          'an edit of Per’s reply',
          (d) => editComment(d, { threadId: id, replyId }, 'x'),
          /Only its author edits/,
        ],
        [
          'deleting Per’s reply',
          (d) => deleteComment(d, { threadId: id, replyId }),
          /Only its author deletes/,
        ],
        [
          'deleting Per’s thread',
          (d) => deleteComment(d, { threadId: id, replyId: null }),
          /Only its author deletes/,
        ],
        [
          'moving Per’s comment',
          (d) => d.getMap<Y.Map<unknown>>('threads').get(id)?.set('quote', 'trenger'),
          /cannot change/,
        ],
        [
          'a decision under Per’s name',
          (d) => decideSuggestion(d, id, { outcome: 'rejected', by: authors.per }),
          role === 'reviewer' ? /decide suggestions/ : /own name/,
        ],
        ['another root', (d) => d.getMap('probe').set('x', 1), /only its threads/],
      ]
      if (role === 'reviewer') {
        attempts.push(
          ['resolving Per’s thread', (d) => resolveThread(d, id, me), /resolve a thread/],
          [
            'deciding Per’s suggestion',
            (d) => decideSuggestion(d, id, { outcome: 'rejected', by: me }),
            /decide suggestions/,
          ],
        )
      }
      for (const [what, change, refusal] of attempts) {
        expect(await send(await as(role), change), what).toMatch(refusal)
      }
      const [stored] = readThreads((await as('per')).doc).value
      expect(stored).toMatchObject({
        text: 'Kommunene?',
        quote: 'Byene',
        state: 'open',
        decision: null,
      })
      expect(stored?.replies.map((r) => r.text)).toEqual(['Se avsnitt 2.'])
      // Everyone still answers someone else's thread, under their own name.
      expect(
        await send(await as(role), (d) => addReply(d, id, { author: me, text: 'Enig.' })),
      ).toBe('')
    },
  )

  test.each(['coordinator', 'editor'] as const)(
    'a %s resolves and reopens anyone’s thread and decides a suggestion once, under their own name',
    async (role) => {
      const { authors, as } = await setup()
      const per = await as('per')
      await send(per, thread(authors.per, 'Kommunene'))
      const id = threadId(per)
      const me = await as(role)
      expect(await send(me, (d) => resolveThread(d, id, authors[role]))).toBe('')
      expect(await send(me, (d) => reopenThread(d, id))).toBe('')
      expect(
        await send(me, (d) => decideSuggestion(d, id, { outcome: 'accepted', by: authors[role] })),
      ).toBe('')
      const decided = readThreads((await as('per')).doc).value[0]!.decision
      expect(decided).toMatchObject({ outcome: 'accepted', by: authors[role] })
      const again = (d: Y.Doc) =>
        d
          .getMap<Y.Map<unknown>>('threads')
          .get(id)
          ?.set('decision', { ...decided, outcome: 'rejected' })
      expect(await send(await as(role), again)).toMatch(/final/)
    },
  )

  test('nobody decides a suggestion while the paper is final: its text cannot change', async () => {
    const { authors, as } = await setup()
    const per = await as('per')
    await send(per, thread(authors.per, 'Kommunene'))
    const id = threadId(per)
    const workflow = await as('coordinator', workflowRoom('w', 'p'))
    changeStatus(workflow.doc, { status: 'review', by: authors.coordinator })
    changeStatus(workflow.doc, { status: 'final', by: authors.coordinator })
    await roundTrip(workflow)
    const editor = await as('editor')
    expect(
      await send(editor, (d) =>
        decideSuggestion(d, id, { outcome: 'accepted', by: authors.editor }),
      ),
    ).toMatch(/not while the text is locked/)
  })
})
