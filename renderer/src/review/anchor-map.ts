import type { Node as PmNode } from '@tiptap/pm/model'
import * as Y from 'yjs'
import {
  createAnchorBetween,
  type Anchor,
  type DecodedAnchor,
} from '../../../shared/model/index.ts'

/** A text node of the body and where its characters start in the editor's (ProseMirror) doc. */
export type TextRun = { text: Y.XmlText; pos: number; length: number }

/** Where a thread's anchored text is in the editor's doc now: `from < to`. */
export type Span = { from: number; to: number }

/**
 * The body's text nodes with their editor positions, found by walking the Yjs body and the
 * editor's doc side by side: one walk for all anchors, where resolving each anchor on its own would
 * walk the body once per anchor. Null when the two are not in step (mid-transaction).
 */
export function textRuns(fragment: Y.XmlFragment, doc: PmNode): TextRun[] | null {
  const runs: TextRun[] = []
  return walk(fragment, doc, 0, runs) ? runs : null
}

function walk(parent: Y.XmlFragment, node: PmNode, start: number, runs: TextRun[]): boolean {
  let index = 0
  let pos = start
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlText) {
      const length = child.length
      // An empty Y.XmlText has no node in the editor.
      if (length === 0) continue
      runs.push({ text: child, pos, length })
      let covered = 0
      while (covered < length) {
        const text = index < node.childCount ? node.child(index) : null
        if (text === null || !text.isText) return false
        covered += text.nodeSize
        index++
      }
      if (covered !== length) return false
      pos += length
    } else if (child instanceof Y.XmlElement) {
      const element = index < node.childCount ? node.child(index) : null
      if (element === null || element.type.name !== child.nodeName) return false
      if (!element.isLeaf && !walk(child, element, pos + 1, runs)) return false
      pos += element.nodeSize
      index++
    } else {
      return false
    }
  }
  return index === node.childCount
}

/** Resolves many anchors at once; an anchor whose text is gone (or not here yet) has no span. */
export function resolveSpans(
  anchors: ReadonlyMap<string, DecodedAnchor>,
  bodyDoc: Y.Doc,
  runs: readonly TextRun[],
): Map<string, Span> {
  const starts = new Map(runs.map((run) => [run.text, run.pos]))
  const at = (position: Y.RelativePosition): number | null => {
    const absolute = Y.createAbsolutePositionFromRelativePosition(position, bodyDoc)
    if (absolute === null || !(absolute.type instanceof Y.XmlText)) return null
    const start = starts.get(absolute.type)
    return start === undefined ? null : start + absolute.index
  }
  const spans = new Map<string, Span>()
  for (const [id, anchor] of anchors) {
    const from = at(anchor.start)
    const to = at(anchor.end)
    if (from !== null && to !== null && from < to) spans.set(id, { from, to })
  }
  return spans
}

/**
 * An anchor for the text between two editor positions, trimmed to the text inside them; null
 * when there is no text between them (an empty selection, or only empty paragraphs).
 */
export function anchorForRange(runs: readonly TextRun[], from: number, to: number): Anchor | null {
  if (from >= to) return null
  const inside = runs.filter((run) => run.pos < to && run.pos + run.length > from)
  const first = inside[0]
  const last = inside.at(-1)
  if (first === undefined || last === undefined) return null
  return createAnchorBetween(
    { text: first.text, offset: Math.max(from, first.pos) - first.pos },
    { text: last.text, offset: Math.min(to, last.pos + last.length) - last.pos },
  )
}
