import { describe, expect, it } from 'vitest'
import type { Author, Thread } from '../../../shared/model/index.ts'
import { filterThreads, orderThreads, organisationsOf } from './thread-order.ts'

const ingrid: Author = { memberId: 'm-i', name: 'Ingrid', organisation: 'NTNU' }
const paul: Author = { memberId: 'm-p', name: 'Paul', organisation: 'ERRIN' }

function thread(id: string, createdAt: number, author: Author, state: Thread['state'] = 'open') {
  return {
    id,
    anchor: null,
    quote: id,
    author,
    text: 'x',
    createdAt,
    editedAt: null,
    state,
    resolvedBy: null,
    resolvedAt: null,
    replies: [],
    suggestion: null,
    decision: null,
    tracked: null,
  } satisfies Thread
}

describe('threads in the side panel', () => {
  const threads = [
    thread('late-in-text', 1, ingrid),
    thread('gone', 2, paul),
    thread('early-in-text', 3, paul, 'resolved'),
    thread('waiting', 4, ingrid),
  ]
  const spans = new Map([
    ['late-in-text', { from: 50, to: 60 }],
    ['early-in-text', { from: 5, to: 9 }],
  ])
  const placed = orderThreads(threads, spans, (t) => t.id === 'waiting')

  it('come in document order, then those whose text is gone or not here yet, oldest first', () => {
    expect(placed.map((p) => [p.thread.id, p.placement])).toEqual([
      ['early-in-text', 'text'],
      ['late-in-text', 'text'],
      ['gone', 'removed'],
      ['waiting', 'pending'],
    ])
  })

  it('filter by state, organisation and "mine" (started or replied to)', () => {
    const ids = (f: Parameters<typeof filterThreads>[1], me = 'm-i') =>
      filterThreads(placed, f, me).map((p) => p.thread.id)
    expect(ids({ state: 'open', organisation: '', mine: false })).toEqual([
      'late-in-text',
      'gone',
      'waiting',
    ])
    expect(ids({ state: 'resolved', organisation: '', mine: false })).toEqual(['early-in-text'])
    expect(ids({ state: 'all', organisation: 'ERRIN', mine: false })).toEqual([
      'early-in-text',
      'gone',
    ])
    expect(ids({ state: 'all', organisation: '', mine: true })).toEqual(['late-in-text', 'waiting'])
    const replied = [
      {
        ...placed[2]!,
        thread: {
          ...placed[2]!.thread,
          replies: [{ id: 'r', author: ingrid, text: 'ja', createdAt: 5, editedAt: null }],
        },
      },
    ]
    expect(
      filterThreads(replied, { state: 'all', organisation: '', mine: true }, 'm-i'),
    ).toHaveLength(1)
  })

  it('offer each commenting organisation once, in the language order', () => {
    expect(organisationsOf(placed, 'nb')).toEqual(['ERRIN', 'NTNU'])
  })
})
