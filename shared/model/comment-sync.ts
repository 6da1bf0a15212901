import * as Y from 'yjs'
import { REPLIES, THREADS } from './comments.ts'

/**
 * How many comments (threads and replies) hold a change the relay has not committed: a new
 * comment, an edit, a resolution or a decision. `committed` is the relay's committed state vector.
 * Deletions are not counted: a state vector does not cover them.
 */
export function waitingComments(doc: Y.Doc, committed: Map<number, number>): number {
  const threads = doc.share.get(THREADS)
  if (!(threads instanceof Y.Map)) return 0
  let waiting = 0
  const uncommitted = (item: Y.Item | null | undefined) =>
    item != null && item.id.clock >= (committed.get(item.id.client) ?? 0)
  const changed = (map: Y.Map<unknown>) => {
    for (const item of map._map.values()) if (!item.deleted && uncommitted(item)) return true
    return false
  }
  for (const [id, item] of threads._map) {
    const thread = threads.get(id)
    if (item.deleted || !(thread instanceof Y.Map)) continue
    const replies = thread.get(REPLIES)
    const entries = replies instanceof Y.Array ? replies.toArray() : []
    if (uncommitted(item)) {
      // A thread the relay has never seen: it and every reply in it are waiting.
      waiting += 1 + entries.length
      continue
    }
    if (changed(thread)) waiting++
    for (const reply of entries) {
      if (reply instanceof Y.Map && (uncommitted(reply._item) || changed(reply))) waiting++
    }
  }
  return waiting
}
