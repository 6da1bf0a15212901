import { uuidv4 } from 'lib0/random'
import * as Y from 'yjs'
import { anchorField, type Anchor } from './anchor.ts'
import {
  authorSpec,
  REPLIES,
  THREADS,
  type Author,
  type Suggestion,
  type SuggestionOutcome,
} from './comments.ts'
import {
  done,
  record,
  refused,
  rootMap,
  text,
  type FieldReader,
  type Problem,
  type Written,
} from './validate.ts'

/** A new thread: its first comment, where it sits and, optionally, a suggested replacement. */
export type NewThread = {
  anchor: Anchor
  quote: string
  author: Author
  text: string
  suggestion?: Suggestion | null
  /** The member who imports it from a Word review, when `author` is someone else. */
  importedBy?: Author | null
  /** The tracked change the thread is about (its card's conversation). */
  tracked?: string | null
}

/** A new answer in a thread; `importedBy` as for a thread. */
export type NewReply = { author: Author; text: string; importedBy?: Author | null }

/** A comment: a thread's first comment (`replyId` null) or one of its replies. */
export type CommentRef = { threadId: string; replyId: string | null }

const authorField = record(authorSpec)

/** Adds an open thread in one transaction; the value is the new thread's id. */
export function addThread(doc: Y.Doc, thread: NewThread, now = Date.now()): Written<string> {
  const suggestion = thread.suggestion ?? null
  const problems = [
    ...check(anchorField, thread.anchor, `${THREADS}.anchor`),
    ...check(text(), thread.quote, `${THREADS}.quote`),
    ...check(authorField, thread.author, `${THREADS}.author`),
    ...(suggestion === null
      ? checkText(thread.text, `${THREADS}.text`)
      : check(text(), thread.text, `${THREADS}.text`)),
    ...(suggestion === null ? [] : checkText(suggestion.text, `${THREADS}.suggestion.text`)),
    ...(thread.importedBy == null
      ? []
      : check(authorField, thread.importedBy, `${THREADS}.importedBy`)),
  ]
  const threads = rootMap(doc, THREADS, problems)
  if (threads === null || problems.length > 0) return refused(problems)
  const id = uuidv4()
  const fields: Record<string, unknown> = {
    anchor: { start: thread.anchor.start, end: thread.anchor.end },
    quote: thread.quote,
    author: authorOf(thread.author),
    text: thread.text,
    createdAt: now,
    editedAt: null,
    state: 'open',
    resolvedBy: null,
    resolvedAt: null,
    suggestion: suggestion === null ? null : { text: suggestion.text },
    decision: null,
    tracked: thread.tracked ?? null,
    ...(thread.importedBy == null ? {} : { importedBy: authorOf(thread.importedBy) }),
  }
  const entry = new Y.Map<unknown>(Object.entries(structuredClone(fields)))
  entry.set(REPLIES, new Y.Array<Y.Map<unknown>>())
  threads.set(id, entry)
  return done(id)
}

/** Appends a reply; concurrent replies are all kept. The value is the new reply's id. */
export function addReply(
  doc: Y.Doc,
  threadId: string,
  reply: NewReply,
  now = Date.now(),
): Written<string> {
  const problems = [
    ...check(authorField, reply.author, `${THREADS}.${threadId}.${REPLIES}.author`),
    ...checkText(reply.text, `${THREADS}.${threadId}.${REPLIES}.text`),
    ...(reply.importedBy == null
      ? []
      : check(authorField, reply.importedBy, `${THREADS}.${threadId}.${REPLIES}.importedBy`)),
  ]
  const replies = findReplies(doc, threadId, problems)
  if (replies === null || problems.length > 0) return refused(problems)
  const id = uuidv4()
  const fields = {
    id,
    author: authorOf(reply.author),
    text: reply.text,
    createdAt: now,
    editedAt: null,
    ...(reply.importedBy == null ? {} : { importedBy: authorOf(reply.importedBy) }),
  }
  replies.push([new Y.Map<unknown>(Object.entries(fields))])
  return done(id)
}

