import { Extension } from '@tiptap/core'
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state'
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
 * Yjs (a remote edit, undo) re-resolves every anchor, since Yjs replaces the editor's whole doc.
 */
export const Review = Extension.create<ReviewOptions>({
  name: 'samstemtReview',
  addOptions: () => ({ bodyDoc: null, fragment: null, onActivate: () => undefined }),
  addProseMirrorPlugins() {
    const { bodyDoc, fragment } = this.options
    const options = this.options
    const resolve = (state: EditorState, marks: readonly ThreadMark[], active: string | null) =>
      computeReview(state, marks, active, bodyDoc, fragment)
    return [
      new Plugin<ReviewState>({
        key: reviewKey,
        state: {
          init: (_, state) => resolve(state, [], null) ?? emptyReview,
          apply: (tr, previous, _old, state) => nextReview(tr, previous, state, resolve),
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

type Resolve = (
  state: EditorState,
  marks: readonly ThreadMark[],
  active: string | null,
) => ReviewState | null

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
  resolve: Resolve,
): ReviewState {
  const meta = tr.getMeta(reviewKey) as ReviewMeta | undefined
  const fromYjs = (tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)
    ?.isChangeOrigin
  if (meta !== undefined || (fromYjs === true && tr.docChanged)) {
    const marks = meta?.marks ?? previous.marks
    const active = meta !== undefined && 'active' in meta ? (meta.active ?? null) : previous.active
    // Mid-edit the Yjs body can be a step behind the editor: keep what we had, mapped.
    return resolve(state, marks, active) ?? mapReview({ ...previous, marks, active }, tr)
  }
  return tr.docChanged ? mapReview(previous, tr) : previous
}

function mapReview(review: ReviewState, tr: Transaction): ReviewState {
  const spans = new Map<string, Span>()
  for (const [id, span] of review.spans) {
    // Typing just before or just after the commented text stays outside it, as with the anchor.
    const from = tr.mapping.map(span.from, 1)
    const to = tr.mapping.map(span.to, -1)
    if (from < to) spans.set(id, { from, to })
  }
  return {
    marks: review.marks,
    active: review.active,
    spans,
    decorations: review.decorations.map(tr.mapping, tr.doc),
  }
}

/** Every thread resolved against the body; null when the Yjs body and the editor are out of step. */
export function computeReview(
  state: EditorState,
  marks: readonly ThreadMark[],
  active: string | null,
  bodyDoc: Y.Doc | null,
  fragment: Y.XmlFragment | null,
): ReviewState | null {
  const runs = bodyDoc === null || fragment === null ? null : textRuns(fragment, state.doc)
  if (runs === null || bodyDoc === null) return null
  const spans = resolveSpans(new Map(marks.map((mark) => [mark.id, mark.anchor])), bodyDoc, runs)
  const decorations: Decoration[] = []
  for (const mark of marks) {
    const span = spans.get(mark.id)
    const isActive = mark.id === active
    if (span === undefined || (!mark.open && !isActive)) continue
    const classes = ['comment-highlight']
    if (isActive) classes.push('is-active')
    if (!mark.open) classes.push('is-resolved')
    if (mark.suggestion !== null) classes.push('suggestion-old')
    decorations.push(
      Decoration.inline(
        span.from,
        span.to,
        { class: classes.join(' '), 'data-thread': mark.id },
        { threadId: mark.id, inclusiveStart: false, inclusiveEnd: false },
      ),
    )
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
  }
  return { marks, active, spans, decorations: DecorationSet.create(state.doc, decorations) }
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
    const id = (decoration.spec as { threadId?: string }).threadId
    if (id === undefined || decoration.from === decoration.to) continue
    const length = decoration.to - decoration.from
    if (best === undefined || length < best.length) best = { id, length }
  }
  return best?.id
}

/** Sets the threads to draw, or the active one, from outside the editor. */
export function setReview(tr: Transaction, meta: ReviewMeta): Transaction {
  return tr.setMeta(reviewKey, meta)
}
