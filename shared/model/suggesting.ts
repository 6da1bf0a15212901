import type { Mark, MarkType, Node as PmNode, Slice } from '@tiptap/pm/model'
import {
  Plugin,
  PluginKey,
  Selection,
  TextSelection,
  type EditorState,
  type Transaction,
} from '@tiptap/pm/state'
import {
  AddMarkStep,
  Mapping,
  RemoveMarkStep,
  ReplaceStep,
  type StepMap,
} from '@tiptap/pm/transform'
import {
  SUGGEST_DELETE,
  SUGGEST_FORMAT,
  SUGGEST_INSERT,
  SUGGEST_JOIN,
  SUGGEST_SPLIT,
  TRACKED_BLOCKS,
  TRACKED_MARKS,
  formatBefore,
  isAuthor,
  type TrackedAuthor,
  type Which,
} from './tracked.ts'

/*
 * Suggesting mode on a ProseMirror state: a transaction that would change the text becomes one
 * that suggests the change instead, as Word's track changes and Google Docs' suggesting do:
 * - typed or pasted text is inserted marked `suggestInsert`;
 * - deleted text stays, marked `suggestDelete` (the suggester's own suggested text is really
 *   removed: taking back one's own suggestion);
 * - bold, italic, links and the like change, and the text is marked `suggestFormat` with the
 *   formatting it had before;
 * - a paragraph break typed becomes a `suggestSplit` on the new block; a break deleted, a
 *   `suggestJoin` on the block after it (one's own suggested break is really joined again).
 * Neighbouring pieces by the same member share one suggestion (one card for a word typed, for a
 * run of Backspace, for a replaced phrase).
 * Changes the model cannot express (lists, tables, block types) are not made in suggesting
 * mode: `suggestTransaction` says why, and the editor tells the user.
 */

/** The member suggesting: a suggestion's author without its id and time. */
export type Suggester = Omit<TrackedAuthor, 'id' | 'at'>

/** Why a change cannot be suggested (the editor shows it). */
export type Unsuggestable = {
  unsuggestable: 'structure' | 'othersFormatting'
}

export const isUnsuggestable = (value: Transaction | Unsuggestable): value is Unsuggestable =>
  'unsuggestable' in value

/** Meta of the transactions made here (suggested or decided): the editor passes them on. */
export const SUGGESTED = 'samstemt:suggested'

export function suggestTransaction(
  state: EditorState,
  tr: Transaction,
  suggester: Suggester,
  options: { newId: () => string; now?: () => number },
): Transaction | Unsuggestable {
  const schema = state.schema
  const insert = schema.marks[SUGGEST_INSERT]
  const remove = schema.marks[SUGGEST_DELETE]
  const format = schema.marks[SUGGEST_FORMAT]
  if (insert === undefined || remove === undefined || format === undefined) {
    return { unsuggestable: 'structure' }
  }
  const context: Context = {
    insert,
    remove,
    format,
    suggester,
    newId: options.newId,
    at: (options.now ?? Date.now)(),
    shared: null,
  }
  const out = state.tr
  // Each original step's positions are in the original's doc before it: back to the start
  // through the original's earlier steps, then forward through what was made of them.
  let back = new Mapping()
  const toOut = (pos: number, assoc: number) => out.mapping.map(back.map(pos, assoc), assoc)
  const inverted: StepMap[] = []
  for (const step of tr.steps) {
    back = new Mapping([...inverted].reverse())
    let refusal: Unsuggestable | null
    if (step instanceof ReplaceStep) {
      const from = toOut(step.from, 1)
      const to = Math.max(from, toOut(step.to, -1))
      refusal = suggestReplace(out, from, to, step.slice, context)
    } else if (step instanceof AddMarkStep || step instanceof RemoveMarkStep) {
      const from = toOut(step.from, 1)
      const to = toOut(step.to, -1)
      refusal =
        from < to && !TRACKED_MARKS.includes(step.mark.type.name)
          ? suggestFormat(out, from, to, step, context)
          : from < to
            ? { unsuggestable: 'structure' }
            : null
    } else {
      // Lists, block types, tables, node attributes: not something a suggestion can carry.
      refusal = { unsuggestable: 'structure' }
    }
    if (refusal !== null) return refusal
    inverted.push(step.getMap().invert())
  }
  back = new Mapping([...inverted].reverse())
  // Struck text stays, so the caret is placed here whether or not the original placed it.
  if (tr.selectionSet || tr.docChanged) out.setSelection(selectionAfter(state, tr, out, toOut))
  if (tr.storedMarksSet) {
    out.setStoredMarks(
      tr.storedMarks?.filter((mark) => !TRACKED_MARKS.includes(mark.type.name)) ?? null,
    )
  }
  if (tr.scrolledIntoView) out.scrollIntoView()
  if (tr.getMeta('addToHistory') === false) out.setMeta('addToHistory', false)
  // Autolinking a suggested URL would be an unsuggested change to the text around it.
  out.setMeta('preventAutolink', true)
  out.setMeta(SUGGESTED, 'suggest')
  return out
}

