import { Extension } from '@tiptap/core'
import type { Node as PmNode } from '@tiptap/pm/model'
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state'
import { Mapping, StepMap, type Mappable } from '@tiptap/pm/transform'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import type * as Y from 'yjs'
import type { DecodedAnchor } from '../../../shared/model/index.ts'
import { resolveSpans, textRuns, type Span } from './anchor-map.ts'

/** What the editor needs of a thread to draw it. */
export type ThreadMark = {
  id: string
  anchor: DecodedAnchor
  open: boolean
  /** A suggested replacement still waiting for a decision, drawn inline. */
  suggestion: string | null
  /** The text a comment is being written on (not a thread yet), highlighted meanwhile. */
  draft?: boolean
}

export type ReviewState = {
  marks: readonly ThreadMark[]
  active: string | null
  /** Where each thread's text is now; threads whose text is gone have none. */
  spans: ReadonlyMap<string, Span>
  decorations: DecorationSet
}

type ReviewMeta = { marks?: readonly ThreadMark[]; active?: string | null }

export const reviewKey = new PluginKey<ReviewState>('samstemt-review')

export type ReviewOptions = {
  bodyDoc: Y.Doc | null
  fragment: Y.XmlFragment | null
  /** A highlight was clicked. */
  onActivate: (threadId: string) => void
}

/**
 * Open threads as highlights (decorations: the body is never written), the active one emphasised,
 * pending suggestions inline. Local typing maps the highlights through the edit; a change from
 * Yjs (a remote edit, undo) re-resolves every anchor, since Yjs replaces the editor's whole doc,
 * and redraws the threads that moved otherwise than the text did (`redrawReview`).
 */
export const Review = Extension.create<ReviewOptions>({
  name: 'samstemtReview',
  addOptions: () => ({ bodyDoc: null, fragment: null, onActivate: () => undefined }),
  addProseMirrorPlugins() {
    const { bodyDoc, fragment } = this.options
    const options = this.options
    const spansOf = (doc: PmNode, marks: readonly ThreadMark[]) =>
      threadSpans(doc, marks, bodyDoc, fragment)
    return [
      new Plugin<ReviewState>({
        key: reviewKey,
        state: {
          init: (_, state) => computeReview(state, [], null, bodyDoc, fragment) ?? emptyReview,
          apply: (tr, previous, _old, state) => nextReview(tr, previous, state, spansOf),
        },
        props: {
          decorations: (state) => reviewKey.getState(state)?.decorations ?? DecorationSet.empty,
          handleClick: (view, pos) => {
            const review = reviewKey.getState(view.state)
            const hit = review === undefined ? undefined : threadAt(review, pos)
            if (hit === undefined) return false
            options.onActivate(hit)
            return false
          },
        },
      }),
    ]
  },
})

/** Where each thread's text is now; null when the Yjs body and the editor are out of step. */
type ResolveSpans = (doc: PmNode, marks: readonly ThreadMark[]) => Map<string, Span> | null

const emptyReview: ReviewState = {
  marks: [],
  active: null,
  spans: new Map(),
  decorations: DecorationSet.empty,
}

export function nextReview(
  tr: Transaction,
  previous: ReviewState,
  state: EditorState,
  spansOf: ResolveSpans,
): ReviewState {
  const meta = tr.getMeta(reviewKey) as ReviewMeta | undefined
  const fromYjs = (tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)
    ?.isChangeOrigin
  if (meta === undefined && !(fromYjs === true && tr.docChanged)) {
    return tr.docChanged ? mapReview(previous, tr) : previous
  }
  const marks = meta?.marks ?? previous.marks
  const active = meta !== undefined && 'active' in meta ? (meta.active ?? null) : previous.active
  const spans = spansOf(state.doc, marks)
  if (spans === null) {
    // Mid-edit the Yjs body can be a step behind the editor: keep the spans we had, mapped.
    const mapped = mapReview(previous, tr)
    if (meta === undefined) return mapped
    // Other threads or another active one: drawn at those spans, so that every highlight stays
    // its thread's span in its thread's look, which `redrawReview` relies on.
    const ids = new Set(marks.map((mark) => mark.id))
    const kept = new Map([...mapped.spans].filter(([id]) => ids.has(id)))
    return drawReview(state.doc, marks, active, kept)
  }
  if (meta === undefined) {
    const redrawn = redrawReview(tr, previous, spans)
    if (redrawn !== null) return redrawn
  }
  return drawReview(state.doc, marks, active, spans)
}

