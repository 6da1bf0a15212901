import type { PaperStatus, PaperSummary } from '../../../shared/model/index.ts'

export type LibraryFilter = { query: string; status: PaperStatus | 'all' }

/**
 * The papers to list: those whose title or a recipient contains every word of the query (any
 * case), with the chosen status; the most recently changed first.
 */
export function filterPapers(
  papers: readonly PaperSummary[],
  filter: LibraryFilter,
  locale: string,
): PaperSummary[] {
  const words = filter.query.toLocaleLowerCase(locale).split(/\s+/).filter(Boolean)
  return papers
    .filter((paper) => filter.status === 'all' || paper.status === filter.status)
    .filter((paper) => {
      const haystack = [paper.title, ...paper.recipients].join('\n').toLocaleLowerCase(locale)
      return words.every((word) => haystack.includes(word))
    })
    .sort((a, b) => b.updatedAt - a.updatedAt || a.id.localeCompare(b.id))
}

/** How many papers have each status, for the filter's labels. */
export function countByStatus(
  papers: readonly PaperSummary[],
): Record<PaperStatus | 'all', number> {
  const counts = { all: papers.length, draft: 0, review: 0, final: 0, sent: 0 }
  for (const paper of papers) counts[paper.status]++
  return counts
}
