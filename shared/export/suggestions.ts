import type { JSONContent } from '@tiptap/core'
import { SUGGEST_INSERT, isAuthor, listTracked, rejectTracked } from '../model/tracked.ts'
import type { ExportSource } from './types.ts'

/** How many open suggestions (tracked changes) a paper's body has. */
export function openSuggestions(source: ExportSource): number {
  return listTracked(source.body).length
}

/**
 * The paper as agreed: every open suggestion rejected (suggested text out, struck text kept as
 * it was), for the formats that cannot show tracked changes and whenever the exporter leaves
 * them out. Comment ranges count the body's characters, so they move with the text taken out.
 */
export function withoutSuggestions(source: ExportSource): ExportSource {
  if (openSuggestions(source) === 0) return source
  const kept: [number, number][] = []
  let at = 0
  const walk = (node: JSONContent) => {
    if (node.type === 'text') {
      const length = node.text?.length ?? 0
      const inserted = (node.marks ?? []).some(
        (m) => m.type === SUGGEST_INSERT && isAuthor(m.attrs),
      )
      if (!inserted) kept.push([at, at + length])
      at += length
      return
    }
    for (const child of node.content ?? []) walk(child)
  }
  walk(source.body)
  /** Where a character offset of the body with suggestions lands without them. */
  const map = (offset: number) => {
    let moved = 0
    for (const [start, end] of kept) {
      if (offset <= start) break
      moved += Math.min(offset, end) - start
    }
    return moved
  }
  return {
    ...source,
    body: rejectTracked(source.body),
    comments: source.comments?.map((comment) => {
      if (comment.range === null) return comment
      const start = map(comment.range.start)
      const end = map(comment.range.end)
      // A comment on suggested text only is left without text, like one whose text was deleted.
      return { ...comment, range: end > start ? { start, end } : null }
    }),
  }
}
