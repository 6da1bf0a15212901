import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { startRelay, type RunningRelay } from '../../server/start-relay.ts'
import {
  addReply,
  addThread,
  createAnchor,
  decideSuggestion,
  deleteComment,
  editComment,
  paperBody,
  readThreads,
  resolveThread,
  type Author,
} from '../../shared/model/index.ts'
import { commentsRoom } from '../../shared/protocol/index.ts'
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

/** A relay with the seeded members (of UiS) and a second reviewer, of NTNU. */
async function setup() {
  const file = join(tempDir(), 'relay.sqlite')
  const seeded = await seedWorkspace(file)
  const relay = await startRelay({ data: file, port: 0, log: false })
  open.relays.push(relay)
  const other = relay.members.invite({
    workspace: 'w',
    name: 'Per',
    organisation: 'NTNU',
    role: 'reviewer',
  })
  const tokens: Record<string, string> = { ...seeded.tokens, other: other.token }
  const authors: Record<string, Author> = {
    reviewer: { memberId: seeded.memberIds.reviewer, name: 'A reviewer', organisation: 'UiS' },
    editor: { memberId: seeded.memberIds.editor, name: 'An editor', organisation: 'UiS' },
    other: { memberId: other.member.id, name: 'Per', organisation: 'NTNU' },
  }
  const as = async (who: string): Promise<Client> => {
    const client = connectClient(relay.url, ROOM, tokens[who]!)
    open.clients.push(client)
    await client.synced()
    return client
  }
  return { authors, as }
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

describe('what a reviewer may change in the comments room', () => {
  test('a reviewer comments, replies, edits, resolves and deletes their own comments', async () => {
    const { authors, as } = await setup()
    const reviewer = await as('reviewer')
    expect(await send(reviewer, thread(authors.reviewer!))).toBe('')
    const id = threadId(reviewer)
    expect(
      await send(reviewer, (d) =>
        addReply(d, id, { author: authors.reviewer!, text: 'Og fylkene.' }),
      ),
    ).toBe('')
    expect(
      await send(reviewer, (d) => editComment(d, { threadId: id, replyId: null }, 'Kommunene!')),
    ).toBe('')
    expect(await send(reviewer, (d) => resolveThread(d, id, authors.reviewer!))).toBe('')
    expect(await send(reviewer, (d) => deleteComment(d, { threadId: id, replyId: null }))).toBe('')
    expect(readThreads((await as('editor')).doc).value).toEqual([])
  })

  test("a reviewer cannot comment under another's name, nor change, resolve, decide or delete another's comments", async () => {
    const { authors, as } = await setup()
    const editor = await as('editor')
    await send(editor, thread(authors.editor!, 'Kommunene'))
    const id = threadId(editor)
    await send(editor, (d) => addReply(d, id, { author: authors.editor!, text: 'Se avsnitt 2.' }))
    const replyId = readThreads(editor.doc).value[0]!.replies[0]!.id
    const attempts: [string, (d: Y.Doc) => unknown, RegExp][] = [
      ['a thread as the editor', thread(authors.editor!), /own name/],
      [
        'a reply as the editor',
        (d) => addReply(d, id, { author: authors.editor!, text: 'Enig.' }),
        /own name/,
      ],
      [
        'a thread for another organisation',
        thread({ ...authors.other!, organisation: 'UiS' }),
        /own name/,
      ],
      [
        'an edit of the thread',
        (d) => editComment(d, { threadId: id, replyId: null }, 'Endret'),
        /only their own/,
      ],
      [
        'an edit of the reply',
        (d) => editComment(d, { threadId: id, replyId }, 'Endret'),
        /only their own/,
      ],
      ['resolving it', (d) => resolveThread(d, id, authors.other!), /only their own/],
      [
        'deciding the suggestion',
        (d) => decideSuggestion(d, id, { outcome: 'rejected', by: authors.other! }),
        /only their own/,
      ],
      ['deleting the reply', (d) => deleteComment(d, { threadId: id, replyId }), /only their own/],
      [
        'deleting the thread',
        (d) => deleteComment(d, { threadId: id, replyId: null }),
        /Only its author/,
      ],
      ['another root', (d) => d.getMap('probe').set('x', 1), /only its threads/],
    ]
    for (const [what, change, refusal] of attempts) {
      expect(await send(await as('other'), change), what).toMatch(refusal)
    }
    const [stored] = readThreads((await as('editor')).doc).value
    expect(stored).toMatchObject({ text: 'Kommunene?', state: 'open', decision: null })
    expect(stored?.replies.map((r) => r.text)).toEqual(['Se avsnitt 2.'])
    // A reviewer still replies to someone else's thread, under their own name.
    expect(
      await send(await as('other'), (d) =>
        addReply(d, id, { author: authors.other!, text: 'Enig.' }),
      ),
    ).toBe('')
  })

  test('only editors and the coordinator decide suggestions, on any thread', async () => {
    const { authors, as } = await setup()
    const reviewer = await as('reviewer')
    await send(reviewer, thread(authors.reviewer!, 'Kommunene'))
    const id = threadId(reviewer)
    const own = await send(await as('reviewer'), (d) =>
      decideSuggestion(d, id, { outcome: 'accepted', by: authors.reviewer! }),
    )
    expect(own).toMatch(/Only editors and the coordinator decide/)
    const editor = await as('editor')
    expect(
      await send(editor, (d) =>
        decideSuggestion(d, id, { outcome: 'accepted', by: authors.editor! }),
      ),
    ).toBe('')
    expect(readThreads((await as('other')).doc).value[0]?.decision?.outcome).toBe('accepted')
  })
})
