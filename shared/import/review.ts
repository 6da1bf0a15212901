import type { JSONContent } from '@tiptap/core'
import {
  SUGGEST_DELETE,
  SUGGEST_INSERT,
  SUGGEST_JOIN,
  SUGGEST_SPLIT,
  type TrackedAuthor,
} from '../model/tracked.ts'
import { align, type Step } from './align.ts'
import { mergeText } from './html-to-body.ts'
import { anchorOffsets, linearise, type Linear, type Unit } from './units.ts'

/*
 * A Word review laid onto the paper as suggestions. Three texts:
 * - the DOCX as reviewed (`docx`): its tracked changes are suggestions by Word authors;
 * - the base (`base`): the paper as it was exported (a named version, or the current text with its
 *   open suggestions, which the export wrote as tracked changes);
 * - the paper now (`current`), which may have moved on since the base.
 * The DOCX without the reviewers' tracked insertions is compared with the base: what differs was
 * changed without tracking and becomes a suggestion too, by the "untracked" author; a tracked
 * deletion of base text becomes a deletion suggestion; tracked insertions are put where they
 * stand. Changes the export itself wrote (the paper's own suggestions, recognised by author and
 * time) are the paper's already. Then everything is mapped from the base onto the current text.
 * Nothing is applied: every change is a suggestion someone decides.
 */

export type ReviewInput = {
  docx: JSONContent
  base: JSONContent
  current: JSONContent
  /** The author of changes made without tracking (a Word author name, mapped like the others). */
  untracked: TrackedAuthor
  /** True when the DOCX's suggestion was written by our export from this paper suggestion. */
  exported: (docx: TrackedAuthor, paper: TrackedAuthor) => boolean
  newId: () => string
}

export type ReviewPlan = {
  /** The current body with the review's suggestions in it. */
  body: JSONContent
  /** For each DOCX anchor offset, where that character landed in `body`, or -1. */
  landed: (offset: number) => number
  /** Text inserted into a block that exists now: written in place first so comments on it stay. */
  inserts: { block: number; index: number; text: string }[]
  notes: ReviewNotes
}

export type ReviewNotes = {
  /** The paper's suggestions that the reviewer accepted or rejected in Word: left open. */
  decidedInWord: number
  /** Deletions of text already suggested for insertion (Word can, the paper cannot). */
  deletedSuggestions: number
  /** Changes to text that has changed since the base, which could not be placed. */
  unplaced: number
  /** Line breaks inserted or removed inside a paragraph (not a suggestion kind). */
  lineBreaks: number
}

/** A unit of the DOCX (index `d`) to insert, by `author`. */
type Insertion = { unit: Unit; author: TrackedAuthor; d: number }

