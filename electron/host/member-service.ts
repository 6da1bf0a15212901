import type {
  CreatedInvite,
  HostError,
  InviteFields,
  MemberSummary,
  MembersResponse,
  Result,
} from '../../shared/ipc/index.ts'
import { formatInviteLink, type Role } from '../../shared/protocol/index.ts'
import { ok } from './host-error.ts'
import type { HostLog } from './host-log.ts'
import type { WorkspaceService } from './workspace-service.ts'

/**
 * Who is in a workspace, and the coordinator's changes to it, through the relay's admin API
 * with the key this computer holds. The relay decides who may do what; the host only asks.
 */
export class MemberService {
  readonly #workspaces: WorkspaceService
  readonly #log: HostLog

  constructor(workspaces: WorkspaceService, log: HostLog) {
    this.#workspaces = workspaces
    this.#log = log
  }

  async list(workspace: string): Promise<Result<MembersResponse>> {
    const keyed = this.#workspaces.keyed(workspace)
    if (!keyed.ok) return keyed
    return keyed.value.api.members(keyed.value.token)
  }

  /** A new member and the link to send them; the link's token is never written to the log. */
  async invite(fields: InviteFields): Promise<Result<CreatedInvite>> {
    const keyed = this.#workspaces.keyed(fields.workspace)
    if (!keyed.ok) return keyed
    const { api, token, entry } = keyed.value
    const name = fields.name.trim()
    const invited = await api.invite(token, {
      name,
      organisation: fields.organisation.trim(),
      role: fields.role,
      expiresInDays: fields.expiresInDays,
      singleUse: true,
    })
    if (!invited.ok) return this.#refused('invite', fields.workspace, invited)
    this.#log.addSecret(invited.value.token)
    const link = formatInviteLink({
      relay: entry.relay,
      workspace: entry.id,
      token: invited.value.token,
      name,
    })
    this.#log.write('info', 'invited a member', {
      workspace: entry.id,
      member: invited.value.member.id,
      role: fields.role,
    })
    return ok({ member: invited.value.member, link })
  }

  async setRole(workspace: string, member: string, role: Role): Promise<Result<MemberSummary>> {
    const keyed = this.#workspaces.keyed(workspace)
    if (!keyed.ok) return keyed
    const changed = await keyed.value.api.setRole(keyed.value.token, member, role)
    if (!changed.ok) return this.#refused('role change', workspace, changed)
    const { id, name, organisation } = changed.value
    // The coordinator's own role: the library shows it before the next ticket says so.
    this.#workspaces.updateMember(workspace, { id, name, organisation, role: changed.value.role })
    this.#log.write('info', 'changed a role', { workspace, member, role })
    return changed
  }

  async revoke(workspace: string, member: string): Promise<Result<MemberSummary>> {
    const keyed = this.#workspaces.keyed(workspace)
    if (!keyed.ok) return keyed
    const revoked = await keyed.value.api.revoke(keyed.value.token, member)
    if (!revoked.ok) return this.#refused('revocation', workspace, revoked)
    this.#log.write('info', 'revoked a member', { workspace, member })
    return revoked
  }

  #refused(what: string, workspace: string, result: { ok: false; error: HostError }) {
    this.#log.write('warn', `${what} refused`, { workspace, code: result.error.code })
    return result
  }
}
