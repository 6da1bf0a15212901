import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ApiErrorCode, MemberSummary } from '../../../shared/protocol/admin.ts'
import { formatInviteLink, isRole, type Role } from '../../../shared/protocol/index.ts'

/**
 * The relay's HTTP API as shared/protocol/admin.ts describes it, in memory: the stand-in the
 * host tests use until the relay side is merged. Only what the contract says, nothing clever.
 */
export type ContractRelay = {
  url: string
  workspace: { id: string; name: string }
  /** An invite as the operator's CLI makes one: the link and the member it is for. */
  invite(
    name: string,
    organisation: string,
    role: Role,
    options?: { expiresAt?: number | null; singleUse?: boolean },
  ): { link: string; token: string; id: string }
  revoke(id: string): void
  /** Every request, with the token it carried. */
  requests: { method: string; path: string; token: string }[]
  allowWorkspaceCreation: boolean
  close(): Promise<void>
}

type Member = Omit<MemberSummary, 'status'> & {
  workspace: string
  inviteToken: string
  singleUse: boolean
  session: string | null
  revoked: boolean
}

const token = () => randomBytes(24).toString('base64url')

export async function startContractRelay(
  workspace = { id: 'wNordic', name: 'Nordic smart cities' },
): Promise<ContractRelay> {
  const members = new Map<string, Member>()
  const workspaces = new Map([[workspace.id, workspace]])
  const tickets = new Map<string, { member: string; expiresAt: number }>()
  const requests: ContractRelay['requests'] = []
  let url = ''
  let next = 1

  const add = (
    ws: string,
    fields: { name: string; organisation: string; role: Role },
    options: { expiresAt?: number | null; singleUse?: boolean } = {},
  ) => {
    const member: Member = {
      id: `m${next++}`,
      workspace: ws,
      ...fields,
      lastSeen: null,
      createdAt: Date.now(),
      inviteExpiresAt: options.expiresAt ?? null,
      inviteToken: token(),
      singleUse: options.singleUse ?? true,
      session: null,
      revoked: false,
    }
    members.set(member.id, member)
    return member
  }
  const summary = (m: Member): MemberSummary => ({
    id: m.id,
    name: m.name,
    organisation: m.organisation,
    role: m.role,
    status: m.revoked ? 'revoked' : m.session === null ? 'invited' : 'active',
    lastSeen: m.lastSeen,
    createdAt: m.createdAt,
    inviteExpiresAt: m.session === null ? m.inviteExpiresAt : null,
  })
  const identity = (m: Member) => ({
    id: m.id,
    name: m.name,
    organisation: m.organisation,
    role: m.role,
  })

  /** The member a bearer token is, or why not. */
  const authenticate = (bearer: string): Member | ApiErrorCode => {
    for (const m of members.values()) {
      if (m.session === bearer) return m.revoked ? 'revoked' : m
      if (m.inviteToken === bearer) {
        if (m.revoked) return 'revoked'
        if (m.session !== null && m.singleUse) return 'used'
        if (m.inviteExpiresAt !== null && m.inviteExpiresAt <= Date.now()) return 'expired'
        return m
      }
    }
    return 'unknown-token'
  }

  const STATUS: Record<ApiErrorCode, number> = {
    'unknown-token': 401,
    expired: 410,
    used: 410,
    revoked: 403,
    forbidden: 403,
    'not-found': 404,
    'last-coordinator': 409,
    invalid: 400,
    disabled: 403,
  }

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://relay').pathname
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? ''
    requests.push({ method: req.method ?? '', path, token: bearer })
    let text = ''
    for await (const chunk of req) text += String(chunk)
    const body = (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>
    const send = (status: number, value: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value))
    const refuse = (error: ApiErrorCode) => send(STATUS[error], { error, message: error })
    const who = authenticate(bearer)
    if (typeof who === 'string') return refuse(who)
    const grant = () => ({ workspace: workspaces.get(who.workspace), member: identity(who) })

    if (req.method === 'GET' && path === '/invite') return send(200, grant())
    if (req.method === 'POST' && path === '/invite/claim') {
      who.session ??= token()
      return send(200, { token: who.session, ...grant() })
    }
    if (who.session !== bearer) return refuse('unknown-token')
    who.lastSeen = Date.now()
    if (req.method === 'POST' && path === '/ticket') {
      const ticket = token()
      const expiresAt = Date.now() + 10 * 60_000
      tickets.set(ticket, { member: who.id, expiresAt })
      return send(200, { ticket, expiresAt })
    }
    const inWorkspace = [...members.values()].filter((m) => m.workspace === who.workspace)
    if (req.method === 'GET' && path === '/admin/members') {
      return send(200, {
        workspace: workspaces.get(who.workspace),
        members: inWorkspace.map(summary),
      })
    }
    if (who.role !== 'coordinator') return refuse('forbidden')
    if (req.method === 'POST' && path === '/admin/invites') {
      const { name, organisation, role, expiresInDays } = body
      if (typeof name !== 'string' || typeof organisation !== 'string' || !isRole(role)) {
        return refuse('invalid')
      }
      const days = typeof expiresInDays === 'number' ? expiresInDays : null
      const member = add(
        who.workspace,
        { name, organisation, role },
        { expiresAt: days === null ? null : Date.now() + days * 86_400_000 },
      )
      return send(200, { member: summary(member), token: member.inviteToken })
    }
    if (req.method === 'POST' && path === '/admin/workspaces') {
      if (!relay.allowWorkspaceCreation) return refuse('disabled')
      if (typeof body.name !== 'string') return refuse('invalid')
      const created = { id: `w${next++}`, name: body.name }
      workspaces.set(created.id, created)
      const first = add(created.id, { ...identity(who), role: 'coordinator' })
      return send(200, { workspace: created, token: first.inviteToken })
    }
    const target = /^\/admin\/members\/([^/]+)(\/revoke)?$/.exec(path)
    const member = target ? members.get(target[1] ?? '') : undefined
    if (!target) return refuse('not-found')
    if (!member || member.workspace !== who.workspace) return refuse('not-found')
    const coordinators = inWorkspace.filter((m) => m.role === 'coordinator' && !m.revoked)
    const last = member.role === 'coordinator' && coordinators.length === 1
    if (req.method === 'PATCH' && !target[2]) {
      if (!isRole(body.role)) return refuse('invalid')
      if (last && body.role !== 'coordinator') return refuse('last-coordinator')
      member.role = body.role
      return send(200, { member: summary(member) })
    }
    if (req.method === 'POST' && target[2]) {
      if (last) return refuse('last-coordinator')
      member.revoked = true
      return send(200, { member: summary(member) })
    }
    return refuse('invalid')
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.writeHead(500).end())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`
  const relay: ContractRelay = {
    url,
    workspace,
    requests,
    allowWorkspaceCreation: false,
    invite(name, organisation, role, options) {
      const member = add(workspace.id, { name, organisation, role }, options)
      const link = formatInviteLink({
        relay: url,
        workspace: workspace.id,
        token: member.inviteToken,
        name,
      })
      return { link, token: member.inviteToken, id: member.id }
    },
    revoke(id) {
      const member = members.get(id)
      if (member) member.revoked = true
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
  return relay
}
