import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { JSONContent } from '@tiptap/core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { sourceFromDocs, toDocx } from '../../shared/export/index.ts'
import { planNewPaper, planReviewImport } from '../../shared/import/import-plan.ts'
import { parseDocx, type ParsedDocx } from '../../shared/import/parse-docx.ts'
import {
  mapAuthors,
  writeImportedComments,
  writeImportedPaper,
  writeReview,
  type AuthorOf,
} from '../../shared/import/write.ts'
import { anchoredText, createAnchor } from '../../shared/model/anchor.ts'
import { readBodyJSON, writeTemplateToBody } from '../../shared/model/body.ts'
import { addReply, addThread } from '../../shared/model/comment-writes.ts'
import { readThreads, type Author } from '../../shared/model/comments.ts'
import { writePaperMeta } from '../../shared/model/paper.ts'
import { listTracked, rejectTracked, type TrackedAuthor } from '../../shared/model/tracked.ts'
import { bodyText, libreOffice, pythonEdit, texts } from './tools.ts'

const kari: TrackedAuthor = {
  id: 's-kari',
  memberId: 'm-kari',
  name: 'Kari Nordmann',
  organisation: 'Nordic Edge',
  at: Date.UTC(2026, 10, 20, 10, 15, 7),
}
const per: TrackedAuthor = {
  id: 's-per',
  memberId: 'm-per',
  name: 'Per Hansen',
  organisation: 'NTNU',
  at: Date.UTC(2026, 10, 21, 9, 0, 0),
}
const ola: Author = { memberId: 'm-ola', name: 'Ola Nilsen', organisation: 'UiS' }
const ingrid: Author = { memberId: 'm-ingrid', name: 'Ingrid Berg', organisation: 'Bergen kommune' }
const members = [kari, per, ola, ingrid]

/** Word names to members by name, as the mapping dialog proposes; others stay external. */
const authorOf: AuthorOf = (name) => {
  const member = members.find((m) => name === m.name || name === `${m.name} (${m.organisation})`)
  return member
    ? { memberId: member.memberId, name: member.name, organisation: member.organisation }
    : { memberId: `word:${name}`, name, organisation: '' }
}

const BODY: JSONContent = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Hovedbudskap' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Byene ber om ' },
        { type: 'text', text: 'egne ', marks: [{ type: 'suggestInsert', attrs: kari }] },
        { type: 'text', text: 'midler til klimatiltak i ' },
        { type: 'text', text: 'tre ', marks: [{ type: 'suggestDelete', attrs: per }] },
        { type: 'text', text: 'nordlige fylker.' },
      ],
    },
    {
      type: 'paragraph',
      content: [{ type: 'text', text: 'Utslippene falt med 12 prosent i perioden.' }],
    },
    {
      type: 'paragraph',
      attrs: { suggestSplit: per },
      content: [
        {
          type: 'text',
          text: 'Ny setning fra Per.',
          marks: [{ type: 'suggestInsert', attrs: per }],
        },
      ],
    },
  ],
}

/** A paper with two members' suggestions and a thread with a reply, as the app holds it. */
function paperWithReview() {
  const paper = new Y.Doc()
  writeTemplateToBody(paper, BODY)
  writePaperMeta(paper, { title: 'Smarte byer', recipients: ['Mission Board'], language: 'nb' })
  const comments = new Y.Doc()
  const anchor = createAnchor(texts(paper)[2] ?? new Y.XmlText(), 0, 10)
  const thread = addThread(
    comments,
    { anchor, quote: 'Utslippene', author: ola, text: 'Kilde?' },
    Date.UTC(2026, 10, 22, 8),
  )
  if (!thread.ok) throw new Error('no thread')
  addReply(
    comments,
    thread.value,
    { author: kari, text: 'Jeg sjekker.' },
    Date.UTC(2026, 10, 22, 9),
  )
  return { paper, comments }
}

