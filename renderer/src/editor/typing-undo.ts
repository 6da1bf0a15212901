import { Collaboration } from '@tiptap/extension-collaboration'
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state'
import { ReplaceStep } from '@tiptap/pm/transform'
import type { Editor } from '@tiptap/core'
import {
  defaultDeleteFilter,
  defaultProtectedNodes,
  ySyncPluginKey,
  yUndoPluginKey,
} from '@tiptap/y-tiptap'
import * as Y from 'yjs'

/** A pause this long (ms) in typing ends an undo step, as a new word does. */
export const UNDO_PAUSE_MS = 1000

/**
 * Yjs's undo manager for the body, as y-tiptap configures it (only this user's changes, through
 * the editor), with the steps ours: one per word typed, one per run of deletions, one per other
 * change, and a pause or a caret moved elsewhere ends a step.
 *
 * y-tiptap calls `stopCapturing()` on the first transaction after any change from a partner (its
 * `addToHistory` flag stays false from the partner's change), which cut this user's typing into
 * 1-2 character steps whenever someone else typed meanwhile (issue 12: 28 presses to undo one
 * sentence). Here only Yjs's own call while undoing or redoing goes through; the steps are cut by
 * `startStep()`, which the editor's `typingSteps` plugin calls.
 */
export class TypingUndoManager extends Y.UndoManager {
  constructor(fragment: Y.XmlFragment) {
    super(fragment, {
      captureTimeout: UNDO_PAUSE_MS,
      trackedOrigins: new Set([ySyncPluginKey]),
      deleteFilter: (item) => defaultDeleteFilter(item, defaultProtectedNodes),
      captureTransaction: (transaction) => transaction.meta.get('addToHistory') !== false,
    })
  }

  override stopCapturing(): void {
    if (this.undoing || this.redoing) super.stopCapturing()
  }

  /** The next change of this user's starts a new undo step. */
  startStep(): void {
    this.lastChange = 0
  }
}

/**
 * The origin of a change made to the body outside the editor that this user's undo must take
 * back (an imported Word review): the editor's own, which the undo manager tracks.
 */
export const reviewUndoOrigin = ySyncPluginKey

/** The editor's next change, or one written with `reviewUndoOrigin`, is an undo step of its own. */
export function startUndoStep(editor: Editor): void {
  const state = yUndoPluginKey.getState(editor.state) as { undoManager?: unknown } | undefined
  if (state?.undoManager instanceof TypingUndoManager) state.undoManager.startStep()
}

/** What a transaction of this user's did to the text, as far as undo steps care. */
export type Edit =
  { kind: 'type'; text: string; wordStart: boolean } | { kind: 'delete' } | { kind: 'other' }

/**
 * One character typed (a text node inserted where the caret was), a deletion inside one
 * paragraph, or anything else: Enter, a paste, formatting, a replaced selection, an accepted
 * suggestion. A typed character starts a word when it is not a space and follows one.
 */
export function classifyEdit(tr: Transaction): Edit {
  const [step, ...more] = tr.steps
  if (!(step instanceof ReplaceStep) || more.length > 0) return { kind: 'other' }
  const { from, to, slice } = step as ReplaceStep & { from: number; to: number }
  const $from = tr.before.resolve(from)
  if (slice.size === 0) {
    return from < to && $from.sameParent(tr.before.resolve(to))
      ? { kind: 'delete' }
      : { kind: 'other' }
  }
  const inline = slice.openStart === 0 && slice.openEnd === 0 && from === to
  const text = inline ? slice.content.textBetween(0, slice.content.size) : ''
  if (!inline || text.length !== 1 || slice.content.size !== 1) return { kind: 'other' }
  const before =
    $from.parentOffset > 0
      ? $from.parent.textBetween($from.parentOffset - 1, $from.parentOffset)
      : ''
  return { kind: 'type', text, wordStart: !/\s/.test(text) && /\s/.test(before) }
}

type Steps = {
  /** Counts the steps begun: the view starts a new one when it changes. */
  count: number
  last: Edit['kind'] | null
  /** The caret moved since the last edit (a click, an arrow key). */
  moved: boolean
}

/**
 * The edit a transaction stands for when another made it (suggesting mode turns one typed
 * character into an insertion and its mark): its undo step follows the edit, not the steps.
 */
export const EDIT_META = 'samstemt:edit'

export const typingStepsKey = new PluginKey<Steps>('samstemt-typing-steps')

const isFromYjs = (tr: Transaction) =>
  (tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin === true

/** The next undo-step state after a transaction; a partner's change and undo leave it alone. */
export function nextSteps(previous: Steps, tr: Transaction): Steps {
  if (isFromYjs(tr)) return previous
  if (!tr.docChanged)
    return tr.selectionSet && !previous.moved ? { ...previous, moved: true } : previous
  if (tr.getMeta('addToHistory') === false)
    return { count: previous.count + 1, last: null, moved: false }
  const edit = (tr.getMeta(EDIT_META) as Edit | undefined) ?? classifyEdit(tr)
  const begins =
    edit.kind === 'other' ||
    edit.kind !== previous.last ||
    previous.moved ||
    (edit.kind === 'type' && edit.wordStart)
  return { count: previous.count + (begins ? 1 : 0), last: edit.kind, moved: false }
}

/**
 * Tells the undo manager where a step begins, before y-tiptap writes the transaction to Yjs: its
 * view update runs after this one, since this plugin comes first.
 */
export function typingSteps(undoManager: TypingUndoManager): Plugin<Steps> {
  return new Plugin<Steps>({
    key: typingStepsKey,
    state: {
      init: () => ({ count: 0, last: null, moved: false }),
      apply: (tr, previous) => nextSteps(previous, tr),
    },
    view: () => ({
      update: (view, before: EditorState) => {
        const now = typingStepsKey.getState(view.state)?.count
        if (now !== typingStepsKey.getState(before)?.count) undoManager.startStep()
      },
    }),
  })
}

/**
 * Collaboration with the paper's undo: a TypingUndoManager per editor, made when the editor makes
 * its plugins (so React rendering twice never leaves a second one listening to the doc).
 */
export const PaperCollaboration = Collaboration.extend({
  addProseMirrorPlugins() {
    const { fragment, document, field } = this.options
    const body = fragment ?? (document as Y.Doc).getXmlFragment(field)
    const undoManager = new TypingUndoManager(body)
    this.options.yUndoOptions = { ...this.options.yUndoOptions, undoManager }
    return [typingSteps(undoManager), ...(this.parent?.() ?? [])]
  },
})
