import type { WorkspaceEntry } from '../../../shared/ipc/contract.ts'
import { useI18n } from '../i18n/I18nContext.tsx'
import { Avatar } from '../ui/Avatar.tsx'
import { Brand } from '../ui/Brand.tsx'
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx'
import type { Identity } from './identity.ts'
import { WorkspaceSwitcher } from './WorkspaceSwitcher.tsx'

/** Brand, the workspace, the language, and who the user is here. */
export function TopBar(props: {
  entry: WorkspaceEntry
  identity: Identity
  workspaces: WorkspaceEntry[]
  onSwitch(entry: WorkspaceEntry): void
  onJoin(): void
  /** Opens the member list; null for a workspace without a relay (it has no members). */
  onMembers: (() => void) | null
}) {
  const { t } = useI18n()
  const { identity } = props
  const role = t(`role.${identity.role}`)
  return (
    <header className="top-bar">
      <Brand />
      <span className="top-bar-divider" aria-hidden="true" />
      <WorkspaceSwitcher
        current={props.entry}
        workspaces={props.workspaces}
        onSwitch={props.onSwitch}
        onJoin={props.onJoin}
        onMembers={props.onMembers}
      />
      <div className="top-bar-end">
        <LanguageSwitch />
        <div
          className="identity"
          role="group"
          aria-label={t('topbar.identity', {
            name: identity.name,
            organisation: identity.organisation,
            role,
          })}
        >
          <Avatar name={identity.name} color={identity.color} />
          <span className="identity-text" aria-hidden="true">
            <span className="identity-name">{identity.name}</span>
            <span className="identity-org">{identity.organisation}</span>
          </span>
          {!identity.local && (
            <span className={`role-badge role-${identity.role}`} aria-hidden="true">
              {role}
            </span>
          )}
        </div>
      </div>
    </header>
  )
}