type Context = {
  insert: MarkType
  remove: MarkType
  format: MarkType
  suggester: Suggester
  newId: () => string
  at: number
  /** The suggestion this transaction makes, once made: a replacement is one. */
  shared: TrackedAuthor | null
}

const mine = (context: Context, value: unknown): value is TrackedAuthor =>
  isAuthor(value) && value.memberId === context.suggester.memberId

/** Suggests replacing [from, to) of `out`'s doc with `slice`. */
function suggestReplace(
  out: Transaction,
  from: number,
  to: number,
  slice: Slice,
  context: Context,
): Unsuggestable | null {
  if (from < to) {
    // Between blocks (a whole document selected): the text inside them.
    if (!out.doc.resolve(from).parent.inlineContent)
      from = Selection.near(out.doc.resolve(from), 1).from
    if (!out.doc.resolve(to).parent.inlineContent) to = Selection.near(out.doc.resolve(to), -1).to
    to = Math.max(from, to)
  }
  // 1. What is deleted stays, struck through; one's own suggested text and breaks go.
  const own: [number, number][] = []
  const strike: [number, number][] = []
  const joins: number[] = []
  let structure = false
  out.doc.nodesBetween(from, to, (node, pos) => {
    if (node.isTextblock) {
      // The break before a block whose start is in the range goes.
      if (from <= pos && pos + 1 <= to) {
        const $pos = out.doc.resolve(pos)
        if (!isTracked(node) || !$pos.nodeBefore?.isTextblock) structure = true
        else if (mine(context, node.attrs[SUGGEST_SPLIT])) own.push([pos - 1, pos + 1])
        else if (!isAuthor(node.attrs[SUGGEST_JOIN])) joins.push(pos)
      }
      return true
    }
    if (node.isInline) {
      const start = Math.max(pos, from)
      const end = Math.min(pos + node.nodeSize, to)
      if (end <= start) return false
      const inserted = node.marks.find((m) => m.type === context.insert)
      if (inserted !== undefined && mine(context, inserted.attrs)) own.push([start, end])
      // Text already struck stays so; the rest (someone else's suggested text too) is struck.
      else if (!node.marks.some((m) => m.type === context.remove)) strike.push([start, end])
      return false
    }
    // Lists, list items, tables crossed or deleted whole: not a suggestion we can make.
    if (pos < to && pos + node.nodeSize > from) structure = true
    return true
  })
  if (structure) return { unsuggestable: 'structure' }

  for (const [start, end] of strike) {
    const author = suggestionFor(out.doc, start, end, context.remove, context)
    out.addMark(start, end, context.remove.create(author))
  }
  for (const pos of joins) {
    const node = out.doc.nodeAt(pos)
    if (node === null) continue
    out.setNodeMarkup(pos, undefined, { ...node.attrs, [SUGGEST_JOIN]: sharedAuthor(context) })
  }
  // Really removed, right to left so that one removal does not move the next.
  own.sort((a, b) => b[0] - a[0])
  const before = out.steps.length
  for (const [start, end] of own) out.delete(start, end)
  const removed = out.mapping.slice(before)

  // 2. What is inserted goes after what is struck, as this member's suggested text.
  if (slice.size === 0) return null
  const at = removed.map(to, 1)
  const stepsBefore = out.steps.length
  out.replace(at, at, slice)
  const inserted = out.mapping.slice(stepsBefore)
  const start = inserted.map(at, -1)
  const end = inserted.map(at, 1)
  if (end <= start) return null
  for (const type of [context.insert, context.remove, context.format]) {
    out.removeMark(start, end, type)
  }
  out.addMark(
    start,
    end,
    context.insert.create(suggestionFor(out.doc, start, end, context.insert, context)),
  )
  out.doc.nodesBetween(start, end, (node, pos) => {
    if (node.isTextblock) {
      if (start <= pos && pos + 1 <= end) {
        if (!isTracked(node) || !out.doc.resolve(pos).nodeBefore?.isTextblock) structure = true
        else {
          out.setNodeMarkup(pos, undefined, {
            ...node.attrs,
            [SUGGEST_JOIN]: null,
            [SUGGEST_SPLIT]: sharedAuthor(context),
          })
        }
      }
      return false
    }
    if (!node.isInline && start <= pos) structure = true
    return !node.isInline
  })
  return structure ? { unsuggestable: 'structure' } : null
}

