import type { JSONContent } from '@tiptap/core'
import {
  isAuthor,
  SUGGEST_DELETE,
  SUGGEST_INSERT,
  SUGGEST_JOIN,
  SUGGEST_SPLIT,
  type TrackedAuthor,
} from '../model/tracked.ts'

/*
 * A body as a line of units for comparing two versions of it: every character of its textblocks,
 * each line break inside one, and a break between consecutive textblocks. A unit is one UTF-16
 * code unit in the string `text`, so a diff's offsets are unit indexes.
 */

export type Status = { kind: 'plain' } | { kind: 'insert' | 'delete'; author: TrackedAuthor }

export type Unit =
  | { kind: 'char'; ch: string; marks: Mark[]; status: Status; block: number }
  /** A line break (hardBreak) inside a textblock. */
  | { kind: 'hard'; node: JSONContent; status: Status; block: number }
  /** The break before textblock `block` (never before the first). */
  | { kind: 'break'; status: Status; block: number }

export type Mark = NonNullable<JSONContent['marks']>[number]

/** A textblock of the body and where it sits, so it can be replaced in place. */
export type Textblock = { node: JSONContent; parent: JSONContent[] }

export type Linear = { units: Unit[]; text: string; blocks: Textblock[]; starts: number[] }

export const BREAK = '\n'
const HARD = '\u000b'

export function linearise(body: JSONContent): Linear {
  const blocks: Textblock[] = []
  const collect = (node: JSONContent) => {
    for (const child of node.content ?? []) {
      if (isTextblock(child)) blocks.push({ node: child, parent: node.content ?? [] })
      else collect(child)
    }
  }
  collect(body)
  const units: Unit[] = []
  const starts: number[] = []
  blocks.forEach(({ node }, block) => {
    if (block > 0) units.push({ kind: 'break', status: breakStatus(node), block })
    starts.push(units.length)
    for (const inline of node.content ?? []) {
      if (inline.type === 'text') {
        const marks = inline.marks ?? []
        const status = statusOf(marks)
        const format = marks.filter((m) => m.type !== SUGGEST_INSERT && m.type !== SUGGEST_DELETE)
        for (const ch of inline.text ?? '')
          units.push({ kind: 'char', ch, marks: format, status, block })
      } else if (inline.type === 'hardBreak') {
        units.push({ kind: 'hard', node: inline, status: { kind: 'plain' }, block })
      }
    }
  })
  const text = units
    .map((unit) =>
      unit.kind === 'break' ? BREAK : unit.kind === 'hard' || unit.ch === '\n' ? HARD : unit.ch,
    )
    .join('')
  return { units, text, blocks, starts }
}

export function isTextblock(node: JSONContent): boolean {
  return node.type === 'paragraph' || node.type === 'heading' || node.type === 'codeBlock'
}

function statusOf(marks: Mark[]): Status {
  for (const mark of marks) {
    if ((mark.type === SUGGEST_INSERT || mark.type === SUGGEST_DELETE) && isAuthor(mark.attrs)) {
      return { kind: mark.type === SUGGEST_INSERT ? 'insert' : 'delete', author: mark.attrs }
    }
  }
  return { kind: 'plain' }
}

function breakStatus(node: JSONContent): Status {
  const split = node.attrs?.[SUGGEST_SPLIT]
  const join = node.attrs?.[SUGGEST_JOIN]
  if (isAuthor(split)) return { kind: 'insert', author: split }
  if (isAuthor(join)) return { kind: 'delete', author: join }
  return { kind: 'plain' }
}

/** The anchor offset (characters before it; breaks count nothing) of every unit. */
export function anchorOffsets(units: readonly Unit[]): number[] {
  const offsets: number[] = []
  let offset = 0
  for (const unit of units) {
    offsets.push(offset)
    if (unit.kind === 'char') offset++
  }
  offsets.push(offset)
  return offsets
}
