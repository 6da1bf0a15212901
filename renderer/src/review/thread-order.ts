import type { Thread } from '../../../shared/model/index.ts'
import type { Span } from './anchor-map.ts'

/** Where a thread's text is: in the paper, deleted, or not arrived yet (comments synced first). */
export type Placement = 'text' | 'removed' | 'pending'

export type PlacedThread = { thread: Thread; span: Span | null; placement: Placement }

/**
 * Threads in document order, as a reader meets them; those whose text is gone or not here yet
 * follow, oldest first, so they are never lost from the list.
 */
export function orderThreads(
  threads: readonly Thread[],
  spans: ReadonlyMap<string, Span>,
  isPending: (thread: Thread) => boolean,
): PlacedThread[] {
  const placed = threads.map((thread): PlacedThread => {
    const span = spans.get(thread.id) ?? null
    const placement = span !== null ? 'text' : isPending(thread) ? 'pending' : 'removed'
    return { thread, span, placement }
  })
  // Array.prototype.sort is stable: threads without a span keep their oldest-first order.
  return placed.sort((a, b) => {
    if (a.span === null || b.span === null)
      return (a.span === null ? 1 : 0) - (b.span === null ? 1 : 0)
    return a.span.from - b.span.from || a.span.to - b.span.to
  })
}

export type ThreadFilter = {
  state: 'open' | 'resolved' | 'all'
  /** Empty for every organisation. */
  organisation: string
  mine: boolean
}

/** A thread is "mine" when I started it or replied in it. */
export function filterThreads(
  threads: readonly PlacedThread[],
  filter: ThreadFilter,
  memberId: string,
): PlacedThread[] {
  return threads.filter(({ thread }) => {
    if (filter.state !== 'all' && thread.state !== filter.state) return false
    if (filter.organisation !== '' && thread.author.organisation !== filter.organisation) {
      return false
    }
    if (!filter.mine) return true
    return (
      thread.author.memberId === memberId ||
      thread.replies.some((reply) => reply.author.memberId === memberId)
    )
  })
}

/** The organisations that commented, for the filter, in the locale's order. */
export function organisationsOf(threads: readonly PlacedThread[], locale: string): string[] {
  const names = new Set(threads.map(({ thread }) => thread.author.organisation).filter(Boolean))
  return [...names].sort(new Intl.Collator(locale).compare)
}
