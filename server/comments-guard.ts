import * as Y from 'yjs'
import { readThreads, THREADS, type Reply, type Thread } from '../shared/model/comments.ts'
import type { Writer } from '../shared/protocol/index.ts'

/**
 * Why a reviewer may not apply `update` to a comments doc, or null. Reviewers may change only the
 * `threads` map, and in it only their own comments (shared/model/comment-rules.ts): add threads
 * and replies authored as themselves, edit, resolve, reopen or delete their own, never decide a
 * suggestion. The update is applied to a throwaway copy and the threads are compared. Editors and
 * the coordinator are not checked here: they also resolve others' threads and decide suggestions.
 */
export function commentsUpdateRefusal(
  doc: Y.Doc,
  update: Uint8Array,
  writer: Writer,
): string | null {
  if (writer.role !== 'reviewer') return null
  const copy = new Y.Doc()
  const threads = copy.getMap<unknown>(THREADS)
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  const before = readThreads(copy)
  let outside = false
  copy.on('afterTransaction', (transaction: Y.Transaction) => {
    for (const type of transaction.changed.keys()) outside ||= rootOf(type) !== threads
  })
  try {
    Y.applyUpdate(copy, update)
  } catch (error) {
    copy.destroy()
    return `The update could not be applied: ${String(error)}`
  }
  const after = readThreads(copy)
  copy.destroy()
  if (outside) return 'The comments doc holds only its threads.'
  if (after.problems.length > before.problems.length) return 'Not a valid comment.'
  return diffRefusal(byId(before.value), byId(after.value), writer)
}

function diffRefusal(
  before: Map<string, Thread>,
  after: Map<string, Thread>,
  writer: Writer,
): string | null {
  const own = (author: { memberId: string }) => author.memberId === writer.id
  const authoredBy = (author: { memberId: string; organisation: string }) =>
    own(author) && author.organisation === writer.organisation
  for (const id of new Set([...before.keys(), ...after.keys()])) {
    const was = before.get(id)
    const is = after.get(id)
    if (was === undefined && is !== undefined) {
      if (!authoredBy(is.author) || !is.replies.every((reply) => authoredBy(reply.author))) {
        return 'A reviewer comments only under their own name.'
      }
      if (is.decision !== null) return 'Only editors and the coordinator decide suggestions.'
    } else if (was !== undefined && is === undefined) {
      if (!own(was.author)) return 'Only its author deletes a comment.'
    } else if (was !== undefined && is !== undefined) {
      if (stable(withoutReplies(was)) !== stable(withoutReplies(is))) {
        if (!own(was.author) || stable(was.author) !== stable(is.author)) {
          return 'A reviewer changes only their own comments.'
        }
        if (stable(was.decision) !== stable(is.decision)) {
          return 'Only editors and the coordinator decide suggestions.'
        }
      }
      const refusal = repliesRefusal(byId(was.replies), byId(is.replies), own, authoredBy)
      if (refusal !== null) return refusal
    }
  }
  return null
}

function repliesRefusal(
  before: Map<string, Reply>,
  after: Map<string, Reply>,
  own: (author: Reply['author']) => boolean,
  authoredBy: (author: Reply['author']) => boolean,
): string | null {
  for (const id of new Set([...before.keys(), ...after.keys()])) {
    const was = before.get(id)
    const is = after.get(id)
    if (was === undefined && is !== undefined && !authoredBy(is.author)) {
      return 'A reviewer comments only under their own name.'
    }
    if (was !== undefined && stable(was) !== stable(is)) {
      if (!own(was.author) || (is !== undefined && stable(is.author) !== stable(was.author))) {
        return 'A reviewer changes only their own comments.'
      }
    }
  }
  return null
}

/** The root a shared type hangs from (itself when it is a root). */
function rootOf(type: { _item: Y.Item | null }): unknown {
  let current: { _item: Y.Item | null } = type
  while (current._item !== null && current._item.parent instanceof Y.AbstractType) {
    current = current._item.parent
  }
  return current
}

function byId<T extends { id: string }>(entries: T[]): Map<string, T> {
  return new Map(entries.map((entry) => [entry.id, entry]))
}

function withoutReplies(thread: Thread): Thread {
  return { ...thread, replies: [] }
}

/** JSON with bytes (anchors) as number lists; field order is the readers' spec order. */
function stable(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, entry: unknown) =>
    entry instanceof Uint8Array ? [...entry] : entry,
  )
}
