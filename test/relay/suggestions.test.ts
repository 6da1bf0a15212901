import { join } from 'node:path'
import type { JSONContent } from '@tiptap/core'
import { updateYFragment } from '@tiptap/y-tiptap'
import { afterEach, describe, expect, test } from 'vitest'
import type * as Y from 'yjs'
import { startRelay, type RunningRelay } from '../../server/start-relay.ts'
import {
  changeStatus,
  paperBody,
  readBodyJSON,
  writeTemplateToBody,
} from '../../shared/model/index.ts'
import { bodySchema } from '../../shared/model/schema.ts'
import {
  SUGGEST_DELETE,
  SUGGEST_FORMAT,
  SUGGEST_INSERT,
  SUGGEST_SPLIT,
  listTracked,
  type TrackedAuthor,
} from '../../shared/model/tracked.ts'
import { SETTINGS, SUGGESTIONS_ONLY } from '../../shared/model/workflow.ts'
import { paperRoom, workflowRoom, type Role } from '../../shared/protocol/index.ts'
import { useTempDir } from '../helpers/temp-dir.ts'
import { connectClient, roundTrip, type Client } from './helpers/clients.ts'
import { inspectStore, seedWorkspace, type Seeded } from './helpers/members.ts'

const tempDir = useTempDir('samstemt-relay-suggestions-')
const open: { clients: Client[]; relays: RunningRelay[] } = { clients: [], relays: [] }

afterEach(async () => {
  for (const client of open.clients.splice(0)) client.destroy()
  await Promise.all(open.relays.splice(0).map((relay) => relay.close()))
})

const ROOM = paperRoom('w', 'p')
const TEXT = 'Byene trenger forutsigbar finansiering.'

async function setup() {
  const file = join(tempDir(), 'relay.sqlite')
  const seeded = await seedWorkspace(file)
  const relay = await startRelay({ data: file, port: 0, log: false })
  open.relays.push(relay)
  const as = async (role: Role, room = ROOM): Promise<Client> => {
    const client = connectClient(relay.url, room, seeded.tokens[role])
    open.clients.push(client)
    await client.synced()
    return client
  }
  const coordinator = await as('coordinator')
  writeTemplateToBody(coordinator.doc, {
    type: 'doc',
    content: [{ type: 'paragraph', content: [{ type: 'text', text: TEXT }] }],
  })
  await roundTrip(coordinator)
  return { relay, seeded, file, as, coordinator }
}

let ids = 0
const by = (seeded: Seeded, role: Role, over: Partial<TrackedAuthor> = {}): TrackedAuthor => ({
  id: `s${++ids}`,
  memberId: seeded.memberIds[role],
  name: `A ${role}`,
  organisation: 'UiS',
  at: Date.now(),
  ...over,
})

const text = (value: string, marks: JSONContent['marks'] = undefined): JSONContent =>
  marks === undefined ? { type: 'text', text: value } : { type: 'text', text: value, marks }
const paragraph = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content })

/**
 * Changes the client's body to `content` as the editor would (y-tiptap's diff into the
 * Y.XmlFragment), and resolves with what the relay said: the refusal, or ''.
 */
async function write(client: Client, ...content: JSONContent[]): Promise<string> {
  const node = bodySchema().nodeFromJSON({ type: 'doc', content })
  const before = client.denied.length
  client.doc.transact(() =>
    updateYFragment(client.doc, paperBody(client.doc), node, {
      mapping: new Map(),
      isOMark: new Map(),
    }),
  )
  await roundTrip(client)
  return client.denied.slice(before).join(' | ')
}

const suggestions = (doc: Y.Doc) => listTracked(readBodyJSON(doc).value)

