import { useEffect, useMemo, useRef, useState } from 'react'
import type { CreatedInvite, WorkspaceEntry } from '../../../shared/ipc/contract.ts'
import { useI18n } from '../i18n/I18nContext.tsx'
import { ErrorNotice } from '../ui/ErrorNotice.tsx'
import { Icon } from '../ui/Icon.tsx'
import { useNow } from '../ui/use-now.ts'
import { useReturnFocus } from '../ui/use-return-focus.ts'
import type { Identity } from '../workspace/identity.ts'
import { useWriteBlock } from '../workspace/write-block.ts'
import { InviteForm } from './InviteForm.tsx'
import { InviteReady } from './InviteReady.tsx'
import { MemberRow } from './MemberRow.tsx'
import { orderMembers, organisationSuggestions } from './member-order.ts'
import { useMembers } from './use-members.ts'

type View = { kind: 'list' } | { kind: 'invite' } | { kind: 'ready'; invite: CreatedInvite }

/**
 * Who is in the workspace, from which organisation, in which role. A coordinator invites people
 * from here, changes their roles and revokes their access; everyone else reads the list.
 */
export function MembersDialog(props: {
  entry: WorkspaceEntry
  identity: Identity
  /** Open on the invite form (the editor's Share button). */
  startWithInvite: boolean
  onClose(): void
}) {
  const { t, locale } = useI18n()
  const dialog = useRef<HTMLDialogElement>(null)
  const inviteButton = useRef<HTMLButtonElement>(null)
  useReturnFocus()
  const block = useWriteBlock()
  const members = useMembers(props.entry.id)
  const manage = props.identity.role === 'coordinator' && block === null
  const [view, setView] = useState<View>({
    kind: manage && props.startWithInvite ? 'invite' : 'list',
  })
  const [message, setMessage] = useState<string | null>(null)
  const now = useNow(60_000)

  useEffect(() => {
    const element = dialog.current
    if (element !== null && !element.open) element.showModal()
  }, [])
  // A coordinator demoted meanwhile has no invite form to finish.
  useEffect(() => {
    if (!manage && view.kind !== 'list') setView({ kind: 'list' })
  }, [manage, view.kind])

  const all = members.list?.members
  const ordered = useMemo(() => orderMembers(all ?? [], locale), [all, locale])
  const revoked = ordered.filter((member) => member.status === 'revoked')
  const backToList = () => {
    setView({ kind: 'list' })
    requestAnimationFrame(() => inviteButton.current?.focus())
  }

  return (
    <dialog
      ref={dialog}
      className="dialog members-dialog"
      aria-labelledby="members-title"
      onClose={props.onClose}
    >
      <button
        type="button"
        className="btn btn-quiet icon-button dialog-close"
        aria-label={t('members.close')}
        title={t('members.close')}
        onClick={() => dialog.current?.close()}
      >
        <Icon name="close" />
      </button>
      {view.kind === 'invite' && (
        <InviteForm
          workspace={props.entry.name}
          organisations={organisationSuggestions(all ?? [], locale)}
          members={members}
          onCreated={(invite) => setView({ kind: 'ready', invite })}
          onCancel={backToList}
        />
      )}
      {view.kind === 'ready' && (
        <InviteReady
          invite={view.invite}
          workspace={props.entry.name}
          sender={props.identity.name}
          onAnother={() => setView({ kind: 'invite' })}
          onDone={backToList}
        />
      )}
      {view.kind === 'list' && (
        <section className="members-list-view" aria-labelledby="members-title">
          <h2 id="members-title" className="dialog-title">
            {t('members.title', { workspace: props.entry.name })}
          </h2>
          <div className="members-toolbar">
            <p className="muted">
              {all ? t('members.count', { count: all.length - revoked.length }) : ''}
            </p>
            {manage && (
              <button
                ref={inviteButton}
                type="button"
                className="btn btn-primary btn-small"
                autoFocus
                onClick={() => setView({ kind: 'invite' })}
              >
                <Icon name="plus" size={16} />
                {t('members.invite')}
              </button>
            )}
          </div>
          {!manage && <p className="field-hint">{t('members.readOnly')}</p>}
          <p className="members-message" role="status">
            {message}
          </p>
          {members.error && (
            <div className="members-error">
              <ErrorNotice error={members.error} />
              <button
                type="button"
                className="btn btn-secondary btn-small"
                onClick={members.reload}
              >
                {t('members.retry')}
              </button>
            </div>
          )}
          {members.loading && all === undefined && (
            <p className="loading" role="status">
              <span className="spinner" aria-hidden="true" />
              {t('members.loading')}
            </p>
          )}
          {all && (
            <ul className="member-list">
              {ordered.map((member) => (
                <MemberRow
                  key={member.id}
                  member={member}
                  self={member.id === props.identity.memberId}
                  manage={manage}
                  members={members}
                  now={now}
                  onDone={setMessage}
                />
              ))}
            </ul>
          )}
        </section>
      )}
    </dialog>
  )
}
