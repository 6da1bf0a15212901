import { isPlainObject, type MemberIdentity } from '../../shared/ipc/index.ts'
import type {
  ClaimResponse,
  MemberSummary,
  MembersResponse,
  TicketResponse,
} from '../../shared/protocol/admin.ts'
import { isRole, isValidId } from '../../shared/protocol/index.ts'

// Readers of the relay's answers: the host passes on only what it checked, so a relay that is
// not Samstemt's (or a newer one) cannot put other shapes in front of the renderer.

type Workspace = { id: string; name: string }

const MAX_MEMBERS = 10_000
const TOKEN = /^[A-Za-z0-9_-]{16,256}$/

function text(value: unknown, max = 200): value is string {
  return typeof value === 'string' && value.length <= max
}

function time(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
}

export function readWorkspace(value: unknown): Workspace | null {
  if (!isPlainObject(value) || !text(value.id) || !isValidId(value.id) || !text(value.name)) {
    return null
  }
  return { id: value.id, name: value.name }
}

export function readIdentity(value: unknown): MemberIdentity | null {
  if (!isPlainObject(value)) return null
  const { id, name, organisation, role } = value
  if (!text(id) || !isValidId(id) || !text(name) || !text(organisation) || !isRole(role)) {
    return null
  }
  return { id, name, organisation, role }
}

/** `GET /invite`: the workspace and who the token makes you. */
export function readGrant(body: unknown): { workspace: Workspace; member: MemberIdentity } | null {
  if (!isPlainObject(body)) return null
  const workspace = readWorkspace(body.workspace)
  const member = readIdentity(body.member)
  return workspace && member ? { workspace, member } : null
}

export function readClaim(body: unknown): ClaimResponse | null {
  const grant = readGrant(body)
  if (!grant || !isPlainObject(body) || !text(body.token, 256) || !TOKEN.test(body.token)) {
    return null
  }
  return { token: body.token, ...grant }
}

export function readTicket(body: unknown): TicketResponse | null {
  if (!isPlainObject(body) || !text(body.ticket, 512) || !/^[A-Za-z0-9._~-]+$/.test(body.ticket)) {
    return null
  }
  return time(body.expiresAt) ? { ticket: body.ticket, expiresAt: body.expiresAt } : null
}

const STATUSES: readonly MemberSummary['status'][] = ['invited', 'active', 'revoked']

export function readSummary(value: unknown): MemberSummary | null {
  const identity = readIdentity(value)
  if (!identity || !isPlainObject(value)) return null
  const { status, lastSeen, createdAt, inviteExpiresAt } = value
  if (!STATUSES.includes(status as MemberSummary['status'])) return null
  if (!(lastSeen === null || time(lastSeen)) || !time(createdAt)) return null
  if (!(inviteExpiresAt === null || inviteExpiresAt === undefined || time(inviteExpiresAt))) {
    return null
  }
  return {
    ...identity,
    status: status as MemberSummary['status'],
    lastSeen,
    createdAt,
    inviteExpiresAt: inviteExpiresAt ?? null,
  }
}

export function readMembers(body: unknown): MembersResponse | null {
  if (!isPlainObject(body) || !Array.isArray(body.members)) return null
  const workspace = readWorkspace(body.workspace)
  if (!workspace || body.members.length > MAX_MEMBERS) return null
  const members: MemberSummary[] = []
  for (const entry of body.members as unknown[]) {
    const member = readSummary(entry)
    if (!member) return null
    members.push(member)
  }
  return { workspace, members }
}

/** `{ member }`, as role changes and revocations answer. */
export function readMemberAnswer(body: unknown): MemberSummary | null {
  return isPlainObject(body) ? readSummary(body.member) : null
}

/** `POST /admin/invites`: the new member and their invite token. */
export function readInvite(body: unknown): { member: MemberSummary; token: string } | null {
  const member = readMemberAnswer(body)
  if (!member || !isPlainObject(body) || !text(body.token, 256) || !TOKEN.test(body.token)) {
    return null
  }
  return { member, token: body.token }
}

/** `GET /admin/workspaces`: whether this relay lets coordinators create workspaces. */
export function readWorkspaceCreation(body: unknown): { allowed: boolean } | null {
  if (!isPlainObject(body) || typeof body.allowed !== 'boolean') return null
  return { allowed: body.allowed }
}

/** `POST /admin/workspaces`: the new workspace and the invite that makes its first coordinator. */
export function readNewWorkspace(body: unknown): { workspace: Workspace; token: string } | null {
  if (!isPlainObject(body) || !text(body.token, 256) || !TOKEN.test(body.token)) return null
  const workspace = readWorkspace(body.workspace)
  return workspace ? { workspace, token: body.token } : null
}