export function planReview(input: ReviewInput): ReviewPlan {
  const docx = linearise(input.docx)
  const base = linearise(input.base)
  const current = linearise(input.current)
  const notes: ReviewNotes = { decidedInWord: 0, deletedSuggestions: 0, unplaced: 0, lineBreaks: 0 }
  const decided = new Set<string>()
  const exported = (unit: Unit, x: Unit | undefined) =>
    unit.status.kind !== 'plain' &&
    x !== undefined &&
    x.status.kind === unit.status.kind &&
    input.exported(unit.status.author, x.status.author)

  // The DOCX as the reviewer received it plus untracked changes: without reviewers' insertions.
  const paperAuthors = new Map<string, TrackedAuthor>()
  for (const x of base.units)
    if (x.status.kind !== 'plain') paperAuthors.set(x.status.author.id, x.status.author)
  const fromPaper = new Map<string, boolean>()
  const isPaperSuggestion = (author: TrackedAuthor) => {
    let known = fromPaper.get(author.id)
    if (known === undefined) {
      known = [...paperAuthors.values()].some((paper) => input.exported(author, paper))
      fromPaper.set(author.id, known)
    }
    return known
  }
  const reviewerInsert = (unit: Unit) =>
    unit.status.kind === 'insert' && !isPaperSuggestion(unit.status.author)
  const kept: number[] = []
  const pendingBefore = new Map<number, number[]>()
  let waiting: number[] = []
  docx.units.forEach((unit, i) => {
    if (reviewerInsert(unit)) waiting.push(i)
    else {
      if (waiting.length > 0) pendingBefore.set(kept.length, waiting)
      waiting = []
      kept.push(i)
    }
  })
  if (waiting.length > 0) pendingBefore.set(kept.length, waiting)
  const view = kept.map((i) => docx.text.charAt(i)).join('')

  // Operations in base coordinates.
  const deletions = new Map<number, TrackedAuthor>()
  const insertions = new Map<number, Insertion[]>()
  /** Where each DOCX unit that is base text sits in the base. */
  const docxToBase = new Map<number, number>()
  const insertAt = (position: number, item: Insertion) => {
    const list = insertions.get(position) ?? []
    list.push(item)
    insertions.set(position, list)
  }
  const untracked = new Untracked(input.untracked, input.newId)
  let position = 0
  const flushPending = (viewIndex: number) => {
    for (const d of pendingBefore.get(viewIndex) ?? []) {
      const unit = docx.units[d]
      if (unit === undefined || unit.status.kind === 'plain') continue
      insertAt(position, { unit, author: unit.status.author, d })
    }
    pendingBefore.delete(viewIndex)
  }
  for (const step of align(base.text, view)) {
    if (step.op !== 'a') flushPending(step.b)
    untracked.step(step)
    if (step.op === 'same') {
      const x = base.units[step.a]
      const d = kept[step.b] ?? -1
      const v = docx.units[d]
      if (x === undefined || v === undefined) continue
      docxToBase.set(d, step.a)
      position = step.a + 1
      if (x.status.kind === 'plain' && v.status.kind === 'delete' && !exported(v, x)) {
        deletions.set(step.a, v.status.author)
      } else if (x.status.kind !== 'plain' && v.status.kind === 'plain') {
        decided.add(x.status.author.id)
      } else if (x.status.kind === 'insert' && v.status.kind === 'delete' && !exported(v, x)) {
        notes.deletedSuggestions++
      }
    } else if (step.op === 'a') {
      const x = base.units[step.a]
      position = step.a + 1
      if (x === undefined) continue
      if (x.status.kind !== 'plain') decided.add(x.status.author.id)
      else if (x.kind === 'hard') notes.lineBreaks++
      else deletions.set(step.a, untracked.author())
    } else {
      const d = kept[step.b] ?? -1
      const v = docx.units[d]
      if (v === undefined || v.status.kind !== 'plain') continue
      if (v.kind === 'hard') {
        notes.lineBreaks++
        continue
      }
      insertAt(position, { unit: v, author: untracked.author(), d })
    }
  }
  flushPending(view.length)
  notes.decidedInWord = decided.size

  // From the base onto the current text.
  const toCurrent = mapping(base, current, input.base === input.current)
  const build = new Builder(current, docx)
  for (const [x, author] of deletions) {
    const c = toCurrent.unit(x)
    if (c < 0 || !build.remove(c, author)) notes.unplaced++
  }
  const insertedAt = new Map<number, { c: number; index: number }>()
  for (const [x, items] of insertions) {
    const c = toCurrent.position(x)
    const first = build.insert(c, items)
    items.forEach((item, i) => insertedAt.set(item.d, { c, index: first + i }))
  }
  const body = build.finish(input.current)
  const docxOffsets = anchorOffsets(docx.units)
  const byOffset: number[] = []
  docx.units.forEach((unit, d) => {
    if (unit.kind !== 'char') return
    const inserted = insertedAt.get(d)
    const x = docxToBase.get(d)
    let landed = -1
    if (inserted !== undefined) landed = build.insertedOffset(inserted.c, inserted.index)
    else if (x !== undefined) {
      const c = toCurrent.unit(x)
      landed = c < 0 ? -1 : build.offsetOf(c)
    }
    byOffset[docxOffsets[d] ?? 0] = landed
  })
  return {
    body,
    landed: (offset) => byOffset[offset] ?? -1,
    inserts: build.directInserts(),
    notes,
  }
}

/** One suggestion per run of untracked changes: a replaced word is one suggestion. */
class Untracked {
  readonly #base: TrackedAuthor
  readonly #newId: () => string
  #current: TrackedAuthor | null = null
  #changing = false

  constructor(base: TrackedAuthor, newId: () => string) {
    this.#base = base
    this.#newId = newId
  }

  step(step: Step): void {
    const changing = step.op !== 'same'
    if (!changing) this.#current = null
    this.#changing = changing
  }

  author(): TrackedAuthor {
    if (!this.#changing || this.#current === null) {
      this.#current = { ...this.#base, id: this.#newId() }
    }
    return this.#current
  }
}

type Mapping = { unit: (x: number) => number; position: (x: number) => number }

/** Base units and positions onto the current text (the same text when the base is current). */
function mapping(base: Linear, current: Linear, same: boolean): Mapping {
  if (same) return { unit: (x) => x, position: (x) => x }
  const unitMap = new Int32Array(base.units.length).fill(-1)
  for (const step of align(base.text, current.text)) {
    if (step.op === 'same') unitMap[step.a] = step.b
  }
  const positions = new Int32Array(base.units.length + 1)
  positions[base.units.length] = current.units.length
  for (let x = base.units.length - 1; x >= 0; x--) {
    const c = unitMap[x] ?? -1
    positions[x] = c >= 0 ? c : (positions[x + 1] ?? current.units.length)
  }
  return { unit: (x) => unitMap[x] ?? -1, position: (x) => positions[x] ?? current.units.length }
}

/** The current body rebuilt with deletions marked and insertions (and suggested breaks) put in. */
class Builder {
  readonly #current: Linear
  readonly #docx: Linear
  readonly #removed = new Map<number, TrackedAuthor>()
  readonly #inserted = new Map<number, Insertion[]>()
  /** Anchor offsets in the result, filled by finish(). */
  readonly #offsets = new Map<number, number>()
  readonly #insertedOffsets = new Map<number, number[]>()
  readonly #direct: { block: number; index: number; text: string }[] = []

