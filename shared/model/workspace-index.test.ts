import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { Read } from './validate.ts'
import {
  observePapers,
  readPapers,
  removePaperSummary,
  upsertPaperSummary,
  type PaperSummary,
} from './workspace-index.ts'

const first: PaperSummary = {
  id: 'p-energy',
  title: 'Energy communities in cities',
  status: 'draft',
  recipients: ['Urban Partnership'],
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_000_000,
}
const second: PaperSummary = {
  id: 'p-mobility',
  title: 'Smart mobility data',
  status: 'review',
  recipients: ['EIP Smart Cities', 'ERRIN'],
  createdAt: 1_700_000_500_000,
  updatedAt: 1_700_000_900_000,
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

describe('the workspace index', () => {
  it('an empty workspace lists no papers and no problems', () => {
    expect(readPapers(new Y.Doc())).toEqual({ value: [], problems: [] })
  })

  it('lists added papers oldest first, whatever order they were added in', () => {
    const doc = new Y.Doc()
    upsertPaperSummary(doc, second)
    upsertPaperSummary(doc, first)
    expect(readPapers(doc)).toEqual({ value: [first, second], problems: [] })
  })

  it('upserting a listed paper updates it in place rather than adding a second', () => {
    const doc = new Y.Doc()
    upsertPaperSummary(doc, first)
    const entry = doc.getMap('papers').get(first.id)
    upsertPaperSummary(doc, { ...first, status: 'final', updatedAt: first.updatedAt + 1 })
    expect(doc.getMap('papers').get(first.id)).toBe(entry)
    expect(readPapers(doc).value).toEqual([
      { ...first, status: 'final', updatedAt: first.updatedAt + 1 },
    ])
  })

  it('a removed paper is no longer listed; removing it again is no problem', () => {
    const doc = new Y.Doc()
    upsertPaperSummary(doc, first)
    upsertPaperSummary(doc, second)
    expect(removePaperSummary(doc, first.id).ok).toBe(true)
    expect(removePaperSummary(doc, first.id).ok).toBe(true)
    expect(readPapers(doc).value).toEqual([second])
  })

  it('a rename on one replica and a status change on another both survive', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    upsertPaperSummary(a, first)
    sync(a, b)
    upsertPaperSummary(a, { ...first, title: 'Local energy communities' })
    upsertPaperSummary(b, { ...first, status: 'review' })
    sync(a, b)
    const expected = [{ ...first, title: 'Local energy communities', status: 'review' }]
    expect(readPapers(a).value).toEqual(expected)
    expect(readPapers(b).value).toEqual(expected)
  })

  it('an invalid summary is refused and nothing is written', () => {
    const doc = new Y.Doc()
    const result = upsertPaperSummary(doc, { ...first, createdAt: Number.NaN })
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          path: 'papers.p-energy.createdAt',
          message: 'expected a time in epoch milliseconds; got NaN',
        },
      ],
    })
    expect(doc.getMap('papers').size).toBe(0)
  })

  it('entries that are not maps are skipped with a problem; bad fields read as defaults', () => {
    const doc = new Y.Doc()
    upsertPaperSummary(doc, first)
    const papers = doc.getMap('papers')
    papers.set('p-string', 'a paper')
    papers.set('p-array', new Y.Array())
    const broken = new Y.Map<unknown>()
    papers.set('p-broken', broken)
    broken.set('title', 7)
    broken.set('status', 'archived')
    broken.set('recipients', ['ERRIN', 3])
    broken.set('createdAt', -1)
    const { value, problems } = readPapers(doc)
    expect(value).toEqual([
      {
        id: 'p-broken',
        title: '',
        status: 'draft',
        recipients: ['ERRIN'],
        createdAt: 0,
        updatedAt: 0,
      },
      first,
    ])
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: 'papers.p-string', message: 'expected a Y.Map; got "a paper"; skipped' },
        { path: 'papers.p-array', message: 'expected a Y.Map; got Y.Array; skipped' },
        { path: 'papers.p-broken.title', message: 'expected a string; got number' },
        {
          path: 'papers.p-broken.status',
          message: 'expected one of draft, review, final, sent; got "archived"',
        },
        { path: 'papers.p-broken.recipients[1]', message: 'expected a string; got number' },
        {
          path: 'papers.p-broken.createdAt',
          message: 'expected a time in epoch milliseconds; got -1',
        },
        {
          path: 'papers.p-broken.updatedAt',
          message: 'expected a time in epoch milliseconds; got nothing',
        },
      ]),
    )
    expect(problems).toHaveLength(7)
  })

  it('upserting over an entry that is not a map replaces it with a readable one', () => {
    const doc = new Y.Doc()
    doc.getMap('papers').set(first.id, 'garbage')
    upsertPaperSummary(doc, first)
    expect(readPapers(doc)).toEqual({ value: [first], problems: [] })
  })
})

describe('observing the workspace index', () => {
  it('tells the listener the new list once per change, including edits of a listed paper', () => {
    const doc = new Y.Doc()
    const seen: Read<PaperSummary[]>[] = []
    const stop = observePapers(doc, (papers) => seen.push(papers))
    upsertPaperSummary(doc, first)
    upsertPaperSummary(doc, { ...first, title: 'Renamed' })
    removePaperSummary(doc, first.id)
    stop()
    upsertPaperSummary(doc, second)
    expect(seen.map(({ value }) => value.map((p) => p.title))).toEqual([
      [first.title],
      ['Renamed'],
      [],
    ])
  })

  it('hears changes that arrive from another replica', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    const seen: string[][] = []
    observePapers(b, ({ value }) => seen.push(value.map((p) => p.id)))
    upsertPaperSummary(a, first)
    sync(a, b)
    expect(seen).toEqual([[first.id]])
  })
})
