import type { JSONContent } from '@tiptap/core'
import { uuidv4 } from 'lib0/random'
import { listTracked, type TrackedAuthor } from '../model/tracked.ts'
import { externalMemberId, type ParsedComment, type ParsedDocx } from './parse-docx.ts'
import { planReview, type ReviewNotes, type ReviewPlan } from './review.ts'
import { bylineMatches } from './write.ts'

/*
 * What an import will write, computed before anything is written: the body, where each comment
 * goes, and the summary the user confirms (and the CLI prints). Suggestions are still by Word
 * authors (`word:<name>`); the author mapping is applied when writing (write.ts mapAuthors).
 */

export type ImportPlan = {
  body: JSONContent
  /** Each comment with its place in `body` (anchor offsets), or null when it has none. */
  comments: { comment: ParsedComment; range: { start: number; end: number } | null }[]
  /** Text to put into existing paragraphs first (reviews only; see write.ts). */
  review: ReviewPlan | null
  summary: ImportSummary
}

export type ImportSummary = {
  title: string | null
  recipients: string[]
  language: 'nb' | 'en' | null
  dated: ParsedDocx['dated']
  versionName: string | null
  headings: number
  paragraphs: number
  lists: number
  tables: number
  notes: number
  /** New suggestions, by Word author name (the untracked author included). */
  suggestions: { author: string; count: number }[]
  /** New comment threads and replies, by Word author name. */
  comments: { author: string; threads: number; replies: number }[]
  /** Everyone to map to a member, in order: tracked authors, commenters, the untracked author. */
  authors: string[]
  /** What is left out, and why: one entry per kind, with how many. */
  dropped: { kind: DroppedKind; count: number; detail?: string }[]
}

export type DroppedKind =
  | 'images'
  | 'charts'
  | 'equations'
  | 'objects'
  | 'textBoxes'
  | 'formatChanges'
  | 'rowChanges'
  | 'superscripts'
  | 'transient'
  | 'unknownStyles'
  | 'decidedInWord'
  | 'deletedSuggestions'
  | 'unplaced'
  | 'lineBreaks'
  | 'unanchoredComments'
  | 'knownComments'

/** A Word document as a new paper: its body and comments as they are in the DOCX. */
export function planNewPaper(parsed: ParsedDocx): ImportPlan {
  const comments = parsed.comments.map((comment) => ({ comment, range: comment.range }))
  return {
    body: parsed.body,
    comments,
    review: null,
    summary: summarise(parsed, parsed.body, { type: 'doc', content: [] }, comments, null, []),
  }
}

export type ReviewBase = {
  /** The body as exported: a named version's, or the current body with its open suggestions. */
  base: JSONContent
  current: JSONContent
  /** The paper's threads, to recognise the comments (and replies) the export itself wrote. */
  threads: readonly KnownThread[]
  now: number
  newId?: () => string
}

/** A reviewed DOCX against the version it was exported from, laid onto the current text. */
export function planReviewImport(parsed: ParsedDocx, options: ReviewBase): ImportPlan {
  const name = parsed.lastModifiedBy ?? 'Word'
  const untracked: TrackedAuthor = {
    id: '',
    memberId: externalMemberId(name),
    name,
    organisation: '',
    at: options.now,
  }
  const review = planReview({
    docx: parsed.body,
    base: options.base,
    current: options.current,
    untracked,
    exported: exportedBy,
    newId: options.newId ?? uuidv4,
  })
  const { known, knownWithNewReplies } = knownComments(parsed.comments, options.threads)
  const placedComment = (comment: ParsedComment) => ({ comment, range: placed(comment, review) })
  const fresh = parsed.comments.filter((c) => !known.has(c)).map(placedComment)
  // A known thread with new replies goes along so the writer finds the thread they answer.
  const comments = parsed.comments
    .filter((c) => !known.has(c) || knownWithNewReplies.has(c))
    .map(placedComment)
  const knownThreads = [...known].filter((c) => c.parentId === null).length
  const extra: ImportSummary['dropped'] = []
  if (knownThreads > 0) extra.push({ kind: 'knownComments', count: knownThreads })
  return {
    body: review.body,
    comments,
    review,
    summary: summarise(parsed, review.body, options.current, fresh, review.notes, extra),
  }
}

type KnownAuthor = { memberId: string; name: string; organisation: string }
type KnownThread = {
  text: string
  author: KnownAuthor
  replies: { text: string; author: KnownAuthor }[]
}

/**
 * The DOCX's comments the paper already has (our export wrote them): a thread by the same author
 * with the same text, and its replies that the thread already holds. Replies written in Word to
 * such a thread are new; the thread they answer is then listed in `knownWithNewReplies`.
 */
