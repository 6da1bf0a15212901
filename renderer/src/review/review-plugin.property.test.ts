import type { Node as PmNode } from '@tiptap/pm/model'
import { EditorState, type Transaction } from '@tiptap/pm/state'
import type { Decoration } from '@tiptap/pm/view'
import {
  prosemirrorJSONToYXmlFragment,
  yXmlFragmentToProseMirrorRootNode,
  ySyncPluginKey,
} from '@tiptap/y-tiptap'
import * as prng from 'lib0/prng'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { bodySchema, decodeAnchor, paperBody } from '../../../shared/model/index.ts'
import { anchorForRange, textRuns, type Span, type TextRun } from './anchor-map.ts'
import {
  computeReview,
  nextReview,
  setReview,
  threadSpans,
  type ReviewState,
  type ThreadMark,
} from './review-plugin.ts'

/*
 * A change from Yjs redraws only the threads whose mapped decorations are wrong
 * (`redrawReview`). Whatever the edits, that must leave exactly what resolving every anchor and
 * drawing every thread afresh (`computeReview`) gives: the same spans, and the same decorations
 * as (from, to, class, thread, widget text). Seeded sequences of changes from Yjs (text typed or
 * deleted at and around commented text, a commented text deleted, paragraphs added, removed,
 * split and joined, bold toggled; some in one Yjs transaction, some none at all), each followed
 * by y-tiptap's whole-doc replacement; between them typing here (mapped, which leaves suggestion
 * widgets off their spans' ends), another active thread, new threads.
 */

const SEQUENCES = 200
const STEPS = 50
const WORDS = ['byene', 'trenger', 'stabil', 'finansiering', 'av', 'energi', 'aa', 'a', 'tiltak']

type Gen = prng.PRNG

const sentence = (gen: Gen, min: number, max: number) =>
  Array.from({ length: prng.int32(gen, min, max) }, () => prng.oneOf(gen, WORDS)).join(' ')

function setup(gen: Gen) {
  const ydoc = new Y.Doc()
  const fragment = paperBody(ydoc)
  const paragraphs = Array.from({ length: prng.int32(gen, 1, 6) }, () =>
    prng.bool(gen) || prng.bool(gen) ? sentence(gen, 1, 12) : '',
  )
  prosemirrorJSONToYXmlFragment(
    bodySchema(),
    {
      type: 'doc',
      content: paragraphs.map((text) =>
        text === ''
          ? { type: 'paragraph' }
          : { type: 'paragraph', content: [{ type: 'text', text }] },
      ),
    },
    fragment,
  )
  return { ydoc, fragment }
}

/** What y-tiptap dispatches for a change from Yjs: the editor's whole doc replaced. */
function remoteTransaction(state: EditorState, fragment: Y.XmlFragment): Transaction {
  const remote = yXmlFragmentToProseMirrorRootNode(fragment, bodySchema())
  return state.tr
    .replaceWith(0, state.doc.content.size, remote.content)
    .setMeta(ySyncPluginKey, { isChangeOrigin: true })
}

/** A random range of text: within one run mostly, sometimes across two. */
function randomRange(gen: Gen, runs: readonly TextRun[]): Span | null {
  if (runs.length === 0) return null
  const first = prng.int32(gen, 0, runs.length - 1)
  const last = prng.int32(gen, 0, 4) === 0 ? Math.min(runs.length - 1, first + 1) : first
  const a = runs[first]!
  const b = runs[last]!
  const from = a.pos + prng.int32(gen, 0, a.length - 1)
  const to = b.pos + prng.int32(gen, 1, b.length)
  return from < to ? { from, to } : null
}

function randomMark(gen: Gen, runs: readonly TextRun[], id: string): ThreadMark | null {
  const range = randomRange(gen, runs)
  const anchor = range === null ? null : anchorForRange(runs, range.from, range.to)
  const decoded = anchor === null ? null : decodeAnchor(anchor)
  if (decoded === null) return null
  return {
    id,
    anchor: decoded,
    open: prng.int32(gen, 0, 4) !== 0,
    suggestion: prng.int32(gen, 0, 2) === 0 ? prng.oneOf(gen, WORDS) : null,
  }
}

/** An editor position where something happens: often at or next to a commented range's edge. */
function randomPos(gen: Gen, doc: PmNode, review: ReviewState): number {
  const spans = [...review.spans.values()]
  if (spans.length > 0 && prng.bool(gen)) {
    const span = prng.oneOf(gen, spans)
    const edge = prng.bool(gen) ? span.from : span.to
    return Math.max(0, Math.min(doc.content.size, edge + prng.int32(gen, -1, 1)))
  }
  return prng.int32(gen, 0, doc.content.size)
}

/** The text node and offset at an editor position, if it is in (or at the end of) text. */
function textAt(runs: readonly TextRun[], pos: number): { run: TextRun; offset: number } | null {
  const run = runs.find((r) => r.pos <= pos && pos <= r.pos + r.length)
  return run === undefined ? null : { run, offset: pos - run.pos }
}

