import type { Role } from './roles.ts'

/**
 * The relay's HTTP API beside the WebSocket rooms, on the same origin (docs/relay.md, "Admin
 * API"). Every call carries `Authorization: Bearer <token>`; JSON in, JSON out; errors are
 * `ApiError` with an HTTP status. The app's host calls it (the token never reaches the page).
 */

/** A member of the workspace as the member list shows them. */
export type MemberSummary = {
  id: string
  name: string
  organisation: string
  role: Role
  /** invited: the invite was not claimed yet; active: claimed (or an old-style token); revoked. */
  status: 'invited' | 'active' | 'revoked'
  /** Epoch ms of their last connection to the relay, null when never. */
  lastSeen: number | null
  createdAt: number
  /** For an invited member: when the invite stops working (null: never). */
  inviteExpiresAt: number | null
}

/** `GET /admin/members` (any member: the list is read-only for editors and reviewers). */
export type MembersResponse = { workspace: { id: string; name: string }; members: MemberSummary[] }

/** `POST /admin/invites` (coordinators). */
export type InviteRequest = {
  name: string
  organisation: string
  role: Role
  /** Days until the invite expires; null or absent: it does not expire. */
  expiresInDays?: number | null
  /** Claimable once (the default) or by several devices until it expires or is revoked. */
  singleUse?: boolean
}

/** The new member, and the invite token the link carries (shown once; the relay keeps a hash). */
export type InviteResponse = { member: MemberSummary; token: string }

/** `PATCH /admin/members/<id>` (coordinators): a new role, effective at once on open sockets. */
export type RoleRequest = { role: Role }

/** `POST /admin/members/<id>/revoke` (coordinators): revokes a member or an unclaimed invite. */
export type RevokeResponse = { member: MemberSummary }

/**
 * `POST /invite/claim` with the invite token: exchanges it for the member's own session token,
 * which the app stores; a single-use invite works once.
 */
export type ClaimResponse = {
  token: string
  workspace: { id: string; name: string }
  member: { id: string; name: string; organisation: string; role: Role }
}

/**
 * `POST /ticket` with the session token: a short-lived ticket the page connects with
 * (`?ticket=`), so the long-lived token stays in the host.
 */
export type TicketResponse = { ticket: string; expiresAt: number }

/**
 * `POST /admin/workspaces` (a coordinator of any workspace, when the relay runs with
 * `--allow-workspace-creation`): a new workspace and an invite that makes the caller its first
 * coordinator.
 */
export type WorkspaceRequest = { name: string }
/** `GET /admin/workspaces`: whether this relay lets its coordinators create workspaces. */
export type WorkspaceCreationResponse = { allowed: boolean }
export type WorkspaceResponse = { workspace: { id: string; name: string }; token: string }

/** Why a token or request was refused; `error` is stable, `message` is for people (English). */
export type ApiErrorCode =
  | 'unknown-token'
  | 'expired'
  | 'used'
  | 'revoked'
  | 'forbidden'
  | 'not-found'
  | 'last-coordinator'
  | 'invalid'
  | 'disabled'

export type ApiError = { error: ApiErrorCode; message: string }

/** Relay -> client, on every socket of a member whose role or details changed (type 101). */
export const messageMember = 101

/** What message 101 carries, as JSON. */
export type MemberUpdate = { id: string; name: string; organisation: string; role: Role }

/** URL query parameter for connecting with a ticket instead of a token. */
export const TICKET_PARAM = 'ticket'
