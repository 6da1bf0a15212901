import { describe, expect, test } from 'vitest'
import type { PaperSummary } from '../../../shared/model/index.ts'
import { countByStatus, filterPapers } from './library-filter.ts'

const paper = (id: string, fields: Partial<PaperSummary>): PaperSummary => ({
  id,
  title: '',
  status: 'draft',
  recipients: [],
  createdAt: 1,
  updatedAt: 1,
  ...fields,
})

const papers = [
  paper('a', { title: 'Klimanøytrale byer', recipients: ['Mission Board'], updatedAt: 10 }),
  paper('b', { title: 'Smart cities and universities', status: 'review', updatedAt: 30 }),
  paper('c', { title: 'Urban Partnership', recipients: ['EUROCITIES', 'ERRIN'], updatedAt: 20 }),
]

describe('the library filter', () => {
  test('lists the most recently changed paper first', () => {
    const ids = filterPapers(papers, { query: '', status: 'all' }, 'nb').map((p) => p.id)
    expect(ids).toEqual(['b', 'c', 'a'])
  })

  test('finds papers by any case of their title or a recipient, every word', () => {
    const find = (query: string) =>
      filterPapers(papers, { query, status: 'all' }, 'nb').map((p) => p.id)
    expect(find('KLIMANØYTRALE')).toEqual(['a'])
    expect(find('errin')).toEqual(['c'])
    expect(find('mission byer')).toEqual(['a'])
    expect(find('mission cities')).toEqual([])
  })

  test('keeps only the chosen status, and counts each', () => {
    expect(filterPapers(papers, { query: '', status: 'review' }, 'nb').map((p) => p.id)).toEqual([
      'b',
    ])
    expect(countByStatus(papers)).toEqual({ all: 3, draft: 2, review: 1, final: 0, sent: 0 })
  })
})
