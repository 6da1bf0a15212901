import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { WorkspaceEntry } from '../../../shared/ipc/contract.ts'
import { LIMITS } from '../../../shared/ipc/validate.ts'
import { call, type UiError } from '../host/host.ts'
import { useHost } from '../host/HostContext.tsx'
import { useI18n } from '../i18n/I18nContext.tsx'
import { ErrorNotice } from '../ui/ErrorNotice.tsx'
import { useReturnFocus } from '../ui/use-return-focus.ts'

/**
 * A further workspace on the relay of the one open, made by its coordinator from the app (the
 * relay's operator must allow it); the user joins it at once as its first coordinator. Enter
 * creates, Escape closes; a refusal keeps the name typed so nothing has to be typed again. The
 * relay is asked first whether it allows it, so nobody types a name for nothing; a relay that
 * cannot say (an older one) is asked when the name is sent.
 */
export function NewWorkspaceDialog(props: {
  from: WorkspaceEntry
  onCreated(entry: WorkspaceEntry): void
  onClose(): void
}) {
  const { t } = useI18n()
  const api = useHost()
  const dialog = useRef<HTMLDialogElement>(null)
  const field = useRef<HTMLInputElement>(null)
  const cancel = useRef<HTMLButtonElement>(null)
  useReturnFocus()
  const [name, setName] = useState('')
  const [missing, setMissing] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<UiError | null>(null)
  // Until the relay answers, the form works as if allowed: the answer only ever takes it away.
  const [disallowed, setDisallowed] = useState(false)

  useEffect(() => {
    let current = true
    void call(api, 'workspaces/can-create', { from: props.from.id }).then((answer) => {
      if (!current || !answer.ok || answer.value.allowed) return
      setDisallowed(true)
      setError({ code: 'creation-disabled', message: '' })
    })
    return () => {
      current = false
    }
  }, [api, props.from.id])
  // Nothing to type: the way out takes the focus.
  useEffect(() => {
    if (disallowed) cancel.current?.focus()
  }, [disallowed])

  useEffect(() => {
    const element = dialog.current
    if (element !== null && !element.open) element.showModal()
    field.current?.focus()
  }, [])
  // The field is disabled while the relay is asked, which drops its focus: give it back.
  useEffect(() => {
    if (!busy && !disallowed) field.current?.focus()
  }, [busy, disallowed])

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (busy || disallowed) return
    if (name.trim() === '') {
      setMissing(true)
      field.current?.focus()
      return
    }
    setBusy(true)
    setError(null)
    const result = await call(api, 'workspaces/create', { from: props.from.id, name: name.trim() })
    if (result.ok) return props.onCreated(result.value)
    setBusy(false)
    setError(result.error)
  }

  return (
    <dialog
      ref={dialog}
      className="dialog new-workspace-dialog"
      aria-labelledby="new-workspace-title"
      aria-describedby="new-workspace-lead"
      onClose={props.onClose}
      onCancel={(event) => {
        // The relay may already have made it: closing now would hide where it went.
        if (busy) event.preventDefault()
      }}
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <h2 id="new-workspace-title" className="dialog-title">
          {t('workspace.create.title')}
        </h2>
        <p className="field-hint" id="new-workspace-lead">
          {t('workspace.create.lead', {
            workspace: props.from.name,
            relay: props.from.relay ?? '',
          })}
        </p>
        <div className="field">
          <label className="field-label" htmlFor="new-workspace-name">
            {t('workspace.create.name')}
          </label>
          <input
            ref={field}
            id="new-workspace-name"
            className="input"
            value={name}
            maxLength={LIMITS.nameChars}
            autoComplete="off"
            spellCheck={false}
            disabled={busy || disallowed}
            aria-invalid={missing || undefined}
            aria-describedby={missing ? 'new-workspace-missing' : undefined}
            onChange={(event) => {
              setName(event.target.value)
              setMissing(false)
            }}
          />
          {missing && (
            <p className="field-error" id="new-workspace-missing">
              {t('workspace.create.missing')}
            </p>
          )}
        </div>
        {error && <ErrorNotice error={error} />}
        {busy && (
          <p className="loading" role="status">
            <span className="spinner" aria-hidden="true" />
            {t('workspace.create.creating')}
          </p>
        )}
        <div className="actions">
          <button
            type="submit"
            className="btn btn-primary"
            disabled={busy || disallowed}
            aria-busy={busy}
          >
            {t('workspace.create.submit')}
          </button>
          <button
            ref={cancel}
            type="button"
            className="btn btn-quiet"
            disabled={busy}
            onClick={() => dialog.current?.close()}
          >
            {t('workspace.create.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  )
}
