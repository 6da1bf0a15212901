import type { Editor } from '@tiptap/core'
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useI18n } from '../i18n/I18nContext.tsx'
import { normalizeLink } from './text-tools.ts'

/** A modal dialog for the link at the selection: set, change or remove it. Esc cancels. */
export function LinkDialog(props: { editor: Editor; onClose(): void }) {
  const { t } = useI18n()
  const { editor, onClose } = props
  const dialog = useRef<HTMLDialogElement>(null)
  const existing = (editor.getAttributes('link')['href'] as string | undefined) ?? ''
  const [url, setUrl] = useState(existing)
  const [invalid, setInvalid] = useState(false)

  useEffect(() => {
    const element = dialog.current
    if (element && !element.open) element.showModal()
    return () => element?.close()
  }, [])

  const close = () => {
    onClose()
    editor.commands.focus()
  }

  const apply = (event: FormEvent) => {
    event.preventDefault()
    const href = normalizeLink(url)
    if (href === null) return setInvalid(true)
    const chain = editor.chain().focus().extendMarkRange('link')
    if (editor.state.selection.empty && existing === '') {
      chain.insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] })
    } else {
      chain.setLink({ href })
    }
    chain.run()
    onClose()
  }

  const remove = () => {
    editor.chain().focus().extendMarkRange('link').unsetLink().run()
    onClose()
  }

  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby="link-dialog-title"
      onCancel={(event) => {
        event.preventDefault()
        close()
      }}
    >
      <form onSubmit={apply} noValidate>
        <h2 id="link-dialog-title" className="dialog-title">
          {t('link.title')}
        </h2>
        <label htmlFor="link-url" className="field-label">
          {t('link.url')}
        </label>
        <input
          id="link-url"
          className="input"
          type="url"
          inputMode="url"
          autoFocus
          value={url}
          placeholder="https://"
          aria-invalid={invalid}
          aria-describedby={invalid ? 'link-error' : undefined}
          onChange={(event) => {
            setUrl(event.target.value)
            setInvalid(false)
          }}
        />
        {invalid && (
          <p id="link-error" className="field-error" role="alert">
            {t('link.invalid')}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="btn btn-primary">
            {t('link.apply')}
          </button>
          {existing !== '' && (
            <button type="button" className="btn btn-secondary" onClick={remove}>
              {t('link.remove')}
            </button>
          )}
          <button type="button" className="btn btn-quiet" onClick={close}>
            {t('link.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  )
}