export function resolveThread(doc: Y.Doc, threadId: string, by: Author, now = Date.now()): Written {
  const problems = check(authorField, by, `${THREADS}.${threadId}.resolvedBy`)
  const thread = findThread(doc, threadId, problems)
  if (thread === null || problems.length > 0) return refused(problems)
  doc.transact(() => {
    thread.set('state', 'resolved')
    thread.set('resolvedBy', authorOf(by))
    thread.set('resolvedAt', now)
  })
  return done(null)
}

/** A decision on a thread's suggestion; `replaced` is the body text an acceptance replaced. */
export type NewDecision = { outcome: SuggestionOutcome; by: Author; replaced?: string | null }

/**
 * Records the decision on a thread's suggestion and resolves the thread, in one transaction. Who may
 * decide (editors and the coordinator) and applying an accepted suggestion to the body are for the
 * caller; a thread without a suggestion, or one already decided, is refused.
 */
export function decideSuggestion(
  doc: Y.Doc,
  threadId: string,
  decision: NewDecision,
  now = Date.now(),
): Written {
  const problems = check(authorField, decision.by, `${THREADS}.${threadId}.decision.by`)
  if (decision.outcome !== 'accepted' && decision.outcome !== 'rejected') {
    problems.push({ path: `${THREADS}.${threadId}.decision.outcome`, message: 'unknown outcome' })
  }
  const thread = findThread(doc, threadId, problems)
  if (thread === null || problems.length > 0) return refused(problems)
  if (thread.get('suggestion') == null) {
    return refused([
      { path: `${THREADS}.${threadId}.suggestion`, message: 'no suggestion to decide' },
    ])
  }
  if (thread.get('decision') != null) {
    return refused([
      { path: `${THREADS}.${threadId}.decision`, message: 'the suggestion was already decided' },
    ])
  }
  const by = authorOf(decision.by)
  doc.transact(() => {
    thread.set('decision', {
      outcome: decision.outcome,
      by,
      at: now,
      replaced: decision.replaced ?? null,
    })
    thread.set('state', 'resolved')
    thread.set('resolvedBy', by)
    thread.set('resolvedAt', now)
  })
  return done(null)
}

/** A tracked change to record a decision on: its id, and where its text is (for a new record). */
export type TrackedRef = { tracked: string; anchor: Anchor; quote: string }

/**
 * Records that `by` accepted or rejected tracked changes (suggesting mode), in one transaction:
 * each change's open threads get the decision and are resolved; a change nobody wrote about gets
 * a thread that is only the record. So every replica knows a suggestion that went was decided,
 * not deleted with its text. The value is the number of suggestions recorded.
 */
export function decideTracked(
  doc: Y.Doc,
  changes: readonly TrackedRef[],
  decision: { outcome: SuggestionOutcome; by: Author },
  now = Date.now(),
): Written<number> {
  const problems = check(authorField, decision.by, `${THREADS}.decision.by`)
  const threads = rootMap(doc, THREADS, problems)
  if (threads === null || problems.length > 0) return refused(problems)
  const by = authorOf(decision.by)
  const record = { outcome: decision.outcome, by, at: now, replaced: null }
  const open = new Map<string, Y.Map<unknown>[]>()
  threads.forEach((entry) => {
    if (!(entry instanceof Y.Map)) return
    const tracked: unknown = entry.get('tracked')
    if (typeof tracked !== 'string' || entry.get('decision') != null) return
    open.set(tracked, [...(open.get(tracked) ?? []), entry])
  })
  doc.transact(() => {
    for (const change of changes) {
      const existing = open.get(change.tracked) ?? []
      for (const thread of existing) {
        thread.set('decision', structuredClone(record))
        thread.set('state', 'resolved')
        thread.set('resolvedBy', structuredClone(by))
        thread.set('resolvedAt', now)
      }
      if (existing.length > 0) continue
      const entry = new Y.Map<unknown>(
        Object.entries({
          anchor: { start: change.anchor.start, end: change.anchor.end },
          quote: change.quote,
          author: structuredClone(by),
          text: '',
          createdAt: now,
          editedAt: null,
          state: 'resolved',
          resolvedBy: structuredClone(by),
          resolvedAt: now,
          suggestion: null,
          decision: structuredClone(record),
          tracked: change.tracked,
        }),
      )
      entry.set(REPLIES, new Y.Array<Y.Map<unknown>>())
      threads.set(uuidv4(), entry)
    }
  })
  return done(changes.length)
}

