import type { Translate } from '../../../shared/i18n/index.ts'
import type { WorkspaceEntry } from '../../../shared/ipc/contract.ts'
import { canWrite } from '../../../shared/policy/index.ts'
import type { Role, RoomKind } from '../../../shared/protocol/index.ts'
import { memberColor } from '../sync/member-color.ts'
import type { AwarenessUser } from '../sync/presence.ts'

/** Who the user is in a workspace. A local workspace (the sample) has no member: its user owns it. */
export type Identity = AwarenessUser & { role: Role; local: boolean }

export function identityOf(entry: WorkspaceEntry, t: Translate): Identity {
  const member = entry.member
  if (member === null) {
    const memberId = `local-${entry.id}`
    return {
      memberId,
      name: t('topbar.localUser'),
      organisation: t('topbar.localOrganisation'),
      color: memberColor(memberId),
      role: 'coordinator',
      local: true,
    }
  }
  return {
    memberId: member.id,
    name: member.name,
    organisation: member.organisation,
    color: memberColor(member.id),
    role: member.role,
    local: false,
  }
}

export function mayWrite(identity: Identity, kind: RoomKind): boolean {
  return canWrite(identity.role, kind)
}

/** What others see of this user: in carets and in "who is here". */
export function awarenessUser(identity: Identity): AwarenessUser {
  const { memberId, name, organisation, color } = identity
  return { memberId, name, organisation, color }
}