function knownComments(comments: readonly ParsedComment[], threads: readonly KnownThread[]) {
  const same = (c: ParsedComment, t: { text: string; author: KnownAuthor }) =>
    t.text.trim() === c.text.trim() && bylineMatches(c.author, t.author)
  const threadOf = new Map<string, KnownThread>()
  const known = new Set<ParsedComment>()
  const knownWithNewReplies = new Set<ParsedComment>()
  for (const c of comments) {
    if (c.parentId !== null) continue
    const thread = threads.find((t) => same(c, t))
    if (thread === undefined) continue
    threadOf.set(c.id, thread)
    known.add(c)
  }
  for (const c of comments) {
    if (c.parentId === null) continue
    const thread = threadOf.get(c.parentId)
    if (thread === undefined) continue
    if (thread.replies.some((reply) => same(c, reply))) known.add(c)
    else {
      const parent = comments.find((p) => p.id === c.parentId)
      if (parent !== undefined) knownWithNewReplies.add(parent)
    }
  }
  return { known, knownWithNewReplies }
}

/**
 * True when a suggestion in the DOCX is one our export wrote from the paper's own: the same
 * author (as "Name (Organisation)") at the same second. Word and LibreOffice keep both on save.
 */
export function exportedBy(docx: TrackedAuthor, paper: TrackedAuthor): boolean {
  const named = docx.name === paper.name || docx.name === `${paper.name} (${paper.organisation})`
  return named && Math.abs(Math.floor(docx.at / 1000) - Math.floor(paper.at / 1000)) <= 1
}

function placed(comment: ParsedComment, review: ReviewPlan): { start: number; end: number } | null {
  if (comment.range === null) return null
  let start = -1
  let end = -1
  for (let offset = comment.range.start; offset < comment.range.end; offset++) {
    const at = review.landed(offset)
    if (at < 0) continue
    if (start < 0) start = at
    end = at + 1
  }
  return start >= 0 && end > start ? { start, end } : null
}

function summarise(
  parsed: ParsedDocx,
  body: JSONContent,
  before: JSONContent,
  comments: ImportPlan['comments'],
  review: ReviewNotes | null,
  extra: ImportSummary['dropped'],
): ImportSummary {
  const old = new Set(listTracked(before).map((s) => s.id))
  const suggestions = new Map<string, number>()
  for (const s of listTracked(body)) {
    if (!old.has(s.id)) suggestions.set(s.author.name, (suggestions.get(s.author.name) ?? 0) + 1)
  }
  const byAuthor = new Map<string, { threads: number; replies: number }>()
  let unanchored = 0
  for (const { comment, range } of comments) {
    const entry = byAuthor.get(comment.author) ?? { threads: 0, replies: 0 }
    if (comment.parentId === null) {
      if (range === null) unanchored++
      else entry.threads++
    } else entry.replies++
    byAuthor.set(comment.author, entry)
  }
  const counts = parsed.dropped
  const dropped: ImportSummary['dropped'] = []
  const add = (kind: DroppedKind, count: number, detail?: string) => {
    if (count > 0) dropped.push({ kind, count, ...(detail === undefined ? {} : { detail }) })
  }
  add('images', counts.images)
  add('charts', counts.charts)
  add('equations', counts.equations)
  add('objects', counts.objects)
  add('textBoxes', counts.textBoxes)
  add('formatChanges', counts.formatChanges)
  add('rowChanges', counts.rowChanges)
  add('superscripts', counts.superscripts)
  add('transient', counts.transient)
  add('unknownStyles', counts.unknownStyles.length, counts.unknownStyles.join(', '))
  if (review !== null) {
    add('decidedInWord', review.decidedInWord)
    add('deletedSuggestions', review.deletedSuggestions)
    add('unplaced', review.unplaced)
    add('lineBreaks', review.lineBreaks)
  }
  add('unanchoredComments', unanchored)
  dropped.push(...extra)
  const authors: string[] = []
  const note = (name: string) => void (authors.includes(name) ? null : authors.push(name))
  for (const name of suggestions.keys()) note(name)
  for (const name of byAuthor.keys()) note(name)
  const stats = parsed.stats
  return {
    title: parsed.title,
    recipients: parsed.recipients,
    language: parsed.language,
    dated: parsed.dated,
    versionName: parsed.versionName,
    headings: stats.headings,
    paragraphs: stats.paragraphs,
    lists: stats.lists,
    tables: stats.tables,
    notes: stats.notes,
    suggestions: [...suggestions].map(([author, count]) => ({ author, count })),
    comments: [...byAuthor].map(([author, c]) => ({ author, ...c })),
    authors,
    dropped,
  }
}
