import { Extension, type AnyExtension } from '@tiptap/core'
import { CollaborationCaret } from '@tiptap/extension-collaboration-caret'
import type { Awareness } from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { BODY_FIELD, bodyExtensions, paperBody } from '../../../shared/model/index.ts'
import { Review } from '../review/review-plugin.ts'
import type { AwarenessUser } from '../sync/presence.ts'
import type { ColorOf } from '../sync/member-colors.ts'
import { CaretLabels, caretRenderers } from './caret.ts'
import { FindReplace } from './find-replace.ts'
import { PasteCleanup } from './paste-cleanup.ts'
import { setTextStyle, TEXT_STYLES } from './toolbar-actions.ts'
import { Suggesting, type SuggestingOptions } from './suggesting.ts'
import { PaperCollaboration } from './typing-undo.ts'

/**
 * Ctrl/⌘+K opens the link dialog; Alt+F10 moves to the toolbar (Tab indents lists, so it cannot);
 * Ctrl/⌘+Alt+0–3 set the text styles of the style menu (Heading 1 is a level-2 heading, so the
 * heading extension's own Ctrl+Alt+1–6, one level each, are taken over here).
 * Adds no schema, so papers stay exactly as bodyExtensions() defines them.
 */
const EditorKeys = Extension.create<{ openLink: () => void }>({
  name: 'samstemtKeys',
  priority: 1100,
  addOptions: () => ({ openLink: () => undefined }),
  addKeyboardShortcuts() {
    const styles = Object.fromEntries(
      TEXT_STYLES.map((style, i) => [`Mod-Alt-${i}`, () => setTextStyle(this.editor, style)]),
    )
    return {
      ...styles,
      'Mod-k': () => (this.options.openLink(), true),
      'Alt-F10': () => {
        const toolbar = this.editor.view.dom.closest('.paper-editor')?.querySelector('.toolbar')
        toolbar?.querySelector<HTMLElement>('[tabindex="0"]')?.focus()
        return toolbar !== null && toolbar !== undefined
      },
    }
  },
})

export type PaperEditorSetup = {
  doc: Y.Doc
  awareness: Awareness
  user: AwarenessUser
  /** The colour each member's caret is drawn in (distinct within the paper). */
  colorOf: ColorOf
  openLink(): void
  onActivateThread(threadId: string): void
  /** Suggesting mode: who suggests, whether they must, and what the editor tells them. */
  suggesting?: Partial<SuggestingOptions>
  /** The review extension (a benchmark passes one that times its plugin). */
  review?: typeof Review
}

/**
 * Everything the paper's editor is made of, for the app and for the benchmarks alike: the body's
 * schema, Yjs with this user's undo, named carets, the review's highlights, find and replace, and
 * paste cleanup.
 */
export function paperExtensions(setup: PaperEditorSetup): AnyExtension[] {
  const carets = caretRenderers(setup.colorOf)
  return [
    ...bodyExtensions(),
    Suggesting.configure(setup.suggesting ?? {}),
    PaperCollaboration.configure({ document: setup.doc, field: BODY_FIELD }),
    CollaborationCaret.configure({
      provider: { awareness: setup.awareness },
      user: setup.user,
      render: carets.render,
      selectionRender: carets.selection,
    }),
    CaretLabels.configure({
      awareness: setup.awareness,
      doc: setup.doc,
      activity: carets.activity,
    }),
    EditorKeys.configure({ openLink: setup.openLink }),
    (setup.review ?? Review).configure({
      bodyDoc: setup.doc,
      fragment: paperBody(setup.doc),
      onActivate: setup.onActivateThread,
    }),
    FindReplace,
    PasteCleanup,
  ]
}
