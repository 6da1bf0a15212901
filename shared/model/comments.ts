import * as Y from 'yjs'
import { anchorField, type Anchor } from './anchor.ts'
import {
  byCreation,
  describe,
  nullable,
  oneOf,
  optional,
  readRecord,
  record,
  rootMap,
  text,
  time,
  type FieldReader,
  type Problem,
  type Read,
  type Spec,
} from './validate.ts'

/** Who wrote a comment, as they were named when they wrote it. */
export type Author = { memberId: string; name: string; organisation: string }

/** A thread is open until someone resolves it; it can be reopened. */
export type ThreadState = 'open' | 'resolved'
export const THREAD_STATES: readonly ThreadState[] = ['open', 'resolved']

/** A replacement the commenter proposes for the anchored text. */
export type Suggestion = { text: string }

/** What an editor or the coordinator decided about a thread's suggestion. */
export type SuggestionOutcome = 'accepted' | 'rejected'
export const SUGGESTION_OUTCOMES: readonly SuggestionOutcome[] = ['accepted', 'rejected']

export type SuggestionDecision = {
  outcome: SuggestionOutcome
  by: Author
  /** Epoch milliseconds. */
  at: number
  /** The body text the suggestion replaced when accepted (it may differ from the quote). */
  replaced: string | null
}

/** An answer in a thread. */
export type Reply = {
  id: string
  author: Author
  text: string
  /** Epoch milliseconds. */
  createdAt: number
  /** Epoch milliseconds of the last edit; null when never edited. */
  editedAt: number | null
  /** Who brought it in from a Word review on the author's behalf; null when the author wrote it. */
  importedBy?: Author | null
}

/**
 * A comment thread of the comments doc (`<workspace>/paper/<id>/comments`): the first comment,
 * where it sits in the body, its replies and whether it is resolved.
 */
export type Thread = {
  id: string
  /** Null when the stored anchor is unreadable; the quote still shows what was commented on. */
  anchor: Anchor | null
  /** The anchored text when the comment was made. */
  quote: string
  author: Author
  text: string
  createdAt: number
  editedAt: number | null
  state: ThreadState
  resolvedBy: Author | null
  resolvedAt: number | null
  replies: Reply[]
  suggestion: Suggestion | null
  /** Null while the suggestion (if any) waits for a decision. */
  decision: SuggestionDecision | null
  /** Who brought it in from a Word review on the author's behalf; null when the author wrote it. */
  importedBy?: Author | null
  /**
   * The tracked change (suggesting mode) this thread is about, by its id: its card's replies and
   * the record of its decision. Null for an ordinary comment.
   */
  tracked: string | null
}

export const THREADS = 'threads'
export const REPLIES = 'replies'

export const authorSpec: Spec<Author> = {
  memberId: text(),
  name: text(),
  organisation: text(),
}

const replySpec: Spec<Reply> = {
  id: text(),
  author: record(authorSpec),
  text: text(),
  createdAt: time,
  editedAt: nullable(time),
  importedBy: optional(nullable(record(authorSpec)), null),
}

const repliesField: FieldReader<Reply[]> = (value, path, problems) => {
  if (!(value instanceof Y.Array)) {
    problems.push({ path, message: `expected a Y.Array of replies; got ${describe(value)}` })
    return []
  }
  const replies: Reply[] = []
  value.forEach((entry: unknown, i) => {
    const at = `${path}[${i}]`
    if (entry instanceof Y.Map)
      replies.push(withoutNoImport(readRecord(replySpec, (key) => entry.get(key), at, problems)))
    else problems.push({ path: at, message: `expected a Y.Map; got ${describe(entry)}; skipped` })
  })
  return replies
}

const threadSpec: Spec<Omit<Thread, 'id'>> = {
  anchor: anchorField,
  quote: text(),
  author: record(authorSpec),
  text: text(),
  createdAt: time,
  editedAt: nullable(time),
  state: oneOf(THREAD_STATES, 'open'),
  resolvedBy: nullable(record(authorSpec)),
  resolvedAt: nullable(time),
  replies: repliesField,
  suggestion: optional(nullable(record<Suggestion>({ text: text() })), null),
  tracked: optional(nullable(text()), null),
  decision: optional(
    nullable(
      record<SuggestionDecision>({
        outcome: oneOf(SUGGESTION_OUTCOMES, 'rejected'),
        by: record(authorSpec),
        at: time,
        replaced: nullable(text()),
      }),
    ),
    null,
  ),
  importedBy: optional(nullable(record(authorSpec)), null),
}

/**
 * The threads, oldest first (ties by id), so every replica lists them in the same order. Entries
 * that are not Y.Maps are skipped and reported; a thread with an unreadable anchor is kept.
 */
export function readThreads(doc: Y.Doc): Read<Thread[]> {
  const problems: Problem[] = []
  const threads = rootMap(doc, THREADS, problems)
  const value: Thread[] = []
  threads?.forEach((entry, id) => {
    const thread = readEntry(entry, id, problems)
    if (thread !== null) value.push(thread)
  })
  value.sort(byCreation)
  return { value, problems }
}

/** One thread by id: null when there is none (or it is not a Y.Map, which is a problem). */
export function readThread(doc: Y.Doc, id: string): Read<Thread | null> {
  const problems: Problem[] = []
  const entry = rootMap(doc, THREADS, problems)?.get(id)
  return { value: entry === undefined ? null : readEntry(entry, id, problems), problems }
}

function readEntry(entry: unknown, id: string, problems: Problem[]): Thread | null {
  const path = `${THREADS}.${id}`
  if (entry instanceof Y.Map) {
    return withoutNoImport({
      id,
      ...readRecord(threadSpec, (key) => entry.get(key), path, problems),
    })
  }
  problems.push({ path, message: `expected a Y.Map; got ${describe(entry)}; skipped` })
  return null
}

/** Comments their authors wrote read as before imports existed: no `importedBy` key. */
function withoutNoImport<T extends { importedBy?: Author | null }>(comment: T): T {
  if (comment.importedBy === null) delete comment.importedBy
  return comment
}

/** Calls `listener` with the fresh threads after every transaction that changed them. */
export function observeThreads(
  doc: Y.Doc,
  listener: (threads: Read<Thread[]>) => void,
): () => void {
  const threads = rootMap(doc, THREADS, [])
  if (threads === null) return () => undefined
  const handler = (): void => listener(readThreads(doc))
  threads.observeDeep(handler)
  return () => threads.unobserveDeep(handler)
}