/**
 * Suggests a formatting change on [from, to): the change is made, and the text not this
 * member's own suggestion is marked with the formatting it had before.
 */
function suggestFormat(
  out: Transaction,
  from: number,
  to: number,
  step: AddMarkStep | RemoveMarkStep,
  context: Context,
): Unsuggestable | null {
  type Piece = { start: number; end: number; before: string; author: TrackedAuthor | null }
  const pieces: Piece[] = []
  let others = false
  out.doc.nodesBetween(from, to, (node, pos) => {
    if (!node.isInline) return true
    const start = Math.max(pos, from)
    const end = Math.min(pos + node.nodeSize, to)
    const inserted = node.marks.find((m) => m.type === context.insert)
    if (inserted !== undefined && mine(context, inserted.attrs)) return false
    const suggested = node.marks.find((m) => m.type === context.format)
    if (suggested !== undefined && !mine(context, suggested.attrs)) others = true
    const before =
      suggested !== undefined ? formatKey(formatBefore(suggested.attrs)) : formatKey(node.marks)
    pieces.push({
      start,
      end,
      before,
      author: suggested ? (suggested.attrs as TrackedAuthor) : null,
    })
    return false
  })
  // Someone else's formatting suggestion is decided first, or it would be lost.
  if (others) return { unsuggestable: 'othersFormatting' }
  const mark = step.mark.type.create(step.mark.attrs)
  if (step instanceof AddMarkStep) out.addMark(from, to, mark)
  else out.removeMark(from, to, mark)
  for (const piece of pieces) {
    const node = out.doc.nodeAt(piece.start)
    const now = node === null ? piece.before : formatKey(node.marks)
    out.removeMark(piece.start, piece.end, context.format)
    if (now === piece.before) continue
    const author = piece.author ?? sharedAuthor(context)
    out.addMark(
      piece.start,
      piece.end,
      context.format.create({ ...stripBefore(author), before: piece.before }),
    )
  }
  return null
}

/** The formatting marks of some text, as `suggestFormat` keeps them: JSON, by type. */
function formatKey(marks: readonly (Mark | { type: string; attrs?: Record<string, unknown> })[]) {
  const list = marks
    .map((mark) =>
      'toJSON' in mark
        ? (mark.toJSON() as { type: string; attrs?: Record<string, unknown> })
        : mark,
    )
    .filter((mark) => !TRACKED_MARKS.includes(mark.type))
    .map((mark) =>
      mark.attrs !== undefined && Object.keys(mark.attrs).length > 0
        ? { type: mark.type, attrs: mark.attrs }
        : { type: mark.type },
    )
    .sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0))
  return JSON.stringify(list)
}

