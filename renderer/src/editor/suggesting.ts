import { Extension, type Editor } from '@tiptap/core'
import type { Transaction } from '@tiptap/pm/state'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import {
  SUGGESTED,
  decideTransaction,
  isSuggesting,
  isUnsuggestable,
  plainInsertions,
  suggestTransaction,
  suggestingKey,
  suggestingPlugin,
  type Suggester,
  type Unsuggestable,
  type Which,
} from '../../../shared/model/index.ts'
import { EDIT_META, classifyEdit } from './typing-undo.ts'

export type EditMode = 'editing' | 'suggesting'

export type SuggestingOptions = {
  /** Who suggests: this member. */
  suggester: () => Suggester
  /** Suggesting whatever the mode says (a reviewer; a paper set to suggestions only). */
  forced: () => boolean
  /** A change suggesting mode cannot carry was not made: say why. */
  onRefused: (reason: Unsuggestable['unsuggestable']) => void
  /** The member asked for a mode with the keyboard. */
  onMode: (mode: EditMode) => void
}

const fromPartner = (tr: Transaction) =>
  (tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin === true

/**
 * Suggesting mode in the editor: every change of this member's goes through here before the
 * editor applies it (Tiptap's dispatchTransaction hook, so y-tiptap writes to Yjs only what comes
 * out). Suggesting, it becomes a suggestion in the member's name (shared/model/suggesting.ts), or
 * is not made when a suggestion cannot carry it; editing, what is typed is never part of someone
 * else's suggestion. Partners' changes and undo come through Yjs as their editors made them.
 * Ctrl+Alt+Shift+X suggests and Ctrl+Alt+Shift+Z edits, as in Google Docs.
 */
export const Suggesting = Extension.create<SuggestingOptions>({
  name: 'suggesting',
  // Before the other extensions' hooks: they see the transaction that is applied.
  priority: 1200,
  addOptions: () => ({
    suggester: () => ({ memberId: '', name: '', organisation: '' }),
    forced: () => false,
    onRefused: () => undefined,
    onMode: () => undefined,
  }),
  addProseMirrorPlugins() {
    return [suggestingPlugin(this.options.forced())]
  },
  addKeyboardShortcuts() {
    return {
      'Mod-Alt-Shift-x': () => (this.options.onMode('suggesting'), true),
      'Mod-Alt-Shift-z': () => (this.options.onMode('editing'), true),
    }
  },
  dispatchTransaction({ transaction: tr, next }) {
    if (!tr.docChanged || fromPartner(tr) || tr.getMeta(SUGGESTED) !== undefined) {
      next(tr)
      return
    }
    const state = this.editor.state
    const edit = classifyEdit(tr)
    if (!isSuggesting(state) && !this.options.forced()) {
      next(plainInsertions(tr).setMeta(EDIT_META, edit))
      return
    }
    const out = suggestTransaction(state, tr, this.options.suggester(), {
      newId: () => crypto.randomUUID(),
    })
    if (isUnsuggestable(out)) {
      this.options.onRefused(out.unsuggestable)
      return
    }
    next(out.setMeta(EDIT_META, edit))
  },
})

/** Switches the editor's mode (the toolbar's switch, the keys, a paper set to suggestions only). */
export function setEditMode(editor: Editor, mode: EditMode): void {
  if (editor.isDestroyed || isSuggesting(editor.state) === (mode === 'suggesting')) return
  editor.view.dispatch(editor.state.tr.setMeta(suggestingKey, { on: mode === 'suggesting' }))
}

/** Accepts or rejects the chosen suggestions in the text: one transaction, one undo step. */
export function decideInEditor(editor: Editor, which: Which, how: 'accept' | 'reject'): boolean {
  if (editor.isDestroyed) return false
  const tr = decideTransaction(editor.state, which, how)
  if (!tr.docChanged) return false
  editor.view.dispatch(tr.scrollIntoView())
  return true
}
