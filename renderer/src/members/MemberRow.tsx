import { useEffect, useRef, useState } from 'react'
import type { MemberSummary } from '../../../shared/ipc/contract.ts'
import { ROLES, type Role } from '../../../shared/protocol/index.ts'
import type { UiError } from '../host/host.ts'
import { useI18n } from '../i18n/I18nContext.tsx'
import { memberColor } from '../sync/member-color.ts'
import { Avatar } from '../ui/Avatar.tsx'
import { errorText } from '../ui/error-text.ts'
import { inviteExpired } from './member-order.ts'
import type { Members } from './use-members.ts'

type Pending = { kind: 'role'; role: Role } | { kind: 'revoke' } | null

/**
 * One member: who, from where, their role (a choice for coordinators), whether they are in, and
 * revoking with a confirmation that names them.
 */
export function MemberRow(props: {
  member: MemberSummary
  self: boolean
  /** The viewer may change roles and revoke (a coordinator whose access is intact). */
  manage: boolean
  members: Members
  now: number
  onDone(message: string): void
}) {
  const { t, format } = useI18n()
  const { member, manage } = props
  const [asking, setAsking] = useState<Pending>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<UiError | null>(null)
  const row = useRef<HTMLLIElement>(null)
  const revokeButton = useRef<HTMLButtonElement>(null)
  const select = useRef<HTMLSelectElement>(null)
  const roleName = (role: Role) => t(`role.${role}`)

  const changeRole = async (role: Role) => {
    setAsking(null)
    setBusy(true)
    setError(null)
    const result = await props.members.setRole(member.id, role)
    setBusy(false)
    if (!result.ok) setError(result.error)
    else props.onDone(t('members.role.changed', { name: member.name, role: roleName(role) }))
    requestAnimationFrame(() => select.current?.focus())
  }
  const revoke = async () => {
    setBusy(true)
    setError(null)
    const result = await props.members.revoke(member.id)
    setBusy(false)
    setAsking(null)
    if (!result.ok) {
      setError(result.error)
      requestAnimationFrame(() => revokeButton.current?.focus())
      return
    }
    props.onDone(t('members.revoked', { name: member.name }))
    // The button is gone with the access: the row keeps focus, and says revoked.
    requestAnimationFrame(() => row.current?.focus())
  }
  const cancel = () => {
    const wasRevoke = asking?.kind === 'revoke'
    setAsking(null)
    requestAnimationFrame(() => (wasRevoke ? revokeButton.current : select.current)?.focus())
  }

  const editable = manage && member.status !== 'revoked'
  const status = statusLine()
  return (
    <li
      ref={row}
      tabIndex={-1}
      className={`member-row member-${member.status}`}
      data-member={member.name}
      aria-label={`${member.name}, ${member.organisation}`}
    >
      <Avatar name={member.name} color={memberColor(member.id)} />
      <div className="member-who">
        <p className="member-name">
          {member.name}
          {props.self && <span className="member-you"> ({t('members.you')})</span>}
        </p>
        <p className="member-org">{member.organisation}</p>
      </div>
      <div className="member-role">
        {editable ? (
          <select
            ref={select}
            className="input input-small"
            aria-label={t('members.role.label', { name: member.name })}
            value={asking?.kind === 'role' ? asking.role : member.role}
            disabled={busy}
            onChange={(event) => {
              const role = event.target.value as Role
              if (props.self && member.role === 'coordinator' && role !== 'coordinator') {
                setAsking({ kind: 'role', role })
              } else void changeRole(role)
            }}
          >
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {roleName(role)}
              </option>
            ))}
          </select>
        ) : (
          <span className={`role-badge role-${member.role}`}>{roleName(member.role)}</span>
        )}
      </div>
      <div className="member-status">
        <span className={`status-chip status-${member.status}`}>
          {t(`members.status.${member.status}`)}
        </span>
        <span className="member-detail">{status}</span>
      </div>
      <div className="member-actions">
        {editable && !props.self && (
          <button
            ref={revokeButton}
            type="button"
            className="btn btn-small btn-quiet btn-danger-text"
            aria-label={t('members.revoke.label', { name: member.name })}
            disabled={busy}
            onClick={() => setAsking({ kind: 'revoke' })}
          >
            {t('members.revoke')}
          </button>
        )}
      </div>
      {busy && asking === null && (
        <p className="member-busy" role="status">
          <span className="spinner" aria-hidden="true" />
          {t('members.role.changing')}
        </p>
      )}
      {asking !== null && (
        <Confirm
          asking={asking}
          member={member}
          busy={busy}
          onConfirm={() =>
            asking.kind === 'revoke' ? void revoke() : void changeRole(asking.role)
          }
          onCancel={cancel}
        />
      )}
      {error !== null && (
        <p className="member-error field-error" role="alert">
          {(() => {
            const text = errorText(t, error)
            return t('members.failed', { title: text.title, body: text.body })
          })()}
        </p>
      )}
    </li>
  )

  function statusLine(): string {
    if (member.status === 'invited') {
      if (member.inviteExpiresAt === null) return t('members.inviteNoExpiry')
      const date = format.dateTime(member.inviteExpiresAt)
      return inviteExpired(member, props.now)
        ? t('members.inviteExpired', { date })
        : t('members.inviteUntil', { date })
    }
    if (member.lastSeen === null) return t('members.neverSeen')
    return t('members.lastSeen', { when: format.relative(member.lastSeen, props.now) })
  }
}

/** The question before a revocation (or stepping down as coordinator), naming the person. */
function Confirm(props: {
  asking: Exclude<Pending, null>
  member: MemberSummary
  busy: boolean
  onConfirm(): void
  onCancel(): void
}) {
  const { t } = useI18n()
  const { member, asking } = props
  const cancel = useRef<HTMLButtonElement>(null)
  // The safe answer takes focus: Enter right after opening does not revoke anyone.
  useEffect(() => cancel.current?.focus(), [])
  const id = `confirm-${member.id}`
  const revoke = asking.kind === 'revoke'
  const role = asking.kind === 'role' ? t(`role.${asking.role}`) : ''
  return (
    <div
      className="member-confirm"
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={revoke ? `${id}-body` : undefined}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return
        // Esc answers the question, not the whole dialog.
        event.preventDefault()
        event.stopPropagation()
        props.onCancel()
      }}
    >
      <p id={`${id}-title`} className="member-confirm-title">
        {revoke
          ? t('members.revoke.title', { name: member.name })
          : t('members.role.self', { role: role.toLocaleLowerCase() })}
      </p>
      {revoke && (
        <p id={`${id}-body`}>
          {t(member.status === 'invited' ? 'members.revoke.bodyInvite' : 'members.revoke.body', {
            name: member.name,
            organisation: member.organisation,
          })}
        </p>
      )}
      <div className="thread-actions">
        <button
          type="button"
          className={revoke ? 'btn btn-small btn-danger' : 'btn btn-small btn-primary'}
          disabled={props.busy}
          aria-busy={props.busy}
          onClick={props.onConfirm}
        >
          {revoke
            ? t('members.revoke.confirm')
            : t('members.role.selfConfirm', { role: role.toLocaleLowerCase() })}
        </button>
        <button
          ref={cancel}
          type="button"
          className="btn btn-small btn-quiet"
          onClick={props.onCancel}
        >
          {revoke ? t('members.revoke.cancel') : t('members.role.keep')}
        </button>
      </div>
    </div>
  )
}
