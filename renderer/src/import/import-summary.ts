import type { Formatters, MessageKey, Translate } from '../../../shared/i18n/index.ts'
import type { DroppedKind, ImportSummary } from '../../../shared/import/import-plan.ts'

const DROPPED = {
  images: 'import.dropped.images',
  charts: 'import.dropped.charts',
  equations: 'import.dropped.equations',
  objects: 'import.dropped.objects',
  textBoxes: 'import.dropped.textBoxes',
  formatChanges: 'import.dropped.formatChanges',
  rowChanges: 'import.dropped.rowChanges',
  superscripts: 'import.dropped.superscripts',
  transient: 'import.dropped.transient',
  unknownStyles: 'import.dropped.unknownStyles',
  decidedInWord: 'import.dropped.decidedInWord',
  deletedSuggestions: 'import.dropped.deletedSuggestions',
  unplaced: 'import.dropped.unplaced',
  lineBreaks: 'import.dropped.lineBreaks',
  unanchoredComments: 'import.dropped.unanchoredComments',
  knownComments: 'import.dropped.knownComments',
} as const satisfies Record<DroppedKind, MessageKey>

export type SummaryLines = {
  /** What the document holds: title, recipients, headings, paragraphs... (new papers). */
  found: string[]
  suggestions: string[]
  comments: string[]
  dropped: string[]
}

/** The summary shown before anything is written, as sentences in the UI's language. */
export function summaryLines(
  t: Translate,
  format: Pick<Formatters, 'list'>,
  summary: ImportSummary,
  kind: 'paper' | 'review',
): SummaryLines {
  const found: string[] = []
  if (kind === 'paper') {
    if (summary.title) found.push(t('import.found.title', { title: summary.title }))
    if (summary.recipients.length > 0) {
      found.push(t('import.found.recipients', { recipients: format.list(summary.recipients) }))
    }
    found.push(t('import.found.headings', { count: summary.headings }))
    found.push(t('import.found.paragraphs', { count: summary.paragraphs }))
    if (summary.lists > 0) found.push(t('import.found.lists', { count: summary.lists }))
    if (summary.tables > 0) found.push(t('import.found.tables', { count: summary.tables }))
    if (summary.notes > 0) found.push(t('import.found.notes', { count: summary.notes }))
  }
  const suggestions = summary.suggestions.map(({ author, count }) =>
    t('import.suggestions', { count, author }),
  )
  const comments = summary.comments
    .filter((c) => c.threads + c.replies > 0)
    .map(({ author, threads, replies }) =>
      t('import.comments', {
        author,
        threads: t('import.comments.threads', { count: threads }),
        replies: t('import.comments.replies', { count: replies }),
      }),
    )
  const dropped = summary.dropped.map(({ kind: what, count, detail }) =>
    t(DROPPED[what], { count, detail: detail ?? '' }),
  )
  return { found, suggestions, comments, dropped }
}