function stripBefore(author: TrackedAuthor): TrackedAuthor {
  const { id, memberId, name, organisation, at } = author
  return { id, memberId, name, organisation, at }
}

function isTracked(node: PmNode): boolean {
  return (TRACKED_BLOCKS as readonly string[]).includes(node.type.name)
}

/** The member's suggestion of this kind beside [start, end), to extend, or this one's. */
function suggestionFor(
  doc: PmNode,
  start: number,
  end: number,
  type: MarkType,
  context: Context,
): TrackedAuthor {
  if (context.shared !== null) return context.shared
  const beside = (pos: number): TrackedAuthor | undefined => {
    if (pos < 0 || pos > doc.content.size) return undefined
    const $pos = doc.resolve(pos)
    for (const node of [$pos.nodeBefore, $pos.nodeAfter]) {
      const mark = node?.marks.find((m) => m.type === type)
      if (mark !== undefined && mine(context, mark.attrs))
        return stripBefore(mark.attrs as TrackedAuthor)
    }
    return undefined
  }
  context.shared = beside(start) ?? beside(end) ?? newAuthor(context)
  return context.shared
}

function sharedAuthor(context: Context): TrackedAuthor {
  context.shared ??= newAuthor(context)
  return context.shared
}

function newAuthor(context: Context): TrackedAuthor {
  const { memberId, name, organisation } = context.suggester
  return { id: context.newId(), memberId, name, organisation, at: context.at }
}

/**
 * Where the caret goes: after what was typed; before the struck text on Backspace and after
 * it on Delete, as in Word, so that the next key goes on striking.
 */
function selectionAfter(
  state: EditorState,
  tr: Transaction,
  out: Transaction,
  toOut: (pos: number, assoc: number) => number,
): Selection {
  const size = out.doc.content.size
  const near = (pos: number, bias: number) =>
    TextSelection.near(out.doc.resolve(Math.max(0, Math.min(pos, size))), bias)
  const [step, ...more] = tr.steps
  if (more.length === 0 && step instanceof ReplaceStep && step.slice.size === 0) {
    const backward = state.selection.empty ? state.selection.from === step.to : false
    return backward
      ? near(out.mapping.map(step.from, -1), -1)
      : near(out.mapping.map(step.to, 1), 1)
  }
  if (tr.steps.every((s) => s instanceof AddMarkStep || s instanceof RemoveMarkStep)) {
    const { anchor, head } = tr.selection
    return TextSelection.create(out.doc, out.mapping.map(anchor), out.mapping.map(head))
  }
  return near(toOut(tr.selection.head, 1), 1)
}

