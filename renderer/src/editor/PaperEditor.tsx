import { Extension } from '@tiptap/core'
import { CollaborationCaret } from '@tiptap/extension-collaboration-caret'
import type { Editor } from '@tiptap/core'
import { EditorContent, useEditor } from '@tiptap/react'
import { useEffect, useRef, useState } from 'react'
import { BODY_FIELD, bodyExtensions, paperBody } from '../../../shared/model/index.ts'
import { useHost } from '../host/HostContext.tsx'
import { useI18n } from '../i18n/I18nContext.tsx'
import { Review } from '../review/review-plugin.ts'
import type { AwarenessUser } from '../sync/presence.ts'
import type { RoomSession } from '../sync/room-session.ts'
import { renderCaret, renderSelection } from './caret.ts'
import { LinkDialog } from './LinkDialog.tsx'
import { countWords } from './text-tools.ts'
import { Toolbar } from './Toolbar.tsx'
import { PaperCollaboration } from './typing-undo.ts'

/**
 * Ctrl/⌘+K opens the link dialog; Alt+F10 moves to the toolbar (Tab indents lists, so it cannot).
 * Adds no schema, so papers stay exactly as bodyExtensions() defines them.
 */
const EditorKeys = Extension.create<{ openLink: () => void }>({
  name: 'samstemtKeys',
  addOptions: () => ({ openLink: () => undefined }),
  addKeyboardShortcuts() {
    return {
      'Mod-k': () => (this.options.openLink(), true),
      'Alt-F10': () => {
        const toolbar = this.editor.view.dom.closest('.paper-editor')?.querySelector('.toolbar')
        toolbar?.querySelector<HTMLElement>('[tabindex="0"]')?.focus()
        return toolbar !== null && toolbar !== undefined
      },
    }
  },
})

/** The collaborative body of a paper: Tiptap bound to the room's Y.Doc and its awareness. */
export function PaperEditor(props: {
  session: RoomSession
  user: AwarenessUser
  editable: boolean
  language: string
  title: string
  onWords(count: number): void
  /** The editor, once it exists (and null when it goes), for review actions. */
  onEditor(editor: Editor | null): void
  /** A comment highlight was clicked. */
  onActivateThread(threadId: string): void
}) {
  const { t, locale } = useI18n()
  const api = useHost()
  const { session } = props
  const [linkOpen, setLinkOpen] = useState(false)
  const openLink = useRef(() => setLinkOpen(true))
  const activateThread = useRef(props.onActivateThread)
  activateThread.current = props.onActivateThread
  const editor = useEditor(
    {
      extensions: [
        ...bodyExtensions(),
        PaperCollaboration.configure({ document: session.doc, field: BODY_FIELD }),
        CollaborationCaret.configure({
          provider: { awareness: session.awareness },
          user: props.user,
          render: renderCaret,
          selectionRender: renderSelection,
        }),
        EditorKeys.configure({ openLink: () => openLink.current() }),
        Review.configure({
          bodyDoc: session.doc,
          fragment: paperBody(session.doc),
          onActivate: (id) => activateThread.current(id),
        }),
      ],
      editable: props.editable,
      shouldRerenderOnTransaction: false,
      editorProps: { attributes: { id: 'paper-body', class: 'paper-body', spellcheck: 'true' } },
    },
    [session],
  )

  useEffect(() => {
    editor.setEditable(props.editable)
  }, [editor, props.editable])

  const { onEditor } = props
  useEffect(() => {
    onEditor(editor)
    return () => onEditor(null)
  }, [editor, onEditor])

  useEffect(() => {
    const offUndo = api.on('menu/undo', () => editor.commands.undo())
    const offRedo = api.on('menu/redo', () => editor.commands.redo())
    return () => {
      offUndo()
      offRedo()
    }
  }, [api, editor])

  useEffect(() => {
    const dom = editor.view.dom
    dom.setAttribute('aria-label', t('editor.body.label'))
    dom.setAttribute('aria-multiline', 'true')
    dom.setAttribute('role', 'textbox')
    dom.setAttribute('aria-readonly', String(!props.editable))
    dom.setAttribute('aria-describedby', props.editable ? 'editor-keys-hint' : '')
    dom.setAttribute('lang', props.language)
  }, [editor, t, props.editable, props.language])

  const { onWords } = props
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const count = () => {
      const { doc } = editor.state
      onWords(countWords(doc.textBetween(0, doc.content.size, '\n', '\n'), locale))
    }
    const later = () => {
      clearTimeout(timer)
      timer = setTimeout(count, 250)
    }
    count()
    editor.on('update', later)
    return () => {
      clearTimeout(timer)
      editor.off('update', later)
    }
  }, [editor, locale, onWords])

  return (
    <div className="paper-editor">
      {props.editable && <Toolbar editor={editor} onLink={() => setLinkOpen(true)} />}
      <p id="editor-keys-hint" className="visually-hidden">
        {t('editor.keysHint')}
      </p>
      <div className="page" lang={props.language}>
        <h1 className="page-title">{props.title}</h1>
        <EditorContent editor={editor} />
      </div>
      {linkOpen && <LinkDialog editor={editor} onClose={() => setLinkOpen(false)} />}
    </div>
  )
}