  constructor(current: Linear, docx: Linear) {
    this.#current = current
    this.#docx = docx
  }

  remove(c: number, author: TrackedAuthor): boolean {
    const unit = this.#current.units[c]
    if (unit === undefined || unit.status.kind !== 'plain' || unit.kind === 'hard') return false
    if (unit.kind === 'break') {
      const block = this.#current.blocks[unit.block]?.node
      if (block === undefined) return false
    }
    this.#removed.set(c, author)
    return true
  }

  /** Queues insertions before current unit `c`; the index of the first in that place's list. */
  insert(c: number, items: Insertion[]): number {
    const list = this.#inserted.get(c) ?? []
    const first = list.length
    this.#inserted.set(c, [...list, ...items])
    return first
  }

  offsetOf(c: number): number {
    return this.#offsets.get(c) ?? -1
  }

  insertedOffset(c: number, index: number): number {
    return this.#insertedOffsets.get(c)?.[index] ?? -1
  }

  directInserts() {
    return this.#direct
  }

  finish(currentBody: JSONContent): JSONContent {
    const body = structuredClone(currentBody)
    const fresh = linearise(body)
    const { units, starts } = this.#current
    let offset = 0
    const pieces: { block: number; nodes: JSONContent[] }[] = []
    fresh.blocks.forEach(({ node }, block) => {
      const start = starts[block] ?? 0
      const end = block + 1 < starts.length ? (starts[block + 1] ?? 0) - 1 : units.length
      const out: JSONContent[] = [{ ...node, content: [] }]
      const join = this.#removed.get(start - 1)
      if (block > 0 && join !== undefined) {
        const first = out[0]
        if (first) first.attrs = { ...first.attrs, [SUGGEST_JOIN]: join }
      }
      let splitHere = false
      let charIndex = 0
      const put = (c: number) => {
        const items = this.#inserted.get(c) ?? []
        const landed: number[] = []
        let direct = ''
        for (const { unit, author } of items) {
          landed.push(offset)
          if (unit.kind === 'break') {
            const previous = out[out.length - 1]
            if (previous) previous.content = mergeText(previous.content ?? [])
            const after = this.#blockAfter(unit)
            const type = after.type ?? node.type
            out.push({ type, attrs: { ...after.attrs, [SUGGEST_SPLIT]: author }, content: [] })
            splitHere = true
          } else if (unit.kind === 'char') {
            out[out.length - 1]?.content?.push({
              type: 'text',
              text: unit.ch,
              marks: [...unit.marks, { type: SUGGEST_INSERT, attrs: author }],
            })
            if (!splitHere) direct += unit.ch
            offset++
          }
        }
        if (direct !== '') this.#direct.push({ block, index: charIndex, text: direct })
        if (items.length > 0) this.#insertedOffsets.set(c, landed)
      }
      for (let c = start; c < end; c++) {
        put(c)
        const unit = units[c]
        if (unit === undefined || unit.kind === 'break') continue
        this.#offsets.set(c, offset)
        const target = out[out.length - 1]
        if (unit.kind === 'hard') {
          target?.content?.push(unit.node)
          continue
        }
        const removed = this.#removed.get(c)
        const marks = [...unit.marks]
        if (unit.status.kind !== 'plain') {
          marks.push({
            type: unit.status.kind === 'insert' ? SUGGEST_INSERT : SUGGEST_DELETE,
            attrs: unit.status.author,
          })
        } else if (removed !== undefined) marks.push({ type: SUGGEST_DELETE, attrs: removed })
        target?.content?.push({
          type: 'text',
          text: unit.ch,
          ...(marks.length > 0 ? { marks } : {}),
        })
        offset++
        charIndex++
      }
      put(end)
      for (const piece of out) piece.content = mergeText(piece.content ?? [])
      pieces.push({ block, nodes: out })
    })
    // Replace each textblock by its pieces (later ones first, so earlier indexes hold).
    for (const { block, nodes } of pieces.reverse()) {
      const place = fresh.blocks[block]
      if (place === undefined) continue
      const index = place.parent.indexOf(place.node)
      if (index >= 0) place.parent.splice(index, 1, ...nodes.map(clean))
    }
    return body
  }

  /** The block a suggested break starts is the DOCX's own kind (a new heading stays a heading). */
  #blockAfter(unit: Unit): { type: string | undefined; attrs: Record<string, unknown> } {
    const node = this.#docx.blocks[unit.block]?.node
    const attrs = Object.fromEntries(
      Object.entries(node?.attrs ?? {}).filter(
        ([key]) => key !== SUGGEST_SPLIT && key !== SUGGEST_JOIN && key !== 'section',
      ),
    )
    return { type: node?.type, attrs }
  }
}

function clean(node: JSONContent): JSONContent {
  if (node.content !== undefined && node.content.length === 0) {
    const rest = { ...node }
    delete rest.content
    return rest
  }
  return node
}
