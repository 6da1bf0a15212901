import type { Formatters, Translate } from '../../../shared/i18n/index.ts'
import type { CreatedInvite } from '../../../shared/ipc/contract.ts'

/** "until 12 Mar 2026, 14:05" or "with no expiry", as the ready screen and the e-mail say it. */
export function expiryText(t: Translate, format: Formatters, expiresAt: number | null): string {
  return expiresAt === null
    ? t('invite.ready.noExpiry')
    : t('invite.ready.until', { date: format.dateTime(expiresAt) })
}

/**
 * The plain-language text a coordinator pastes into an e-mail: who invites whom, into which
 * workspace and role, what to do with the link, and that it must not be passed on.
 */
export function inviteEmail(
  t: Translate,
  format: Formatters,
  invite: CreatedInvite,
  context: { workspace: string; sender: string },
): string {
  const { member } = invite
  return t('invite.email.text', {
    name: member.name,
    workspace: context.workspace,
    role: t(`role.${member.role}`).toLocaleLowerCase(),
    organisation: member.organisation,
    description: t(`role.${member.role}.description`),
    link: invite.link,
    expiry: expiryText(t, format, member.inviteExpiresAt),
    sender: context.sender,
  })
}
