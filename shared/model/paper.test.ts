import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { observePaperMeta, readPaperMeta, writePaperMeta, type PaperMeta } from './paper.ts'

const meta: PaperMeta = {
  title: 'Climate-neutral cities need multi-level governance',
  recipients: ['EU Mission Board for Climate-Neutral and Smart Cities'],
  language: 'en',
  deadline: '2025-10-15',
  status: 'draft',
  organisations: ['NTNU', 'Trondheim kommune'],
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

describe('reading paper meta', () => {
  it('a new, empty paper reads as defaults and reports every missing field', () => {
    const { value, problems } = readPaperMeta(new Y.Doc())
    expect(value).toEqual({
      title: '',
      recipients: [],
      language: 'en',
      deadline: null,
      status: 'draft',
      organisations: [],
    })
    expect(problems.map((p) => p.path)).toEqual([
      'meta.title',
      'meta.recipients',
      'meta.language',
      'meta.deadline',
      'meta.status',
      'meta.organisations',
    ])
    expect(problems[0]?.message).toBe('expected a string; got nothing')
  })

  it('a status that is not one of the four reads as draft and names what it got', () => {
    const doc = new Y.Doc()
    writePaperMeta(doc, meta)
    doc.getMap('meta').set('status', 42)
    const { value, problems } = readPaperMeta(doc)
    expect(value.status).toBe('draft')
    expect(problems).toEqual([
      { path: 'meta.status', message: 'expected one of draft, review, final, sent; got number' },
    ])
  })

  it('a meta full of garbage types reads as defaults, one problem per bad value, without throwing', () => {
    const doc = new Y.Doc()
    const map = doc.getMap('meta')
    map.set('title', new Y.Text('a shared text where a string belongs'))
    map.set('recipients', 'Mission Board')
    map.set('language', 'de')
    map.set('deadline', '2025-02-30')
    map.set('status', null)
    map.set('organisations', [1, 'ERRIN', null, new Uint8Array([1])])
    const { value, problems } = readPaperMeta(doc)
    expect(value).toEqual({
      title: '',
      recipients: [],
      language: 'en',
      deadline: null,
      status: 'draft',
      organisations: ['ERRIN'],
    })
    expect(problems).toEqual([
      { path: 'meta.title', message: 'expected a string; got Y.Text' },
      { path: 'meta.recipients', message: 'expected a list of strings; got "Mission Board"' },
      { path: 'meta.language', message: 'expected one of nb, en; got "de"' },
      { path: 'meta.deadline', message: 'expected a date as YYYY-MM-DD; got "2025-02-30"' },
      { path: 'meta.status', message: 'expected one of draft, review, final, sent; got null' },
      { path: 'meta.organisations[0]', message: 'expected a string; got number' },
      { path: 'meta.organisations[2]', message: 'expected a string; got null' },
      { path: 'meta.organisations[3]', message: 'expected a string; got bytes' },
    ])
  })

  it('a doc whose meta name holds another shared type reads as defaults with one problem', () => {
    const doc = new Y.Doc()
    doc.getArray('meta').push(['not a map'])
    const { value, problems } = readPaperMeta(doc)
    expect(value.title).toBe('')
    expect(problems).toContainEqual({ path: 'meta', message: 'expected a Y.Map; got Y.Array' })
  })

  it('a meta written by a replica that stored an array under meta reads without throwing', () => {
    const other = new Y.Doc()
    other.getArray('meta').push([1, 2])
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other))
    expect(readPaperMeta(doc).value.status).toBe('draft')
  })
})

describe('writing paper meta', () => {
  it('what is written reads back unchanged, with no problems', () => {
    const doc = new Y.Doc()
    expect(writePaperMeta(doc, meta)).toEqual({ ok: true, value: null })
    expect(readPaperMeta(doc)).toEqual({ value: meta, problems: [] })
  })

  it('a patch changes only its fields, in one transaction', () => {
    const doc = new Y.Doc()
    writePaperMeta(doc, meta)
    let transactions = 0
    doc.on('afterTransaction', () => transactions++)
    writePaperMeta(doc, { status: 'review', deadline: null })
    expect(transactions).toBe(1)
    expect(readPaperMeta(doc).value).toEqual({ ...meta, status: 'review', deadline: null })
  })

  it('an invalid field refuses the whole patch and writes nothing', () => {
    const doc = new Y.Doc()
    writePaperMeta(doc, meta)
    const before = Y.encodeStateVector(doc)
    const result = writePaperMeta(doc, { title: 'New title', deadline: '15.10.2025' })
    expect(result).toEqual({
      ok: false,
      problems: [
        { path: 'meta.deadline', message: 'expected a date as YYYY-MM-DD; got "15.10.2025"' },
      ],
    })
    expect(Y.encodeStateVector(doc)).toEqual(before)
  })

  it('unknown fields are refused rather than stored', () => {
    const doc = new Y.Doc()
    const patch = { colour: 'red' } as Partial<PaperMeta>
    expect(writePaperMeta(doc, patch)).toEqual({
      ok: false,
      problems: [{ path: 'meta.colour', message: 'unknown field' }],
    })
  })

  it('rewriting a field with its current value sends no update', () => {
    const doc = new Y.Doc()
    writePaperMeta(doc, meta)
    let updates = 0
    doc.on('update', () => updates++)
    writePaperMeta(doc, { ...meta, recipients: [...meta.recipients] })
    expect(updates).toBe(0)
  })

  it('changing the array passed in afterwards does not change the doc', () => {
    const doc = new Y.Doc()
    const organisations = ['NTNU']
    writePaperMeta(doc, { organisations })
    organisations.push('ERRIN')
    expect(readPaperMeta(doc).value.organisations).toEqual(['NTNU'])
  })

  it('two partners editing different fields offline both keep their edit after syncing', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    writePaperMeta(a, meta)
    sync(a, b)
    writePaperMeta(a, { title: 'Cities as partners in the energy transition' })
    writePaperMeta(b, { recipients: [...meta.recipients, 'EUROCITIES'], status: 'review' })
    sync(a, b)
    const expected = {
      ...meta,
      title: 'Cities as partners in the energy transition',
      recipients: [...meta.recipients, 'EUROCITIES'],
      status: 'review',
    }
    expect(readPaperMeta(a).value).toEqual(expected)
    expect(readPaperMeta(b).value).toEqual(expected)
  })

  it('two partners editing the same field end with the same value on both replicas', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    writePaperMeta(a, { title: 'A' })
    writePaperMeta(b, { title: 'B' })
    sync(a, b)
    expect(readPaperMeta(a).value.title).toBe(readPaperMeta(b).value.title)
  })
})

describe('observing paper meta', () => {
  it('tells the listener the new meta after each change, until unsubscribed', () => {
    const doc = new Y.Doc()
    const seen: string[] = []
    const stop = observePaperMeta(doc, ({ value }) => seen.push(value.title))
    writePaperMeta(doc, { title: 'First' })
    writePaperMeta(doc, { title: 'Second' })
    stop()
    writePaperMeta(doc, { title: 'Third' })
    expect(seen).toEqual(['First', 'Second'])
  })
})
