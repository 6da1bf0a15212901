import type { Editor } from '@tiptap/core'
import { EditorContent, useEditor } from '@tiptap/react'
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import type { PaperLanguage } from '../../../shared/model/index.ts'
import { call } from '../host/host.ts'
import { useHost } from '../host/HostContext.tsx'
import { useI18n } from '../i18n/I18nContext.tsx'
import { useWriteBlock } from '../workspace/write-block.ts'
import type { AwarenessUser } from '../sync/presence.ts'
import type { RoomSession } from '../sync/room-session.ts'
import type { ColorOf } from '../sync/member-colors.ts'
import { FindBar, type FindMode } from './FindBar.tsx'
import { LinkDialog } from './LinkDialog.tsx'
import { paperExtensions } from './paper-extensions.ts'
import { isMac } from './text-tools.ts'
import { countWords } from './text-tools.ts'
import { Toolbar } from './Toolbar.tsx'

const MAC = isMac()

type Finding = { mode: FindMode; opened: number; initial: string }

/** The collaborative body of a paper: Tiptap bound to the room's Y.Doc and its awareness. */
export function PaperEditor(props: {
  session: RoomSession
  user: AwarenessUser
  colorOf: ColorOf
  editable: boolean
  language: PaperLanguage
  /** The page's title, above the text (the paper's title field, see PageTitle). */
  title: ReactNode
  onWords(count: number): void
  /** The editor, once it exists (and null when it goes), for review actions. */
  onEditor(editor: Editor | null): void
  /** A comment highlight was clicked. */
  onActivateThread(threadId: string): void
  /** Beside the page (the comments in the margin). */
  margin?: ReactNode
}) {
  const { t, locale } = useI18n()
  const api = useHost()
  const block = useWriteBlock()
  const { session } = props
  const [linkOpen, setLinkOpen] = useState(false)
  const [finding, setFinding] = useState<Finding | null>(null)
  const openLink = useRef(() => setLinkOpen(true))
  const activateThread = useRef(props.onActivateThread)
  activateThread.current = props.onActivateThread
  const colorOf = useRef(props.colorOf)
  colorOf.current = props.colorOf
  const extensions = useMemo(
    () =>
      paperExtensions({
        doc: session.doc,
        awareness: session.awareness,
        user: props.user,
        colorOf: (memberId) => colorOf.current(memberId),
        openLink: () => openLink.current(),
        onActivateThread: (id) => activateThread.current(id),
      }),
    // The editor is made once per session: a later render does not remake its extensions.
    [session],
  )
  const editor = useEditor(
    {
      extensions,
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

  // Ctrl/⌘+F finds and Ctrl/⌘+H replaces wherever the focus is on the paper's screen.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const command = MAC ? event.metaKey : event.ctrlKey
      if (!command || event.altKey || event.shiftKey) return
      const mode = event.code === 'KeyF' ? 'find' : event.code === 'KeyH' ? 'replace' : null
      if (mode === null) return
      event.preventDefault()
      const initial = selectedWords(editor)
      setFinding((open) => ({
        mode,
        opened: (open?.opened ?? 0) + 1,
        initial: initial ?? '',
      }))
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [editor])

  useEffect(() => {
    const dom = editor.view.dom
    dom.setAttribute('aria-label', t('editor.body.label'))
    dom.setAttribute('aria-multiline', 'true')
    dom.setAttribute('role', 'textbox')
    dom.setAttribute('aria-readonly', String(!props.editable))
    // Read only because access was revoked: the text says why.
    dom.setAttribute(
      'aria-describedby',
      props.editable ? 'editor-keys-hint' : (block?.reasonId ?? ''),
    )
    // The spell checker follows the paper's language (and the host sets its dictionaries).
    dom.setAttribute('lang', props.language)
    dom.setAttribute('spellcheck', String(props.editable))
  }, [editor, t, props.editable, props.language, block])

  // The host checks spelling in the paper's language (Electron's spell checker is per session).
  useEffect(() => {
    void call(api, 'spelling/language', { language: props.language })
  }, [api, props.language])

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

  const openFind = () =>
    setFinding((open) => ({
      mode: 'find',
      opened: (open?.opened ?? 0) + 1,
      initial: selectedWords(editor) ?? '',
    }))

  return (
    <div className={props.margin === undefined ? 'paper-editor' : 'paper-editor with-margin'}>
      {props.editable && (
        <Toolbar editor={editor} onLink={() => setLinkOpen(true)} onFind={openFind} />
      )}
      {finding !== null && (
        <FindBar
          editor={editor}
          mode={finding.mode}
          opened={finding.opened}
          initial={finding.initial}
          editable={props.editable}
          onMode={(mode) => setFinding({ ...finding, mode, opened: finding.opened + 1 })}
          onClose={() => setFinding(null)}
        />
      )}
      <p id="editor-keys-hint" className="visually-hidden">
        {t('editor.keysHint')}
      </p>
      <div className="page-row">
        <div className="page" lang={props.language}>
          <div className="page-title-block">{props.title}</div>
          <EditorContent editor={editor} />
        </div>
        {props.margin}
      </div>
      {linkOpen && <LinkDialog editor={editor} onClose={() => setLinkOpen(false)} />}
    </div>
  )
}

/** The selected text, to search for, when it is a few words on one line. */
function selectedWords(editor: Editor): string | null {
  const { from, to, empty } = editor.state.selection
  if (empty) return null
  const text = editor.state.doc.textBetween(from, to, '\n')
  return text.length <= 200 && !text.includes('\n') ? text : null
}