const paragraphs = (fragment: Y.XmlFragment) =>
  fragment.toArray().filter((node): node is Y.XmlElement => node instanceof Y.XmlElement)

/** The paragraph's text node, made if it has none. */
function textOf(paragraph: Y.XmlElement): Y.XmlText {
  const text = paragraph.get(0)
  if (text instanceof Y.XmlText) return text
  const made = new Y.XmlText()
  paragraph.insert(0, [made])
  return made
}

function newParagraph(text: string): Y.XmlElement {
  const paragraph = new Y.XmlElement('paragraph')
  if (text !== '') paragraph.insert(0, [new Y.XmlText(text)])
  return paragraph
}

/** One edit to the body, as a partner's (or an undo) would arrive: straight into Yjs. */
function remoteEdit(gen: Gen, fragment: Y.XmlFragment, doc: PmNode, review: ReviewState): void {
  const runs = textRuns(fragment, doc)!
  const all = paragraphs(fragment)
  // Mostly typing, so that threads live long enough to be moved about.
  const roll = prng.int32(gen, 0, 19)
  switch (roll < 8 ? 0 : roll < 11 ? 2 : roll - 8) {
    case 0: {
      // Text typed somewhere, often at a commented range's edge.
      const at = textAt(runs, randomPos(gen, doc, review))
      const text = prng.bool(gen) ? prng.oneOf(gen, WORDS) : ' '
      if (at !== null) at.run.text.insert(at.offset, text)
      else textOf(prng.oneOf(gen, all)).insert(0, text)
      return
    }
    case 2: {
      // A few characters deleted, often across a commented range's edge.
      const at = textAt(runs, randomPos(gen, doc, review))
      if (at === null) return
      const from = Math.max(0, at.offset - prng.int32(gen, 0, 3))
      const length = Math.min(at.run.length - from, prng.int32(gen, 1, 6))
      if (length > 0) at.run.text.delete(from, length)
      return
    }
    case 3: {
      // All of a commented range's text deleted (the paragraphs it spans stay).
      const spans = [...review.spans.values()]
      if (spans.length === 0) return
      const span = prng.oneOf(gen, spans)
      for (const run of [...runs].reverse()) {
        const from = Math.max(span.from, run.pos)
        const to = Math.min(span.to, run.pos + run.length)
        if (from < to) run.text.delete(from - run.pos, to - from)
      }
      return
    }
    case 4:
      fragment.insert(prng.int32(gen, 0, fragment.length), [
        newParagraph(prng.bool(gen) ? sentence(gen, 1, 6) : ''),
      ])
      return
    case 5:
      if (fragment.length > 1) fragment.delete(prng.int32(gen, 0, fragment.length - 1), 1)
      return
    case 6: {
      // A paragraph split (Enter): its tail moves into a new paragraph after it.
      const index = prng.int32(gen, 0, all.length - 1)
      const text = textOf(all[index]!)
      const at = prng.int32(gen, 0, text.length)
      const tail = text.toString().slice(at)
      text.delete(at, text.length - at)
      fragment.insert(index + 1, [newParagraph(tail)])
      return
    }
    case 7: {
      // Two paragraphs joined (Backspace at the start of the second).
      if (all.length < 2) return
      const index = prng.int32(gen, 0, all.length - 2)
      const next = textOf(all[index + 1]!).toString()
      const text = textOf(all[index]!)
      text.insert(text.length, next)
      fragment.delete(index + 1, 1)
      return
    }
    default: {
      // Bold on or off over some text: the editor's text nodes split or join, no text moves.
      const at = textAt(runs, randomPos(gen, doc, review))
      if (at === null) return
      const length = Math.min(at.run.length - at.offset, prng.int32(gen, 1, 8))
      if (length > 0) at.run.text.format(at.offset, length, { bold: prng.bool(gen) ? {} : null })
    }
  }
}

/**
 * Typing or deleting here: the editor's transaction (mapped, not resolved), mirrored into Yjs as
 * y-tiptap writes it, so that the two stay in step. It leaves suggestion widgets where the
 * mapping put them (after text typed at a span's end; still there when the text was deleted).
 */
function localEdit(
  gen: Gen,
  fragment: Y.XmlFragment,
  state: EditorState,
  review: ReviewState,
): Transaction | null {
  const runs = textRuns(fragment, state.doc)!
  const at = textAt(runs, randomPos(gen, state.doc, review))
  if (at === null) return null
  if (prng.bool(gen)) {
    const text = prng.oneOf(gen, WORDS)
    at.run.text.insert(at.offset, text)
    return state.tr.insertText(text, at.run.pos + at.offset)
  }
  const spans = [...review.spans.values()]
  const span = spans.length > 0 && prng.int32(gen, 0, 3) === 0 ? prng.oneOf(gen, spans) : null
  // The whole commented text when it is in one run, else a few characters.
  const inRun = span !== null && span.from >= at.run.pos && span.to <= at.run.pos + at.run.length
  const from = inRun ? span.from - at.run.pos : at.offset
  const length = inRun ? span.to - span.from : Math.min(at.run.length - from, prng.int32(gen, 1, 4))
  if (length <= 0) return null
  at.run.text.delete(from, length)
  return state.tr.delete(at.run.pos + from, at.run.pos + from + length)
}

