import type { MemberSummary, MembersResponse, Result } from '../../shared/ipc/index.ts'
import type {
  ClaimResponse,
  InviteRequest,
  RoleRequest,
  TicketResponse,
  WorkspaceRequest,
} from '../../shared/protocol/admin.ts'
import type { Role } from '../../shared/protocol/index.ts'
import { ok } from './host-error.ts'
import {
  readClaim,
  readGrant,
  readInvite,
  readMemberAnswer,
  readMembers,
  readNewWorkspace,
  readTicket,
  readWorkspaceCreation,
} from './relay-answers.ts'
import { notRelay, relayCall, type RelayRequest, type RelayTransport } from './relay-http.ts'

type Workspace = { id: string; name: string }

/**
 * The relay's HTTP API (docs/relay.md, "Admin API") as the host calls it: each call checked
 * with its reader, each refusal a HostError in the user's words.
 */
export class RelayApi {
  readonly relay: string
  readonly #transport: RelayTransport
  readonly #now: () => number

  constructor(relay: string, transport: RelayTransport, now: () => number = Date.now) {
    this.relay = relay
    this.#transport = transport
    this.#now = now
  }

  /** What a token grants (`GET /invite`), an invite's or the member's own key. */
  describe(token: string, kind: RelayRequest['kind']) {
    return this.#call({ method: 'GET', path: '/invite', token, kind }, readGrant)
  }

  /** Exchanges an invite for the member's own key (`POST /invite/claim`). */
  claim(inviteToken: string): Promise<Result<ClaimResponse>> {
    return this.#call(
      { method: 'POST', path: '/invite/claim', token: inviteToken, kind: 'invite', body: {} },
      readClaim,
    )
  }

  /**
   * A connection ticket (`POST /ticket`), its expiry moved onto this computer's clock: the
   * relay's clock may be minutes off, and the page refreshes by its own.
   */
  async ticket(token: string): Promise<Result<TicketResponse>> {
    const sent = this.#now()
    const answer = await relayCall(
      this.relay,
      { method: 'POST', path: '/ticket', token, kind: 'session', body: {} },
      this.#transport,
    )
    if (!answer.ok) return answer
    const ticket = readTicket(answer.value.body)
    if (!ticket) return notRelay(this.relay)
    const relayNow = answer.value.relayNow
    // The Date header has whole seconds: the lifetime read from it is at most a second long.
    const lifetime = relayNow === null ? ticket.expiresAt - sent : ticket.expiresAt - relayNow
    return ok({ ticket: ticket.ticket, expiresAt: sent + Math.max(0, lifetime) })
  }

  members(token: string): Promise<Result<MembersResponse>> {
    return this.#call(
      { method: 'GET', path: '/admin/members', token, kind: 'session' },
      readMembers,
    )
  }

  invite(token: string, request: InviteRequest) {
    return this.#call(
      { method: 'POST', path: '/admin/invites', token, kind: 'session', body: request },
      readInvite,
    )
  }

  setRole(token: string, member: string, role: Role): Promise<Result<MemberSummary>> {
    const body: RoleRequest = { role }
    return this.#call(
      { method: 'PATCH', path: `/admin/members/${member}`, token, kind: 'session', body },
      readMemberAnswer,
    )
  }

  revoke(token: string, member: string): Promise<Result<MemberSummary>> {
    return this.#call(
      { method: 'POST', path: `/admin/members/${member}/revoke`, token, kind: 'session', body: {} },
      readMemberAnswer,
    )
  }

  /** Whether the relay lets its coordinators create workspaces (the caller must be one). */
  workspaceCreation(token: string): Promise<Result<{ allowed: boolean }>> {
    return this.#call(
      { method: 'GET', path: '/admin/workspaces', token, kind: 'session' },
      readWorkspaceCreation,
    )
  }

  createWorkspace(
    token: string,
    name: string,
  ): Promise<Result<{ workspace: Workspace; token: string }>> {
    const body: WorkspaceRequest = { name }
    return this.#call(
      { method: 'POST', path: '/admin/workspaces', token, kind: 'session', body },
      readNewWorkspace,
    )
  }

  async #call<T>(request: RelayRequest, read: (body: unknown) => T | null): Promise<Result<T>> {
    const answer = await relayCall(this.relay, request, this.#transport)
    if (!answer.ok) return answer
    const value = read(answer.value.body)
    return value === null ? notRelay(this.relay) : ok(value)
  }
}
