import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { CreatedInvite } from '../../../shared/ipc/contract.ts'
import { ROLES, type Role } from '../../../shared/protocol/index.ts'
import type { UiError } from '../host/host.ts'
import { useI18n } from '../i18n/I18nContext.tsx'
import { ErrorNotice } from '../ui/ErrorNotice.tsx'
import type { Members } from './use-members.ts'

/** How long a link may be used for: days, or null for no expiry. */
const EXPIRIES = [1, 7, 30, null] as const
type Expiry = (typeof EXPIRIES)[number]

/**
 * Whom to invite: their name, organisation (the workspace's own suggested), role (each with what
 * it may do) and how long the link works. The relay makes the invite; the link comes back.
 */
export function InviteForm(props: {
  workspace: string
  organisations: string[]
  members: Members
  onCreated(invite: CreatedInvite): void
  onCancel(): void
}) {
  const { t } = useI18n()
  const [name, setName] = useState('')
  const [organisation, setOrganisation] = useState('')
  const [role, setRole] = useState<Role>('editor')
  const [expiry, setExpiry] = useState<Expiry>(7)
  const [missing, setMissing] = useState<{ name: boolean; organisation: boolean } | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<UiError | null>(null)
  const nameField = useRef<HTMLInputElement>(null)
  const organisationField = useRef<HTMLInputElement>(null)
  useEffect(() => nameField.current?.focus(), [])

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const gaps = { name: name.trim() === '', organisation: organisation.trim() === '' }
    if (gaps.name || gaps.organisation) {
      setMissing(gaps)
      ;(gaps.name ? nameField : organisationField).current?.focus()
      return
    }
    setMissing(null)
    setBusy(true)
    setError(null)
    const result = await props.members.invite({
      name: name.trim(),
      organisation: organisation.trim(),
      role,
      expiresInDays: expiry,
    })
    setBusy(false)
    if (result.ok) props.onCreated(result.value)
    else setError(result.error)
  }

  return (
    <form className="invite-form" onSubmit={(event) => void submit(event)} noValidate>
      <h2 id="members-title" className="dialog-title">
        {t('invite.title', { workspace: props.workspace })}
      </h2>
      <div className="field">
        <label className="field-label" htmlFor="invite-name">
          {t('invite.name')}
        </label>
        <p className="field-hint" id="invite-name-hint">
          {t('invite.name.hint')}
        </p>
        <input
          ref={nameField}
          id="invite-name"
          className="input"
          value={name}
          autoComplete="off"
          disabled={busy}
          aria-invalid={missing?.name || undefined}
          aria-describedby={
            missing?.name ? 'invite-name-hint invite-name-missing' : 'invite-name-hint'
          }
          onChange={(event) => setName(event.target.value)}
        />
        {missing?.name && (
          <p className="field-error" id="invite-name-missing">
            {t('invite.name.missing')}
          </p>
        )}
      </div>
      <div className="field">
        <label className="field-label" htmlFor="invite-organisation">
          {t('invite.organisation')}
        </label>
        <p className="field-hint" id="invite-organisation-hint">
          {t('invite.organisation.hint')}
        </p>
        <input
          ref={organisationField}
          id="invite-organisation"
          className="input"
          list="invite-organisations"
          value={organisation}
          autoComplete="off"
          disabled={busy}
          aria-invalid={missing?.organisation || undefined}
          aria-describedby={
            missing?.organisation
              ? 'invite-organisation-hint invite-organisation-missing'
              : 'invite-organisation-hint'
          }
          onChange={(event) => setOrganisation(event.target.value)}
        />
        <datalist id="invite-organisations">
          {props.organisations.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        {missing?.organisation && (
          <p className="field-error" id="invite-organisation-missing">
            {t('invite.organisation.missing')}
          </p>
        )}
      </div>
      <fieldset className="invite-roles" disabled={busy}>
        <legend className="field-label">{t('invite.role')}</legend>
        {ROLES.map((value) => (
          <label key={value} className="invite-role">
            <input
              type="radio"
              name="invite-role"
              value={value}
              checked={role === value}
              aria-describedby={`invite-role-${value}`}
              onChange={() => setRole(value)}
            />
            <span className="invite-role-text">
              <span className="invite-role-name">{t(`role.${value}`)}</span>
              <span className="invite-role-description" id={`invite-role-${value}`}>
                {t(`role.${value}.description`)}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label className="field-label" htmlFor="invite-expiry">
          {t('invite.expiry')}
        </label>
        <select
          id="invite-expiry"
          className="input"
          value={expiry === null ? 'never' : String(expiry)}
          disabled={busy}
          aria-describedby="invite-expiry-hint"
          onChange={(event) =>
            setExpiry(
              event.target.value === 'never' ? null : (Number(event.target.value) as Expiry),
            )
          }
        >
          {EXPIRIES.map((days) => (
            <option key={String(days)} value={days === null ? 'never' : String(days)}>
              {t(days === null ? 'invite.expiry.never' : `invite.expiry.${days}`)}
            </option>
          ))}
        </select>
        <p className="field-hint" id="invite-expiry-hint">
          {t('invite.expiry.hint')}
        </p>
      </div>
      {error && <ErrorNotice error={error} />}
      {busy && (
        <p className="loading" role="status">
          <span className="spinner" aria-hidden="true" />
          {t('invite.creating')}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy} aria-busy={busy}>
          {t('invite.create')}
        </button>
        <button type="button" className="btn btn-quiet" disabled={busy} onClick={props.onCancel}>
          {t('invite.back')}
        </button>
      </div>
    </form>
  )
}