export function reopenThread(doc: Y.Doc, threadId: string): Written {
  const problems: Problem[] = []
  const thread = findThread(doc, threadId, problems)
  if (thread === null) return refused(problems)
  doc.transact(() => {
    thread.set('state', 'open')
    thread.set('resolvedBy', null)
    thread.set('resolvedAt', null)
  })
  return done(null)
}

/** Replaces a comment's text and stamps `editedAt`. Who may edit is for the caller to decide. */
export function editComment(
  doc: Y.Doc,
  ref: CommentRef,
  newText: string,
  now = Date.now(),
): Written {
  const problems = checkText(newText, `${THREADS}.${ref.threadId}.text`)
  const comment = findComment(doc, ref, problems)
  if (comment === null || problems.length > 0) return refused(problems)
  doc.transact(() => {
    comment.map.set('text', newText)
    comment.map.set('editedAt', now)
  })
  return done(null)
}

/** Deleting a thread's first comment deletes the whole thread, replies included. */
export function deleteComment(doc: Y.Doc, ref: CommentRef): Written {
  const problems: Problem[] = []
  const comment = findComment(doc, ref, problems)
  if (comment === null) return refused(problems)
  comment.remove()
  return done(null)
}

// Only the known fields, so whatever else a caller's object carries never reaches the doc.
function authorOf({ memberId, name, organisation }: Author): Author {
  return { memberId, name, organisation }
}

function check<T>(reader: FieldReader<T>, value: unknown, path: string): Problem[] {
  const problems: Problem[] = []
  reader(value, path, problems)
  return problems
}

function checkText(value: unknown, path: string): Problem[] {
  const problems = check(text(), value, path)
  if (problems.length === 0 && (value as string).trim() === '') {
    problems.push({ path, message: 'expected some text; got only blanks' })
  }
  return problems
}

function findThread(doc: Y.Doc, threadId: string, problems: Problem[]): Y.Map<unknown> | null {
  const thread = rootMap(doc, THREADS, problems)?.get(threadId)
  if (thread instanceof Y.Map) return thread
  problems.push({
    path: `${THREADS}.${threadId}`,
    message: 'no such thread; it may have been deleted',
  })
  return null
}

function findReplies(doc: Y.Doc, threadId: string, problems: Problem[]): Y.Array<unknown> | null {
  const thread = findThread(doc, threadId, problems)
  if (thread === null) return null
  const replies = thread.get(REPLIES)
  if (replies instanceof Y.Array) return replies
  problems.push({
    path: `${THREADS}.${threadId}.${REPLIES}`,
    message: 'the replies are unreadable',
  })
  return null
}

/** A comment's map, and how to delete it. */
type FoundComment = { map: Y.Map<unknown>; remove: () => void }

function findComment(doc: Y.Doc, ref: CommentRef, problems: Problem[]): FoundComment | null {
  const { threadId, replyId } = ref
  if (replyId === null) {
    const thread = findThread(doc, threadId, problems)
    if (thread === null) return null
    return { map: thread, remove: () => doc.getMap(THREADS).delete(threadId) }
  }
  const replies = findReplies(doc, threadId, problems)
  if (replies === null) return null
  const entries = replies.toArray()
  const index = entries.findIndex((entry) => entry instanceof Y.Map && entry.get('id') === replyId)
  const reply = entries[index]
  if (reply instanceof Y.Map) return { map: reply, remove: () => replies.delete(index, 1) }
  problems.push({
    path: `${THREADS}.${threadId}.${REPLIES}.${replyId}`,
    message: 'no such reply; it may have been deleted',
  })
  return null
}