function mapReview(review: ReviewState, tr: Transaction): ReviewState {
  const spans = new Map<string, Span>()
  for (const [id, span] of review.spans) {
    const mapped = mapSpan(tr.mapping, span)
    if (mapped !== undefined) spans.set(id, mapped)
  }
  return {
    marks: review.marks,
    active: review.active,
    spans,
    decorations: review.decorations.map(tr.mapping, tr.doc),
  }
}

/**
 * A span through an edit, as its highlight maps (inclusiveStart/End false): typing just before or
 * just after the commented text stays outside it, as with the anchor. Gone when it is empty.
 */
function mapSpan(mapping: Mappable, span: Span): Span | undefined {
  const from = mapping.map(span.from, 1)
  const to = mapping.map(span.to, -1)
  return from < to ? { from, to } : undefined
}

/** Every thread resolved against the body; null when the Yjs body and the editor are out of step. */
export function computeReview(
  state: EditorState,
  marks: readonly ThreadMark[],
  active: string | null,
  bodyDoc: Y.Doc | null,
  fragment: Y.XmlFragment | null,
): ReviewState | null {
  const spans = threadSpans(state.doc, marks, bodyDoc, fragment)
  return spans === null ? null : drawReview(state.doc, marks, active, spans)
}

/** Where each thread's anchored text is in `doc`; null when the Yjs body and `doc` are out of step. */
export function threadSpans(
  doc: PmNode,
  marks: readonly ThreadMark[],
  bodyDoc: Y.Doc | null,
  fragment: Y.XmlFragment | null,
): Map<string, Span> | null {
  const runs = bodyDoc === null || fragment === null ? null : textRuns(fragment, doc)
  if (runs === null || bodyDoc === null) return null
  return resolveSpans(new Map(marks.map((mark) => [mark.id, mark.anchor])), bodyDoc, runs)
}

/**
 * Every thread's decorations built afresh. From here on each drawn thread's highlight covers
 * exactly its span, and stays so: both are mapped alike through local edits (`mapSpan`).
 */
function drawReview(
  doc: PmNode,
  marks: readonly ThreadMark[],
  active: string | null,
  spans: Map<string, Span>,
): ReviewState {
  const decorations: Decoration[] = []
  for (const mark of marks) {
    const span = spans.get(mark.id)
    if (span !== undefined && isDrawn(mark)) {
      decorations.push(...threadDecorations(mark, active, span))
    }
  }
  return { marks, active, spans, decorations: DecorationSet.create(doc, decorations) }
}

/**
 * The decorations after a change from Yjs (same threads, same active one), the spans resolved
 * afresh. Yjs replaces the editor's whole doc, which no decoration survives, and building the
 * whole DecorationSet again costs more than resolving every anchor (ProseMirror scans every
 * decoration for each top-level block). So map the previous decorations through where the two
 * docs really differ, and redraw only the threads not drawn as they would be now: for ordinary
 * typing, none.
 *
 * A highlight maps as its span does (`drawReview`), so the previous span mapped says where it
 * is. A suggestion's widget does not: typing here at the span's end puts it after the typed text
 * while the span stays, and deleting the span's text here leaves it; so the widgets are looked
 * up. A thread is redrawn when its mapped highlight is not its span now (moved by the change
 * otherwise than the text, emptied, or where the diff placed an insertion among repeated
 * characters elsewhere than Yjs did) or its widget is not alone at the span's end. Null when
 * there is nothing to map (no decorations, or the same content): draw afresh.
 */
