// What the comments benchmark times inside the editor, and how.
import type { Transaction } from '@tiptap/pm/state'
import type { EditorView } from '@tiptap/pm/view'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import { Review, reviewKey } from '../../renderer/src/review/review-plugin.ts'

/** Which keystrokes are being recorded: the driver switches between them. */
export type Phase = 'idle' | 'local' | 'remote'

/** Milliseconds per keystroke (performance.now(), 5 µs steps when cross-origin isolated). */
export type Samples = {
  /** The Review plugin's state apply for a local edit: mapping the highlights through it. */
  local: number[]
  /** The whole `view.dispatch` of the same local edits: every plugin, the DOM, the write to Yjs. */
  dispatch: number[]
  /** The Review plugin's state apply for a change from Yjs: every anchor resolved again. */
  remote: number[]
  /** `Y.applyUpdate` of the remote change: Yjs, y-tiptap's new editor doc, dispatch and DOM. */
  remoteTotal: number[]
  /** React's render and commit of the open side panel after an edit moved the highlights. */
  panel: number[]
}

export const timing: { phase: Phase; samples: Samples; marks: boolean } = {
  phase: 'idle',
  /** Also a User Timing measure per sample, to find them in a Chromium trace (`?marks=1`). */
  marks: new URLSearchParams(location.search).has('marks'),
  samples: { local: [], dispatch: [], remote: [], remoteTotal: [], panel: [] },
}

const fromYjs = (tr: Transaction) =>
  (tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin === true

/** A typed character: it changes the doc and comes neither from Yjs nor from the review itself. */
const isLocalEdit = (tr: Transaction) =>
  tr.docChanged && !fromYjs(tr) && tr.getMeta(reviewKey) === undefined

/**
 * The app's Review extension with its plugin's state `apply` timed. That function is all the
 * decoration work a transaction causes: `nextReview` maps the spans and the DecorationSet through
 * a local edit, or, for a change from Yjs, re-resolves every anchor (textRuns + resolveSpans) and
 * builds a new DecorationSet. The view's `decorations` prop only returns the set it made.
 * ProseMirror copies `spec.state` into the editor state's fields when the state is created, after
 * this runs, so every call goes through the wrapper; the wrapper adds two performance.now() calls.
 */
export const TimedReview = Review.extend({
  addProseMirrorPlugins() {
    const plugins = this.parent?.() ?? []
    for (const plugin of plugins) {
      const field = plugin.spec.state
      if (field === undefined) continue
      const apply = field.apply.bind(field)
      field.apply = (tr, value, oldState, newState) => {
        const start = performance.now()
        const next: unknown = apply(tr, value, oldState, newState)
        const end = performance.now()
        const kind =
          timing.phase === 'local' && isLocalEdit(tr)
            ? 'local'
            : timing.phase === 'remote' && tr.docChanged && fromYjs(tr)
              ? 'remote'
              : null
        if (kind === null) return next
        timing.samples[kind].push(end - start)
        if (timing.marks) performance.measure(`review-${kind}`, { start, end })
        return next
      }
    }
    return plugins
  },
})

/** Times each local edit's whole dispatch, for context: how much of a keystroke the review is. */
export function timeDispatch(view: EditorView): void {
  const dispatch = view.dispatch.bind(view)
  view.dispatch = (tr: Transaction) => {
    const start = performance.now()
    dispatch(tr)
    if (timing.phase === 'local' && isLocalEdit(tr)) {
      timing.samples.dispatch.push(performance.now() - start)
    }
  }
}
