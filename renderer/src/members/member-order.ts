import type { MemberSummary } from '../../../shared/ipc/contract.ts'
import type { Role } from '../../../shared/protocol/index.ts'

const ROLE_ORDER: Record<Role, number> = { coordinator: 0, editor: 1, reviewer: 2 }
const STATUS_ORDER: Record<MemberSummary['status'], number> = { active: 0, invited: 1, revoked: 2 }

/**
 * The list as a coordinator reads it: the people who are in (coordinators first, then editors,
 * reviewers), then the invites still out, then those revoked; by name within each.
 */
export function orderMembers(members: readonly MemberSummary[], locale: string): MemberSummary[] {
  const byName = new Intl.Collator(locale, { sensitivity: 'base' })
  return [...members].sort(
    (a, b) =>
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      ROLE_ORDER[a.role] - ROLE_ORDER[b.role] ||
      byName.compare(a.name, b.name) ||
      a.id.localeCompare(b.id),
  )
}

/** The organisations already in the workspace, for the invite form to suggest: each once. */
export function organisationSuggestions(
  members: readonly MemberSummary[],
  locale: string,
): string[] {
  const seen = new Map<string, string>()
  for (const { organisation } of members) {
    const name = organisation.trim()
    const key = name.toLocaleLowerCase(locale)
    if (name !== '' && !seen.has(key)) seen.set(key, name)
  }
  return [...seen.values()].sort(new Intl.Collator(locale).compare)
}

/** An unclaimed invite whose time has run out: listed, but no longer usable. */
export function inviteExpired(member: MemberSummary, now: number): boolean {
  return (
    member.status === 'invited' && member.inviteExpiresAt !== null && member.inviteExpiresAt <= now
  )
}
