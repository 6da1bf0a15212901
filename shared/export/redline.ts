import { diffArrays, diffWordsWithSpace } from 'diff'
import {
  arrange,
  bodyBlocks,
  type Block,
  type Change,
  type ExportDocument,
  type Inline,
  type ListItem,
  type Marks,
  type TableRow,
} from './tree.ts'
import type { ExportSource } from './types.ts'

/**
 * The changes from version `a` to version `b`, laid out in the house template with `b`'s title,
 * recipients and signatories. Blocks are matched in order; a block that changed is compared word
 * by word, a block with nothing in common with the other version is shown whole as deleted and
 * inserted. Comments are left out.
 */
export function redline(a: ExportSource, b: ExportSource): ExportDocument {
  const blocks = diffBlocks(bodyBlocks(a.body), bodyBlocks(b.body))
  return arrange(blocks, b, [], {
    from: a.versionName ?? a.title,
    to: b.versionName ?? b.title,
  })
}

/** Below this share of unchanged characters, a block reads better replaced than word-diffed. */
const SIMILAR = 0.25

type Sequence<T> = {
  /** Equal keys mean equal content. */
  key: (item: T) => string
  /** Only items of the same kind are compared word by word. */
  kind: (item: T) => string
  /** The changes within two items of the same kind; null when they are too different. */
  merge: (a: T, b: T) => T | null
  mark: (item: T, change: Change) => T
}

function diffSequence<T>(a: readonly T[], b: readonly T[], sequence: Sequence<T>): T[] {
  const out: T[] = []
  let removed: T[] = []
  let added: T[] = []
  const flush = () => {
    out.push(...pairUp(removed, added, sequence))
    removed = []
    added = []
  }
  let ia = 0
  let ib = 0
  for (const part of diffArrays(a.map(sequence.key), b.map(sequence.key))) {
    const count = part.value.length
    if (part.removed) {
      removed.push(...a.slice(ia, ia + count))
      ia += count
    } else if (part.added) {
      added.push(...b.slice(ib, ib + count))
      ib += count
    } else {
      flush()
      out.push(...b.slice(ib, ib + count))
      ia += count
      ib += count
    }
  }
  flush()
  return out
}

/** Pairs removed and added items of the same kind, in order; the rest are whole deletions and insertions. */
function pairUp<T>(removed: T[], added: T[], sequence: Sequence<T>): T[] {
  const out: T[] = []
  let ir = 0
  let ia = 0
  for (const part of diffArrays(removed.map(sequence.kind), added.map(sequence.kind))) {
    const count = part.value.length
    if (part.removed) {
      out.push(...removed.slice(ir, ir + count).map((item) => sequence.mark(item, 'del')))
      ir += count
    } else if (part.added) {
      out.push(...added.slice(ia, ia + count).map((item) => sequence.mark(item, 'ins')))
      ia += count
    } else {
      const before = removed.slice(ir, ir + count)
      const after = added.slice(ia, ia + count)
      before.forEach((item, i) => {
        const other = after[i]
        const merged = other === undefined ? null : sequence.merge(item, other)
        if (merged) out.push(merged)
        else
          out.push(
            sequence.mark(item, 'del'),
            ...(other === undefined ? [] : [sequence.mark(other, 'ins')]),
          )
      })
      ir += count
      ia += count
    }
  }
  return out
}

const BLOCKS: Sequence<Block> = {
  key: (block) => JSON.stringify(block),
  kind: (block) => (block.kind === 'list' ? `list:${block.ordered}` : block.kind),
  merge: mergeBlocks,
  mark: (block, change) => ({ ...block, change }),
}

export function diffBlocks(a: readonly Block[], b: readonly Block[]): Block[] {
  return diffSequence(a, b, BLOCKS)
}

function mergeBlocks(a: Block, b: Block): Block | null {
  switch (b.kind) {
    case 'paragraph':
    case 'heading':
    case 'code': {
      const inlines = 'inlines' in a ? diffInlines(a.inlines, b.inlines) : null
      return inlines ? { ...b, inlines } : null
    }
    case 'list': {
      if (a.kind !== 'list') return null
      return { ...b, items: diffSequence(a.items, b.items, ITEMS) }
    }
    case 'quote':
      return a.kind === 'quote' ? { ...b, blocks: diffBlocks(a.blocks, b.blocks) } : null
    case 'table':
      return a.kind === 'table' ? { ...b, rows: diffSequence(a.rows, b.rows, ROWS) } : null
    case 'rule':
      return b
  }
}

const ITEMS: Sequence<ListItem> = {
  key: (item) => JSON.stringify(item),
  kind: () => 'item',
  merge: (a, b) => {
    const blocks = diffBlocks(a.blocks, b.blocks)
    return blocks.every((block) => block.change !== undefined) ? null : { ...b, blocks }
  },
  mark: (item, change) => ({ ...item, change }),
}

const ROWS: Sequence<TableRow> = {
  key: (row) => JSON.stringify(row),
  kind: (row) => `row:${row.cells.map((cell) => cell.colspan).join(',')}`,
  merge: (a, b) => ({
    ...b,
    cells: b.cells.map((cell, i) => ({
      ...cell,
      blocks: diffBlocks(a.cells[i]?.blocks ?? [], cell.blocks),
    })),
  }),
  mark: (row, change) => ({ ...row, change }),
}

/** One character of inline content with its marks; a hard break is '\n'. */
type Char = { char: string; marks: Marks | null }

/** A word-level comparison of two blocks' text, marks taken from the side each piece comes from. */
export function diffInlines(a: readonly Inline[], b: readonly Inline[]): Inline[] | null {
  const before = chars(a)
  const after = chars(b)
  const textA = before.map((c) => c.char).join('')
  const textB = after.map((c) => c.char).join('')
  const parts = diffWordsWithSpace(textA, textB)
  const same = parts.reduce(
    (sum, part) => (part.added || part.removed ? sum : sum + part.value.length),
    0,
  )
  if (same < SIMILAR * Math.max(textA.length, textB.length)) return null
  const out: Inline[] = []
  let ia = 0
  let ib = 0
  for (const part of parts) {
    const length = part.value.length
    if (part.removed) {
      append(out, before.slice(ia, ia + length), 'del')
      ia += length
    } else if (part.added) {
      append(out, after.slice(ib, ib + length), 'ins')
      ib += length
    } else {
      append(out, after.slice(ib, ib + length), undefined)
      ia += length
      ib += length
    }
  }
  return out
}

function chars(inlines: readonly Inline[]): Char[] {
  // UTF-16 units, as diff counts them.
  return inlines.flatMap((inline) =>
    inline.kind === 'break'
      ? [{ char: '\n', marks: null } satisfies Char]
      : inline.text.split('').map((char): Char => ({ char, marks: inline.marks })),
  )
}

function append(out: Inline[], run: readonly Char[], change: Change | undefined): void {
  for (const { char, marks } of run) {
    if (marks === null) {
      out.push(change ? { kind: 'break', change } : { kind: 'break' })
      continue
    }
    const last = out.at(-1)
    if (last?.kind === 'text' && last.marks === marks && last.change === change) {
      last.text += char
    } else {
      out.push({
        kind: 'text',
        text: char,
        marks,
        comments: [],
        commentEnds: [],
        ...(change ? { change } : {}),
      })
    }
  }
}