/** Decides the chosen suggestions in a state: one transaction, so one undo step. */
export function decideTransaction(
  state: EditorState,
  which: Which,
  how: 'accept' | 'reject',
): Transaction {
  const tr = state.tr
  const schema = state.schema
  const insert = schema.marks[SUGGEST_INSERT]
  const remove = schema.marks[SUGGEST_DELETE]
  const format = schema.marks[SUGGEST_FORMAT]
  const chosen = (value: unknown): value is TrackedAuthor => isAuthor(value) && which(value)
  const ops: { at: number; apply: () => void }[] = []
  state.doc.descendants((node, pos) => {
    if (node.isTextblock) {
      const split = node.attrs[SUGGEST_SPLIT] as unknown
      const join = node.attrs[SUGGEST_JOIN] as unknown
      if (chosen(split) || chosen(join)) {
        // A break that goes joins the block to the one before; one that stays loses its mark.
        const goes = (how === 'reject' && chosen(split)) || (how === 'accept' && chosen(join))
        ops.push({
          at: pos,
          apply: () => {
            const current = tr.doc.nodeAt(pos)
            if (current === null) return
            const attrs = { ...current.attrs }
            if (chosen(split)) attrs[SUGGEST_SPLIT] = null
            if (chosen(join)) attrs[SUGGEST_JOIN] = null
            tr.setNodeMarkup(pos, undefined, attrs)
            if (goes && tr.doc.resolve(pos).nodeBefore?.isTextblock) tr.join(pos)
          },
        })
      }
      return true
    }
    if (!node.isInline) return true
    const end = pos + node.nodeSize
    const marked = (type: MarkType | undefined) =>
      type === undefined ? undefined : node.marks.find((m) => m.type === type && chosen(m.attrs))
    const inserted = marked(insert)
    const struck = marked(remove)
    const formatted = marked(format)
    if ((inserted && how === 'reject') || (struck && how === 'accept')) {
      ops.push({ at: pos, apply: () => tr.delete(pos, end) })
      return false
    }
    ops.push({
      at: pos,
      apply: () => {
        if (inserted) tr.removeMark(pos, end, inserted)
        if (struck) tr.removeMark(pos, end, struck)
        if (formatted) {
          tr.removeMark(pos, end, formatted)
          if (how === 'reject') {
            for (const mark of node.marks) {
              if (!TRACKED_MARKS.includes(mark.type.name)) tr.removeMark(pos, end, mark)
            }
            for (const mark of formatBefore(formatted.attrs)) {
              const type = schema.marks[mark.type]
              if (type !== undefined) tr.addMark(pos, end, type.create(mark.attrs))
            }
          }
        }
      },
    })
    return false
  })
  // Right to left: what is deleted or joined does not move what is still to do.
  ops.sort((a, b) => b.at - a.at)
  for (const op of ops) op.apply()
  tr.setMeta(SUGGESTED, how)
  tr.setMeta('preventAutolink', true)
  return tr
}

/**
 * Editing mode: what the member types or pastes is their own plain text, never part of
 * someone's suggestion (typing inside a suggested insertion would otherwise extend it, in its
 * author's name). The transaction, with the tracked marks taken off what it inserts.
 */
export function plainInsertions(tr: Transaction): Transaction {
  const types = TRACKED_MARKS.map((name) => tr.doc.type.schema.marks[name]).filter(
    (type): type is MarkType => type !== undefined,
  )
  const ranges: [number, number][] = []
  tr.mapping.maps.forEach((map, i) => {
    const after = tr.mapping.slice(i + 1)
    map.forEach((_oldStart, _oldEnd, newStart, newEnd) => {
      if (newEnd > newStart) ranges.push([after.map(newStart, 1), after.map(newEnd, -1)])
    })
  })
  for (const [from, to] of ranges) {
    if (to <= from) continue
    if (!types.some((type) => tr.doc.rangeHasMark(from, to, type))) continue
    for (const type of types) tr.removeMark(from, to, type)
    tr.doc.nodesBetween(from, to, (node, pos) => {
      if (
        node.isTextblock &&
        from <= pos &&
        isTracked(node) &&
        (node.attrs[SUGGEST_SPLIT] || node.attrs[SUGGEST_JOIN])
      ) {
        tr.setNodeMarkup(pos, undefined, {
          ...node.attrs,
          [SUGGEST_SPLIT]: null,
          [SUGGEST_JOIN]: null,
        })
      }
      return !node.isInline
    })
  }
  return tr
}

/** Whether the editor is in suggesting mode (the guidance placeholders stand back). */
export const suggestingKey = new PluginKey<{ on: boolean }>('samstemt-suggesting')

export function isSuggesting(state: EditorState): boolean {
  return suggestingKey.getState(state)?.on === true
}

/** The mode's state: a transaction with `setMeta(suggestingKey, { on })` switches it. */
export function suggestingPlugin(on = false): Plugin<{ on: boolean }> {
  return new Plugin({
    key: suggestingKey,
    state: {
      init: () => ({ on }),
      apply: (tr, value) => (tr.getMeta(suggestingKey) as { on: boolean } | undefined) ?? value,
    },
  })
}