describe('what a reviewer may do to the text: suggest, and nothing else', () => {
  test('a suggested insertion, deletion and paragraph break are stored and reach the editors', async () => {
    const { seeded, as } = await setup()
    const reviewer = await as('reviewer')
    const ins = { type: SUGGEST_INSERT, attrs: by(seeded, 'reviewer') }
    const del = { type: SUGGEST_DELETE, attrs: by(seeded, 'reviewer') }
    const split = by(seeded, 'reviewer')
    expect(
      await write(
        reviewer,
        paragraph(
          text('Byene '),
          text('og fylkene ', [ins]),
          text('trenger '),
          text('forutsigbar', [del]),
          text(' finansiering.'),
        ),
      ),
    ).toBe('')
    expect(
      await write(
        reviewer,
        paragraph(text('Byene '), text('og fylkene ', [ins]), text('trenger ')),
        {
          type: 'paragraph',
          attrs: { [SUGGEST_SPLIT]: split },
          content: [text('forutsigbar', [del]), text(' finansiering.')],
        },
      ),
    ).toBe('')
    const editor = await as('editor')
    expect(suggestions(editor.doc).map((s) => [s.kinds, s.inserted, s.deleted])).toEqual([
      [['insert'], 'og fylkene ', ''],
      [['split'], '', ''],
      [['delete'], '', 'forutsigbar'],
    ])
  })

  test.each([
    [
      'an unmarked insertion',
      () => [paragraph(text('Byene trenger raskt forutsigbar finansiering.'))],
    ],
    ['a plain deletion', () => [paragraph(text('Byene trenger finansiering.'))]],
    [
      'a plain paragraph break',
      () => [paragraph(text('Byene trenger')), paragraph(text(' forutsigbar finansiering.'))],
    ],
    [
      'bold text',
      () => [
        paragraph(text('Byene', [{ type: 'bold' }]), text(' trenger forutsigbar finansiering.')),
      ],
    ],
  ])('%s from a reviewer is refused and never stored', async (_what, change) => {
    const { as, file, relay } = await setup()
    const reviewer = await as('reviewer')
    expect(await write(reviewer, ...change())).toMatch(/reviewer only suggests/)
    await relay.close()
    open.relays.length = 0
    await inspectStore(file, (store) => {
      expect(readBodyJSON(store.load(ROOM)).value.content?.[0]).toEqual(
        bodySchema()
          .nodeFromJSON(paragraph(text(TEXT)))
          .toJSON(),
      )
    })
  })

  test('a suggested formatting change is stored; one that misstates the formatting before is refused', async () => {
    const { seeded, as } = await setup()
    const reviewer = await as('reviewer')
    const format = (before: string) => ({
      type: SUGGEST_FORMAT,
      attrs: { ...by(seeded, 'reviewer'), before },
    })
    const rest = text(' trenger forutsigbar finansiering.')
    // Bold suggested on "Byene": rejected, it is plain again.
    expect(
      await write(reviewer, paragraph(text('Byene', [{ type: 'bold' }, format('[]')]), rest)),
    ).toBe('')
    const reader = await as('editor')
    expect(suggestions(reader.doc)).toMatchObject([{ kinds: ['format'] }])
    // Saying the text was italic before would make rejecting it italicise it: not a suggestion.
    const liar = await as('reviewer')
    expect(
      await write(
        liar,
        paragraph(text('Byene', [{ type: 'bold' }, format('[{"type":"italic"}]')]), rest),
      ),
    ).toMatch(/reviewer only suggests/)
  })

  test('a reviewer may strike an editor’s suggested text: both suggestions stay, to be decided', async () => {
    const { seeded, as } = await setup()
    const editor = await as('editor')
    const theirs = { type: SUGGEST_INSERT, attrs: by(seeded, 'editor') }
    const words = (...marks: NonNullable<JSONContent['marks']>) =>
      paragraph(text('Byene '), text('alle ', marks), text('trenger forutsigbar finansiering.'))
    expect(await write(editor, words(theirs))).toBe('')
    const reviewer = await as('reviewer')
    const struck = { type: SUGGEST_DELETE, attrs: by(seeded, 'reviewer') }
    expect(await write(reviewer, words(theirs, struck))).toBe('')
    const reader = await as('coordinator')
    expect(suggestions(reader.doc).map((s) => [s.author.memberId, s.kinds])).toEqual([
      [seeded.memberIds.editor, ['insert']],
      [seeded.memberIds.reviewer, ['delete']],
    ])
  })

  test('a reviewer cannot accept or reject another’s suggestion, nor touch it', async () => {
    const { seeded, as } = await setup()
    const editor = await as('editor')
    const theirs = { type: SUGGEST_INSERT, attrs: by(seeded, 'editor') }
    expect(
      await write(
        editor,
        paragraph(
          text('Byene '),
          text('alle ', [theirs]),
          text('trenger forutsigbar finansiering.'),
        ),
      ),
    ).toBe('')
    const reviewer = await as('reviewer')
    const accepted = [paragraph(text('Byene alle trenger forutsigbar finansiering.'))]
    const rejected = [paragraph(text(TEXT))]
    expect(await write(reviewer, ...accepted)).toMatch(/reviewer only suggests/)
    // A new connection, since the refused change holds back what the same client sends next.
    const again = await as('reviewer')
    expect(await write(again, ...rejected)).toMatch(/reviewer only suggests/)
    const reader = await as('coordinator')
    expect(suggestions(reader.doc).map((s) => s.inserted)).toEqual(['alle '])
  })

  test('nobody suggests under another member’s name, editors included', async () => {
    const { seeded, as } = await setup()
    const reviewer = await as('reviewer')
    const forged = {
      type: SUGGEST_INSERT,
      attrs: by(seeded, 'reviewer', { memberId: seeded.memberIds.editor }),
    }
    expect(
      await write(
        reviewer,
        paragraph(
          text('Byene '),
          text('alle ', [forged]),
          text('trenger forutsigbar finansiering.'),
        ),
      ),
    ).toMatch(/own name/)
    const editor = await as('editor')
    const renamed = {
      type: SUGGEST_INSERT,
      attrs: by(seeded, 'editor', { name: 'Statsministeren' }),
    }
    expect(
      await write(
        editor,
        paragraph(
          text('Byene '),
          text('alle ', [renamed]),
          text('trenger forutsigbar finansiering.'),
        ),
      ),
    ).toMatch(/own name/)
    const asReviewer = { type: SUGGEST_DELETE, attrs: by(seeded, 'reviewer') }
    const editor2 = await as('editor')
    expect(
      await write(
        editor2,
        paragraph(
          text('Byene trenger '),
          text('forutsigbar', [asReviewer]),
          text(' finansiering.'),
        ),
      ),
    ).toMatch(/own name/)
  })

  test('an editor imports a Word review: others’ suggestions signed as imported by them are stored; not by a reviewer', async () => {
    const { seeded, as } = await setup()
    const editor = await as('editor')
    const importer = { memberId: seeded.memberIds.editor, name: 'A editor', organisation: 'UiS' }
    const external = {
      type: SUGGEST_INSERT,
      attrs: by(seeded, 'editor', {
        memberId: 'word:Ingrid Berg',
        name: 'Ingrid Berg',
        organisation: '',
        importedBy: importer,
      }),
    }
    const reviewers = {
      type: SUGGEST_DELETE,
      attrs: by(seeded, 'reviewer', { importedBy: importer }),
    }
    expect(
      await write(
        editor,
        paragraph(
          text('Byene '),
          text('alle ', [external]),
          text('trenger '),
          text('forutsigbar', [reviewers]),
          text(' finansiering.'),
        ),
      ),
    ).toBe('')
    const kept = await as('coordinator')
    expect(
      suggestions(kept.doc).map((s) => [s.author.name, s.author.importedBy?.memberId]),
    ).toEqual([
      ['Ingrid Berg', seeded.memberIds.editor],
      ['A reviewer', seeded.memberIds.editor],
    ])
    // Signed with someone else's name as importer, or by a reviewer: refused.
    const reviewer = await as('reviewer')
    const notTheirs = {
      type: SUGGEST_INSERT,
      attrs: by(seeded, 'editor', {
        memberId: 'word:Per',
        name: 'Per',
        organisation: '',
        importedBy: {
          memberId: seeded.memberIds.reviewer,
          name: 'A reviewer',
          organisation: 'UiS',
        },
      }),
    }
    expect(await write(reviewer, paragraph(text('Per ', [notTheirs]), text(TEXT)))).toMatch(
      /own name/,
    )
  })

  test('editors decide: accepting a reviewer’s suggestion is allowed to them', async () => {
    const { seeded, as } = await setup()
    const reviewer = await as('reviewer')
    const ins = { type: SUGGEST_INSERT, attrs: by(seeded, 'reviewer') }
    await write(
      reviewer,
      paragraph(
        text('Byene '),
        text('og fylkene ', [ins]),
        text('trenger forutsigbar finansiering.'),
      ),
    )
    const editor = await as('editor')
    expect(
      await write(editor, paragraph(text('Byene og fylkene trenger forutsigbar finansiering.'))),
    ).toBe('')
    const reader = await as('reviewer')
    expect(suggestions(reader.doc)).toEqual([])
    expect(readBodyJSON(reader.doc).value.content?.[0]?.content?.[0]?.text).toBe(
      'Byene og fylkene trenger forutsigbar finansiering.',
    )
  })

  test('a reviewer may not change the paper’s details (meta)', async () => {
    const { as } = await setup()
    const reviewer = await as('reviewer')
    const before = reviewer.denied.length
    reviewer.doc.getMap('meta').set('title', 'Ny tittel')
    await roundTrip(reviewer)
    expect(reviewer.denied.slice(before).join()).toMatch(/only suggest changes to the text/)
  })

  test('on a paper set to suggestions only, editors suggest too; only the coordinator sets it', async () => {
    const { seeded, as } = await setup()
    const editorWorkflow = await as('editor', workflowRoom('w', 'p'))
    editorWorkflow.doc.getMap(SETTINGS).set(SUGGESTIONS_ONLY, true)
    await roundTrip(editorWorkflow)
    expect(editorWorkflow.denied.join()).toMatch(/Only the coordinator changes a paper's settings/)
    const workflow = await as('coordinator', workflowRoom('w', 'p'))
    workflow.doc.getMap(SETTINGS).set(SUGGESTIONS_ONLY, true)
    await roundTrip(workflow)
    expect(workflow.denied).toEqual([])
    const editor = await as('editor')
    expect(
      await write(editor, paragraph(text('Byene trenger raskt forutsigbar finansiering.'))),
    ).toMatch(/suggestions only/)
    const mine = { type: SUGGEST_INSERT, attrs: by(seeded, 'editor') }
    const editor2 = await as('editor')
    expect(
      await write(
        editor2,
        paragraph(
          text('Byene trenger '),
          text('raskt ', [mine]),
          text('forutsigbar finansiering.'),
        ),
      ),
    ).toBe('')
    // The status is the coordinator's: moving it is not a suggestion.
    changeStatus(workflow.doc, {
      status: 'review',
      by: { memberId: seeded.memberIds.coordinator, name: 'A coordinator', organisation: 'UiS' },
    })
    await roundTrip(workflow)
    expect(workflow.denied).toEqual([])
  })
})