/** Each suggestion piece as a reader sees it: what, by whom, when (not how pieces are grouped). */
function pieces(body: JSONContent) {
  return listTracked(body)
    .flatMap((s) =>
      s.kinds.map((kind) => ({
        kind,
        text: kind === 'insert' ? s.inserted : kind === 'delete' ? s.deleted : '',
        by: `${s.author.memberId} ${s.author.name} (${s.author.organisation})`,
        at: s.author.at,
      })),
    )
    .sort((a, b) => `${a.kind}${a.text}`.localeCompare(`${b.kind}${b.text}`))
}

function threadsOf(comments: Y.Doc, paper: Y.Doc) {
  return readThreads(comments).value.map((thread) => ({
    by: thread.author.name,
    text: thread.text,
    on: thread.anchor === null ? null : anchoredText(thread.anchor, paper),
    replies: thread.replies.map((reply) => [reply.author.name, reply.text]),
  }))
}

async function parse(bytes: Uint8Array): Promise<ParsedDocx> {
  const result = await parseDocx(bytes, { now: Date.UTC(2026, 11, 3) })
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

describe('a paper exported to DOCX, opened and saved again by LibreOffice, imported back', () => {
  const dir = mkdtempSync(join(tmpdir(), 'samstemt-import-'))
  const tempDir = () => dir
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  let original: ReturnType<typeof paperWithReview>
  let resaved: ParsedDocx
  let exportedFile: string
  beforeAll(async () => {
    original = paperWithReview()
    const source = sourceFromDocs(
      original.paper,
      { date: '2026-11-27' },
      { doc: original.comments },
    )
    exportedFile = join(tempDir(), 'paper.docx')
    writeFileSync(exportedFile, await toDocx(source.value, { includeComments: true }))
    resaved = await parse(await libreOffice(exportedFile, 'docx:MS Word 2007 XML', 'docx'))
  }, 120_000)

  test('as a new paper: the same text, the same suggestions, the same threads at the same ranges', () => {
    const plan = planNewPaper(resaved)
    const paper = new Y.Doc()
    const comments = new Y.Doc()
    const meta = {
      title: resaved.title ?? '',
      recipients: resaved.recipients,
      language: resaved.language ?? 'en',
      deadline: null,
      status: 'draft' as const,
      organisations: [],
    }
    expect(writeImportedPaper(paper, meta, mapAuthors(plan.body, authorOf)).ok).toBe(true)
    const written = writeImportedComments(
      comments,
      paper,
      plan.comments.map((c) => c.comment),
      {
        authorOf,
        importer: ola,
        rangeOf: (comment) => plan.comments.find((c) => c.comment === comment)?.range ?? null,
      },
    )
    expect(written).toEqual({ ok: true, value: { threads: 1, replies: 1, alreadyThere: 0 } })
    const before = readBodyJSON(original.paper).value
    const after = readBodyJSON(paper).value
    expect(resaved.title).toBe('Smarte byer')
    expect(resaved.recipients).toEqual(['Mission Board'])
    expect(bodyText(after)).toBe(bodyText(before))
    expect(bodyText(rejectTracked(after))).toBe(bodyText(rejectTracked(before)))
    expect(pieces(after)).toEqual(pieces(before))
    expect(threadsOf(comments, paper)).toEqual(threadsOf(original.comments, original.paper))
  })

  test('as a review of the paper it came from: nothing new, nothing doubled', () => {
    const current = readBodyJSON(original.paper).value
    const plan = planReviewImport(resaved, {
      base: current,
      current,
      threads: readThreads(original.comments).value,
      now: Date.UTC(2026, 11, 3),
    })
    expect(plan.summary.suggestions).toEqual([])
    expect(plan.comments).toEqual([])
    expect(plan.summary.dropped).toEqual([{ kind: 'knownComments', count: 1 }])
    expect(bodyText(plan.body)).toBe(bodyText(current))
    expect(pieces(plan.body)).toEqual(pieces(current))
  })

  test('reviewed in Word (python-docx): tracked and untracked changes become suggestions, comments threads', async () => {
    const reviewed = join(tempDir(), 'reviewed.docx')
    await pythonEdit('review-in-word.py', exportedFile, reviewed)
    const parsed = await parse(new Uint8Array(readFileSync(reviewed)))
    const { paper, comments } = paperWithReview()
    const current = readBodyJSON(paper).value
    const plan = planReviewImport(parsed, {
      base: current,
      current,
      threads: readThreads(comments).value,
      now: Date.UTC(2026, 11, 3),
    })
    expect(plan.summary.suggestions).toEqual([{ author: 'Ingrid Berg', count: 3 }])
    expect(plan.summary.comments).toEqual([{ author: 'Ingrid Berg', threads: 1, replies: 1 }])
    expect(plan.review).not.toBeNull()
    const body = mapAuthors(plan.body, authorOf)
    expect(writeReview(paper, { body, inserts: plan.review?.inserts ?? [] }).ok).toBe(true)
    const written = writeImportedComments(
      comments,
      paper,
      plan.comments.map((c) => c.comment),
      {
        authorOf,
        importer: ola,
        rangeOf: (comment) => plan.comments.find((c) => c.comment === comment)?.range ?? null,
      },
    )
    expect(written).toEqual({ ok: true, value: { threads: 1, replies: 1, alreadyThere: 1 } })
    const after = readBodyJSON(paper).value
    // Nothing applied: rejecting every suggestion gives the text as it was.
    expect(bodyText(rejectTracked(after))).toBe(bodyText(rejectTracked(current)))
    const ingrids = pieces(after).filter((p) => p.by.startsWith('m-ingrid'))
    expect(ingrids.map((p) => [p.kind, p.text])).toEqual([
      ['delete', '12'],
      ['delete', 'nordlige '],
      ['insert', '14'],
      ['insert', 'snarest '],
    ])
    // The paper's own suggestions and thread are still there, and the old thread kept its place.
    expect(pieces(after).filter((p) => !p.by.startsWith('m-ingrid'))).toEqual(pieces(current))
    const threads = threadsOf(comments, paper)
    expect(threads).toEqual([
      {
        by: 'Ola Nilsen',
        text: 'Kilde?',
        on: 'Utslippene',
        replies: [
          ['Kari Nordmann', 'Jeg sjekker.'],
          ['Ingrid Berg', 'SSB, tabell 3.'],
        ],
      },
      { by: 'Ingrid Berg', text: 'Hvilke tiltak?', on: 'klimatiltak', replies: [] },
    ])
    const imported = readThreads(comments).value[1]
    expect(imported?.importedBy).toEqual(ola)
  })

  test('reviewed against a named version the paper has moved on from: placed in the current text', async () => {
    const reviewed = join(tempDir(), 'reviewed-old.docx')
    await pythonEdit('review-in-word.py', exportedFile, reviewed)
    const parsed = await parse(new Uint8Array(readFileSync(reviewed)))
    const { paper, comments } = paperWithReview()
    const base = readBodyJSON(paper).value
    // Since the export, an editor put a new first paragraph in and changed the last sentence.
    const moved = structuredClone(base)
    moved.content?.splice(1, 0, {
      type: 'paragraph',
      content: [{ type: 'text', text: 'Et nytt innledende avsnitt.' }],
    })
    const last = moved.content?.[3]?.content?.[0]
    if (last) last.text = 'Utslippene falt med 12 prosent i perioden 2020-2025.'
    const current = new Y.Doc()
    writeTemplateToBody(current, moved)
    const plan = planReviewImport(parsed, {
      base,
      current: readBodyJSON(current).value,
      threads: readThreads(comments).value,
      now: Date.UTC(2026, 11, 3),
    })
    expect(
      writeReview(current, {
        body: mapAuthors(plan.body, authorOf),
        inserts: plan.review?.inserts ?? [],
      }).ok,
    ).toBe(true)
    const after = readBodyJSON(current).value
    expect(bodyText(rejectTracked(after))).toBe(bodyText(rejectTracked(moved)))
    expect(bodyText(after)).toContain('Et nytt innledende avsnitt.')
    expect(bodyText(after)).toContain(
      'Byene ber om egne snarest midler til klimatiltak i tre nordlige ',
    )
    expect(bodyText(after)).toContain('falt med 1214 prosent i perioden 2020-2025.')
  })
})
