import type { Ref } from 'react'
import type { InvitePreview } from '../../../shared/ipc/contract.ts'
import { useI18n } from '../i18n/I18nContext.tsx'
import { memberColor } from '../sync/member-color.ts'
import { Avatar } from '../ui/Avatar.tsx'
import { Icon } from '../ui/Icon.tsx'

/** What an invite grants, laid out so the user can decide before joining. */
export function InviteSummary(props: {
  ref: Ref<HTMLDivElement>
  preview: InvitePreview
  joining: boolean
  onJoin(): void
  onCancel(): void
}) {
  const { t } = useI18n()
  const { workspace, relay, member } = props.preview
  return (
    <section
      className="invite-summary"
      aria-labelledby="invite-summary-title"
      ref={props.ref}
      tabIndex={-1}
    >
      <h2 id="invite-summary-title" className="section-title">
        {t('join.preview.title')}
      </h2>
      <p className="invite-workspace">{workspace.name}</p>
      <dl className="facts">
        <div>
          <dt>{t('join.preview.name')}</dt>
          <dd className="fact-person">
            <Avatar name={member.name} color={memberColor(member.id)} size="small" />
            {member.name}
          </dd>
        </div>
        <div>
          <dt>{t('join.preview.organisation')}</dt>
          <dd>{member.organisation}</dd>
        </div>
        <div>
          <dt>{t('join.preview.role')}</dt>
          <dd>
            <span className={`role-badge role-${member.role}`}>{t(`role.${member.role}`)}</span>
            <span className="fact-note">{t(`role.${member.role}.description`)}</span>
          </dd>
        </div>
        <div>
          <dt>{t('join.preview.relay')}</dt>
          <dd>
            <code>{relay}</code>
          </dd>
        </div>
      </dl>
      {props.preview.insecure ? (
        <p className="invite-note invite-insecure" role="note">
          <Icon name="unlock" size={16} />
          {t('join.insecure.note')}
        </p>
      ) : (
        <p className="invite-note">
          <Icon name="lock" size={16} />
          {t('join.relayNote')}
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className="btn btn-primary"
          onClick={props.onJoin}
          disabled={props.joining}
          aria-busy={props.joining}
        >
          {props.joining
            ? t('join.joining')
            : t(props.preview.insecure ? 'join.confirmInsecure' : 'join.confirm', {
                workspace: workspace.name,
              })}
        </button>
        <button type="button" className="btn btn-secondary" onClick={props.onCancel}>
          {t('join.cancel')}
        </button>
      </div>
    </section>
  )
}
