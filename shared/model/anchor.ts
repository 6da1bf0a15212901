import * as Y from 'yjs'
import { paperBody } from './paper.ts'
import { describe, isPlainObject, type FieldReader } from './validate.ts'

/**
 * Where a comment sits in the paper's body: two Yjs relative positions, encoded with
 * `Y.encodeRelativePosition`. They live in the comments doc and only point into the body, so
 * commenting never writes to the body.
 */
export type Anchor = { start: Uint8Array; end: Uint8Array }

/** A point in the body: a text node (a Y.XmlText inside a paragraph or heading) and an offset. */
export type TextPoint = { text: Y.XmlText; offset: number }

/**
 * An anchor resolved against the body as it is now: offsets counting the characters of the body's
 * text nodes in document order (block boundaries count nothing), so `start < end`.
 */
export type ResolvedAnchor = { start: number; end: number }

/** The two relative positions of an anchor, for editors that map them to their own positions. */
export type DecodedAnchor = { start: Y.RelativePosition; end: Y.RelativePosition }

/** Anchors the characters `[startIndex, endIndex)` of one text node. */
export function createAnchor(text: Y.XmlText, startIndex: number, endIndex: number): Anchor {
  return createAnchorBetween({ text, offset: startIndex }, { text, offset: endIndex })
}

/**
 * Anchors the text from `start` to `end`, which may lie in different text nodes (a comment over
 * two paragraphs). The start sticks to the first character of the range and the end to the last,
 * so text typed just before or just after the range stays outside it.
 * Throws a RangeError for a point outside its text, a text node that is not part of a doc, or an
 * empty or reversed range within one text node.
 */
export function createAnchorBetween(start: TextPoint, end: TextPoint): Anchor {
  checkPoint(start, 'start')
  checkPoint(end, 'end')
  if (start.text === end.text && start.offset >= end.offset) {
    throw new RangeError(`An anchor needs start < end; got ${start.offset}..${end.offset}`)
  }
  return {
    start: Y.encodeRelativePosition(
      Y.createRelativePositionFromTypeIndex(start.text, start.offset, 0),
    ),
    end: Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(end.text, end.offset, -1)),
  }
}

function checkPoint({ text, offset }: TextPoint, name: string): void {
  if (text.doc === null || text._item === null) {
    throw new RangeError(`The ${name} text node is not inside a doc's body`)
  }
  if (!Number.isInteger(offset) || offset < 0 || offset > text.length) {
    throw new RangeError(`The ${name} offset ${offset} is outside 0..${text.length}`)
  }
}

/** Null when either position is not a well-formed encoding of a position inside a type. */
export function decodeAnchor(anchor: Anchor): DecodedAnchor | null {
  const start = decodePosition(anchor.start)
  const end = decodePosition(anchor.end)
  return start === null || end === null ? null : { start, end }
}

function decodePosition(bytes: Uint8Array): Y.RelativePosition | null {
  let position: Y.RelativePosition
  try {
    position = Y.decodeRelativePosition(bytes)
  } catch {
    return null
  }
  // A root-level position (tname) never points into text, and resolving it would create a root
  // type in the body doc as a side effect.
  if (position.tname !== null || (position.item === null && position.type === null)) return null
  return sameBytes(Y.encodeRelativePosition(position), bytes) ? position : null
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i])
}

/**
 * The anchored range in the body as it is now, or null when the anchored text is gone: all of it
 * deleted, its paragraph deleted, or not (yet) in this replica of the body (see isAnchorPending).
 */
export function resolveAnchor(anchor: Anchor, bodyDoc: Y.Doc): ResolvedAnchor | null {
  return resolveIn(anchor, bodyDoc, textNodes(paperBody(bodyDoc)))
}

/** The anchored text now, text nodes joined by a line break; null when the text is gone. */
export function anchoredText(anchor: Anchor, bodyDoc: Y.Doc): string | null {
  const nodes = textNodes(paperBody(bodyDoc))
  const range = resolveIn(anchor, bodyDoc, nodes)
  if (range === null) return null
  const pieces: string[] = []
  for (const node of nodes) {
    const from = Math.max(range.start, node.start) - node.start
    const to = Math.min(range.end, node.start + node.text.length) - node.start
    if (from < to) pieces.push(plainText(node.text).slice(from, to))
  }
  return pieces.join('\n')
}

/**
 * True when the anchor points at body content this replica has not received yet: the comments
 * room and the paper room sync separately, so a comment can arrive before the text it is on.
 */
export function isAnchorPending(anchor: Anchor, bodyDoc: Y.Doc): boolean {
  const decoded = decodeAnchor(anchor)
  if (decoded === null) return false
  return [decoded.start, decoded.end].some((position) =>
    [position.item, position.type].some(
      (id) => id !== null && Y.getState(bodyDoc.store, id.client) <= id.clock,
    ),
  )
}

type TextNode = { text: Y.XmlText; start: number }

function resolveIn(anchor: Anchor, bodyDoc: Y.Doc, nodes: TextNode[]): ResolvedAnchor | null {
  const decoded = decodeAnchor(anchor)
  if (decoded === null) return null
  const starts = new Map(nodes.map((node) => [node.text, node.start]))
  const start = offsetOf(decoded.start, bodyDoc, starts)
  const end = offsetOf(decoded.end, bodyDoc, starts)
  return start !== null && end !== null && start < end ? { start, end } : null
}

function offsetOf(
  position: Y.RelativePosition,
  bodyDoc: Y.Doc,
  starts: Map<Y.XmlText, number>,
): number | null {
  const absolute = Y.createAbsolutePositionFromRelativePosition(position, bodyDoc)
  if (absolute === null || !(absolute.type instanceof Y.XmlText)) return null
  // Text nodes that were deleted, or that lie outside the body, are not in `starts`.
  const start = starts.get(absolute.type)
  return start === undefined ? null : start + absolute.index
}

function textNodes(body: Y.XmlFragment): TextNode[] {
  const nodes: TextNode[] = []
  let offset = 0
  const visit = (parent: Y.XmlFragment): void => {
    for (const child of parent.toArray()) {
      if (child instanceof Y.XmlText) {
        nodes.push({ text: child, start: offset })
        offset += child.length
      } else if (child instanceof Y.XmlElement) {
        visit(child)
      }
    }
  }
  visit(body)
  return nodes
}

// Not XmlText.toString(), which writes marks as XML tags; embeds count one character, as in Yjs.
function plainText(text: Y.XmlText): string {
  return (text.toDelta() as { insert: unknown }[])
    .map(({ insert }) => (typeof insert === 'string' ? insert : '\uFFFC'))
    .join('')
}

/** Reads a stored anchor; one that is missing or cannot be decoded reads as null. */
export const anchorField: FieldReader<Anchor | null> = (value, path, problems) => {
  if (!isPlainObject(value)) {
    problems.push({ path, message: `expected an anchor {start, end}; got ${describe(value)}` })
    return null
  }
  const { start, end } = value
  if (start instanceof Uint8Array && end instanceof Uint8Array) {
    if (decodeAnchor({ start, end }) !== null) return { start, end }
    problems.push({ path, message: 'the anchor cannot be decoded' })
    return null
  }
  problems.push({
    path,
    message: `expected an anchor of two encoded positions; got ${describe(start)} and ${describe(end)}`,
  })
  return null
}
