import * as Y from 'yjs'
import { REPLIES, THREADS } from './comments.ts'

/**
 * How many comments (threads and replies) hold a change the relay has not committed: a new
 * comment, an edit, a resolution or a decision. `committed` is the relay's committed state vector.
 * Deletions are not counted: a state vector does not cover them.
 */
export function waitingComments(doc: Y.Doc, committed: Map<number, number>): number {
  return waitingCommentIds(doc, committed).size
}

/**
 * The ids of the threads and replies `waitingComments` counts, so each of their cards can say
 * "not sent yet".
 */
export function waitingCommentIds(doc: Y.Doc, committed: Map<number, number>): Set<string> {
  const waiting = new Set<string>()
  const threads = doc.share.get(THREADS)
  if (!(threads instanceof Y.Map)) return waiting
  const uncommitted = (item: Y.Item | null | undefined) =>
    item != null && item.id.clock >= (committed.get(item.id.client) ?? 0)
  const changed = (map: Y.Map<unknown>) => {
    for (const item of map._map.values()) if (!item.deleted && uncommitted(item)) return true
    return false
  }
  const replyId = (reply: Y.Map<unknown>) => {
    const id = reply.get('id')
    return typeof id === 'string' ? id : null
  }
  for (const [id, item] of threads._map) {
    const thread = threads.get(id)
    if (item.deleted || !(thread instanceof Y.Map)) continue
    const replies = thread.get(REPLIES)
    const entries = replies instanceof Y.Array ? replies.toArray() : []
    const fresh = uncommitted(item)
    // A thread the relay has never seen: it and every reply in it are waiting.
    if (fresh || changed(thread)) waiting.add(id)
    for (const reply of entries) {
      if (!(reply instanceof Y.Map)) continue
      const key = replyId(reply)
      if (key !== null && (fresh || uncommitted(reply._item) || changed(reply))) {
        waiting.add(`${id}/${key}`)
      }
    }
  }
  return waiting
}
