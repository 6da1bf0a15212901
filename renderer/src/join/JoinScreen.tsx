import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { InvitePreview, WorkspaceEntry } from '../../../shared/ipc/contract.ts'
import { parseInviteLink } from '../../../shared/protocol/index.ts'
import { call, type UiError } from '../host/host.ts'
import { useHost } from '../host/HostContext.tsx'
import { useI18n } from '../i18n/I18nContext.tsx'
import { ErrorNotice } from '../ui/ErrorNotice.tsx'
import { InsecureRelay } from './InsecureRelay.tsx'
import { InviteSummary } from './InviteSummary.tsx'

type Phase = 'idle' | 'checking' | 'insecure' | 'preview' | 'joining'

/** Paste an invite (or arrive with one), see what it grants, then join. */
export function JoinScreen(props: {
  initialLink: string
  onJoined(entry: WorkspaceEntry): void
  onCancel(): void
}) {
  const { t } = useI18n()
  const api = useHost()
  const [link, setLink] = useState(props.initialLink)
  const [phase, setPhase] = useState<Phase>('idle')
  const [preview, setPreview] = useState<InvitePreview | null>(null)
  const [error, setError] = useState<UiError | null>(null)
  const summaryRef = useRef<HTMLDivElement>(null)

  const warning = useRef<HTMLElement>(null)

  /** `allowInsecure`: the user read that the relay is not encrypted and goes on anyway. */
  const check = async (candidate: string, allowInsecure = false) => {
    const trimmed = candidate.trim()
    setPreview(null)
    setError(null)
    if (parseInviteLink(trimmed) === null) {
      setError({ code: 'invalid-invite', message: '' })
      return
    }
    setPhase('checking')
    const result = await call(api, 'workspaces/preview-invite', { link: trimmed, allowInsecure })
    if (result.ok) {
      setPreview(result.value)
      setPhase('preview')
    } else if (result.error.code === 'insecure-relay') {
      setPhase('insecure')
    } else {
      setError(result.error)
      setPhase('idle')
    }
  }

  const join = async () => {
    setPhase('joining')
    const result = await call(api, 'workspaces/join', {
      link: link.trim(),
      allowInsecure: preview?.insecure === true,
    })
    if (result.ok) return props.onJoined(result.value)
    setError(result.error)
    setPhase('preview')
  }

  useEffect(() => {
    // Only the link the screen opened with is checked by itself (the screen is keyed by it);
    // a typed or pasted one is checked on submit.
    if (props.initialLink !== '') void check(props.initialLink)
  }, [props.initialLink])

  useEffect(() => {
    if (preview !== null) summaryRef.current?.focus()
  }, [preview])
  useEffect(() => {
    if (phase === 'insecure') warning.current?.focus()
  }, [phase])

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    void check(link)
  }

  const busy = phase === 'checking' || phase === 'joining'
  return (
    <div className="join">
      <h1>{t('join.title')}</h1>
      <p className="lead">{t('join.lead')}</p>
      <form className="join-form" onSubmit={onSubmit} noValidate>
        <label htmlFor="invite-link" className="field-label">
          {t('join.link.label')}
        </label>
        <p id="invite-hint" className="field-hint">
          {t('join.link.hint')}
        </p>
        <textarea
          id="invite-link"
          className="input input-mono"
          rows={3}
          value={link}
          spellCheck={false}
          autoFocus={props.initialLink === ''}
          aria-describedby={error ? 'invite-hint join-error' : 'invite-hint'}
          aria-invalid={error !== null}
          onChange={(event) => {
            setLink(event.target.value)
            setPreview(null)
            setPhase('idle')
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey) onSubmit(event)
          }}
        />
        {error && <ErrorNotice error={error} id="join-error" />}
        {preview === null && phase !== 'insecure' && (
          <div className="actions">
            <button type="submit" className="btn btn-primary" disabled={busy || link.trim() === ''}>
              {phase === 'checking' ? t('join.checking') : t('join.check')}
            </button>
            <button type="button" className="btn btn-secondary" onClick={props.onCancel}>
              {t('join.cancel')}
            </button>
          </div>
        )}
      </form>
      {phase === 'insecure' && (
        <InsecureRelay
          ref={warning}
          relay={parseInviteLink(link.trim())?.relay ?? ''}
          onGoOn={() => void check(link, true)}
          onCancel={props.onCancel}
        />
      )}
      {preview && (
        <InviteSummary
          ref={summaryRef}
          preview={preview}
          joining={phase === 'joining'}
          onJoin={() => void join()}
          onCancel={props.onCancel}
        />
      )}
    </div>
  )
}