function redrawReview(
  tr: Transaction,
  previous: ReviewState,
  spans: Map<string, Span>,
): ReviewState | null {
  const { marks, active } = previous
  if (previous.decorations === DecorationSet.empty) return null
  const diff = docDiff(tr.before, tr.doc)
  if (diff === null) return null
  const mapped = previous.decorations.map(new Mapping([diff]), tr.doc)
  const widgets = new Map<string, Decoration[]>()
  for (const widget of mapped.find(undefined, undefined, isWidget)) {
    const id = specOf(widget).threadId
    widgets.set(id, [...(widgets.get(id) ?? []), widget])
  }
  const stale: Decoration[] = []
  const fresh: Decoration[] = []
  for (const mark of marks) {
    if (!isDrawn(mark)) continue
    const before = previous.spans.get(mark.id)
    const was = before === undefined ? undefined : mapSpan(diff, before)
    const now = spans.get(mark.id)
    const widget = widgets.get(mark.id) ?? []
    const widgetAt = mark.suggestion === null || now === undefined ? null : now.to
    const sameWidget =
      widgetAt === null ? widget.length === 0 : widget.length === 1 && widget[0]?.from === widgetAt
    if (was?.from === now?.from && was?.to === now?.to && sameWidget) continue
    if (was !== undefined) {
      const highlight = (spec: ReviewSpec) => spec.threadId === mark.id && !isWidget(spec)
      stale.push(...mapped.find(was.from, was.to, highlight))
    }
    stale.push(...widget)
    if (now !== undefined) fresh.push(...threadDecorations(mark, active, now))
  }
  return { marks, active, spans, decorations: mapped.remove(stale).add(tr.doc, fresh) }
}

/**
 * Where two docs differ, as one replaced range: the change Yjs made, while y-tiptap's transaction
 * replaces the whole doc. Null when their content is the same.
 */
function docDiff(before: PmNode, after: PmNode): StepMap | null {
  const start = before.content.findDiffStart(after.content)
  const end = before.content.findDiffEnd(after.content)
  if (start === null || end === null) return null
  let { a: oldEnd, b: newEnd } = end
  // Repeated characters can match on both sides ("aa" → "aaa"): the change then starts at `start`.
  const overlap = start - Math.min(oldEnd, newEnd)
  if (overlap > 0) {
    oldEnd += overlap
    newEnd += overlap
  }
  return new StepMap([start, oldEnd - start, newEnd - start])
}

/** What every decoration of the review carries in its spec; only widgets have a key. */
type ReviewSpec = { threadId: string; key?: string }

const specOf = (decoration: Decoration) => decoration.spec as ReviewSpec
const isWidget = (spec: ReviewSpec) => spec.key !== undefined
// A resolved thread is done with: its highlight goes with it, even while its card is the active one.
const isDrawn = (mark: ThreadMark) => mark.open

function threadDecorations(mark: ThreadMark, active: string | null, span: Span): Decoration[] {
  const classes = ['comment-highlight']
  if (mark.id === active) classes.push('is-active')
  if (mark.draft === true) classes.push('is-draft')
  if (mark.suggestion !== null) classes.push('suggestion-old')
  const decorations = [
    Decoration.inline(
      span.from,
      span.to,
      { class: classes.join(' '), 'data-thread': mark.id },
      { threadId: mark.id, draft: mark.draft === true, inclusiveStart: false, inclusiveEnd: false },
    ),
  ]
  if (mark.suggestion !== null) {
    decorations.push(
      Decoration.widget(span.to, suggestionWidget(mark.id, mark.suggestion), {
        side: 1,
        key: `suggestion-${mark.id}-${mark.suggestion}`,
        threadId: mark.id,
        ignoreSelection: true,
      }),
    )
  }
  return decorations
}

function suggestionWidget(threadId: string, text: string): () => HTMLElement {
  return () => {
    const element = document.createElement('ins')
    element.className = 'suggestion-new'
    element.dataset['thread'] = threadId
    element.contentEditable = 'false'
    element.textContent = text
    return element
  }
}

/** The thread whose highlight is at `pos`; the shortest wins where highlights overlap. */
export function threadAt(review: ReviewState, pos: number): string | undefined {
  let best: { id: string; length: number } | undefined
  for (const decoration of review.decorations.find(pos, pos)) {
    const { threadId: id, draft } = decoration.spec as { threadId?: string; draft?: boolean }
    if (id === undefined || draft === true || decoration.from === decoration.to) continue
    const length = decoration.to - decoration.from
    if (best === undefined || length < best.length) best = { id, length }
  }
  return best?.id
}

/** Sets the threads to draw, or the active one, from outside the editor. */
export function setReview(tr: Transaction, meta: ReviewMeta): Transaction {
  return tr.setMeta(reviewKey, meta)
}