type Internal = { type: { attrs?: { class?: string }; toDOM?: () => { textContent: string } } }

/** What a decoration draws: where, with which class, for which thread, with which text. */
function drawn(decoration: Decoration): string {
  const { type } = decoration as unknown as Internal
  const threadId = (decoration.spec as { threadId: string }).threadId
  const widget = decoration.from === decoration.to ? (type.toDOM?.().textContent ?? '?') : ''
  return [decoration.from, decoration.to, type.attrs?.class ?? '', threadId, widget].join('|')
}

const drawing = (review: ReviewState) => review.decorations.find().map(drawn).sort()
const spanList = (review: ReviewState) => [...review.spans].sort(([a], [b]) => a.localeCompare(b))

describe('a change from Yjs redraws only what moved', () => {
  // The suggestion widget's DOM, read for its text; the tests run without a DOM.
  beforeAll(() => {
    vi.stubGlobal('document', {
      createElement: () => ({ dataset: {}, className: '', textContent: '' }),
    })
  })
  afterAll(() => {
    vi.unstubAllGlobals()
  })

  it('leaves the same spans and decorations as resolving and drawing every thread afresh', () => {
    let remoteChanges = 0
    let drawnChecked = 0
    for (let seed = 1; seed <= SEQUENCES; seed++) {
      const gen = prng.create(seed)
      const { ydoc, fragment } = setup(gen)
      const spansOf = (doc: PmNode, marks: readonly ThreadMark[]) =>
        threadSpans(doc, marks, ydoc, fragment)
      let state = EditorState.create({
        doc: yXmlFragmentToProseMirrorRootNode(fragment, bodySchema()),
      })
      const runs = textRuns(fragment, state.doc)!
      const marks: ThreadMark[] = []
      for (let i = prng.int32(gen, 2, 20); i > 0; i--) {
        const mark = randomMark(gen, runs, `t${marks.length}`)
        if (mark !== null) marks.push(mark)
      }
      const initialActive = marks.length > 0 && prng.bool(gen) ? prng.oneOf(gen, marks).id : null
      let review = computeReview(state, marks, initialActive, ydoc, fragment)!
      for (let step = 0; step < STEPS; step++) {
        const kind = prng.int32(gen, 0, 9)
        if (kind < 3) {
          const tr = localEdit(gen, fragment, state, review)
          if (tr === null) continue
          state = state.apply(tr)
          review = nextReview(tr, review, state, spansOf)
          continue
        }
        let tr: Transaction
        if (kind === 3) {
          // Another thread made active: drawn afresh.
          const active = prng.bool(gen) && marks.length > 0 ? prng.oneOf(gen, marks).id : null
          tr = setReview(state.tr, { active })
        } else if (kind === 4) {
          // A new thread from the comments doc (edits delete the text of others): drawn afresh.
          const mark = randomMark(gen, textRuns(fragment, state.doc)!, `t${marks.length}`)
          if (mark !== null) marks.push(mark)
          tr = setReview(state.tr, { marks: [...marks] })
        } else {
          const edits = prng.int32(gen, 0, 3)
          // Several edits in one Yjs transaction: one replacement of the editor's doc for them all.
          ydoc.transact(() => {
            let doc = state.doc
            for (let i = 0; i < edits; i++) {
              remoteEdit(gen, fragment, doc, review)
              doc = yXmlFragmentToProseMirrorRootNode(fragment, bodySchema())
            }
          })
          tr = remoteTransaction(state, fragment)
        }
        state = state.apply(tr)
        review = nextReview(tr, review, state, spansOf)
        const expected = computeReview(state, review.marks, review.active, ydoc, fragment)
        expect(expected, `seed ${seed}, step ${step}: body and editor in step`).not.toBeNull()
        const context = `seed ${seed}, step ${step}`
        expect(spanList(review), context).toEqual(spanList(expected!))
        expect(drawing(review), context).toEqual(drawing(expected!))
        if (kind > 4) {
          remoteChanges++
          drawnChecked += expected!.decorations.find().length
        }
      }
    }
    // The sequences were mostly changes from Yjs, with threads drawn to compare.
    expect(remoteChanges).toBeGreaterThan(SEQUENCES * STEPS * 0.4)
    expect(drawnChecked).toBeGreaterThan(remoteChanges * 2)
  })
})
