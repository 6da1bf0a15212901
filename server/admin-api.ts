import type { IncomingMessage, ServerResponse } from 'node:http'
import type {
  ApiError,
  ApiErrorCode,
  ClaimResponse,
  InviteRequest,
  InviteResponse,
  MembersResponse,
  RevokeResponse,
  TicketResponse,
  WorkspaceCreationResponse,
  WorkspaceResponse,
} from '../shared/protocol/admin.ts'
import { isRole } from '../shared/protocol/index.ts'
import type { Log } from './peer.ts'
import { MemberChangeError, type Member, type MemberDirectory, type TokenState } from './members.ts'
import { TokenBucket } from './rate-limit.ts'
import type { Relay } from './relay.ts'

/** The settings of the HTTP API. */
export type ApiOptions = {
  /** Coordinators may create further workspaces from the app (`serve --allow-workspace-creation`). */
  allowWorkspaceCreation: boolean
}

type Context = {
  relay: Relay
  members: MemberDirectory
  options: ApiOptions
  log: Log
  ip: string
  /** Requests per second each address may make (tokens cannot be guessed anyway). */
  buckets: Map<string, TokenBucket>
}

const MAX_BODY = 16 * 1024
const DAY = 86_400_000
const STATUS: Record<ApiErrorCode, number> = {
  'unknown-token': 401,
  expired: 410,
  used: 410,
  revoked: 403,
  forbidden: 403,
  disabled: 403,
  'not-found': 404,
  'last-coordinator': 409,
  invalid: 400,
}
const MESSAGES: Record<ApiErrorCode, string> = {
  'unknown-token': 'This token is not known to this relay.',
  expired: 'This invite has expired.',
  used: 'This invite was used already.',
  revoked: 'This invite or member was revoked.',
  forbidden: 'Only the workspace’s coordinators may do that.',
  disabled: 'This relay does not let coordinators create workspaces.',
  'not-found': 'There is no such member in this workspace.',
  'last-coordinator': 'The last coordinator of a workspace keeps the role.',
  invalid: 'The request is not valid.',
}

class ApiFailure extends Error {
  readonly code: ApiErrorCode
  constructor(code: ApiErrorCode, message = MESSAGES[code]) {
    super(message)
    this.code = code
  }
}

/**
 * The relay's HTTP API (docs/relay.md, "Admin API"): invites, claims, connection tickets and the
 * coordinators' member management, authenticated by the caller's own token. Answers and returns
 * true for its paths; false for any other path.
 */
export async function serveApi(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  context: Context,
): Promise<boolean> {
  const route = ROUTES.find((r) => r.method === req.method && r.path.test(path))
  // One line per refused call, as for refused sockets: who asked for what, never with which token.
  const refused = (status: number, error: ApiErrorCode | 'method' | 'rate-limited') =>
    context.log('api-refused', { ip: context.ip, method: req.method, path, status, error })
  if (route === undefined) {
    if (ROUTES.some((r) => r.path.test(path))) {
      refused(405, 'method')
      send(res, 405, { error: 'invalid', message: 'Method not allowed.' } satisfies ApiError)
      return true
    }
    return false
  }
  let bucket = context.buckets.get(context.ip)
  if (bucket === undefined) {
    if (context.buckets.size > 10_000) context.buckets.clear()
    bucket = new TokenBucket({ perSecond: 10, burst: 50 })
    context.buckets.set(context.ip, bucket)
  }
  if (!bucket.take()) {
    refused(429, 'rate-limited')
    send(res, 429, { error: 'invalid', message: 'Too many requests; wait a moment.' })
    return true
  }
  try {
    const token = bearer(req)
    const params = route.path.exec(path)?.slice(1) ?? []
    const body = req.method === 'POST' || req.method === 'PATCH' ? await readJson(req) : null
    const answer = route.run({ ...context, token, params, body })
    send(res, 200, answer)
  } catch (error) {
    if (error instanceof ApiFailure || error instanceof MemberChangeError) {
      refused(STATUS[error.code], error.code)
      send(res, STATUS[error.code], {
        error: error.code,
        message: error.message,
      } satisfies ApiError)
    } else {
      context.log('api-failed', { path, error: String(error) })
      send(res, 500, { error: 'invalid', message: 'The relay could not do that.' })
    }
  }
  return true
}

type Call = Context & { token: string; params: string[]; body: unknown }
type Route = { method: string; path: RegExp; run: (call: Call) => unknown }

const ROUTES: Route[] = [
  { method: 'GET', path: /^\/invite$/, run: describe },
  { method: 'POST', path: /^\/invite\/claim$/, run: claim },
  { method: 'POST', path: /^\/ticket$/, run: ticket },
  { method: 'GET', path: /^\/admin\/members$/, run: listMembers },
  { method: 'POST', path: /^\/admin\/invites$/, run: createInvite },
  { method: 'PATCH', path: /^\/admin\/members\/([A-Za-z0-9_-]{1,64})$/, run: changeRole },
  { method: 'POST', path: /^\/admin\/members\/([A-Za-z0-9_-]{1,64})\/revoke$/, run: revoke },
  { method: 'GET', path: /^\/admin\/workspaces$/, run: workspaceCreation },
  { method: 'POST', path: /^\/admin\/workspaces$/, run: createWorkspace },
]

/** What an invite (or session) token grants, for the app to show before joining. */
function describe({ members, token }: Call) {
  const member = usable(members.inspect(token))
  return grantOf(members, member)
}

function claim({ members, token, log }: Call): ClaimResponse {
  const claimed = members.claim(token)
  if (!('token' in claimed)) throw refusal(claimed)
  log('invite-claimed', { member: claimed.member.id })
  return { token: claimed.token, ...grantOf(members, claimed.member) }
}

function ticket({ members, token }: Call): TicketResponse {
  return members.ticket(session(members, token))
}

function listMembers({ members, token }: Call): MembersResponse {
  const caller = session(members, token)
  const workspace = members.workspace(caller.workspace)
  if (workspace === null) throw new ApiFailure('not-found')
  return {
    workspace: { id: workspace.id, name: workspace.name },
    members: members.summaries(workspace.id),
  }
}

function createInvite({ members, token, body, log }: Call): InviteResponse {
  const caller = coordinator(members, token)
  const request = readInvite(body)
  const expiresAt =
    request.expiresInDays == null ? null : Date.now() + Math.round(request.expiresInDays * DAY)
  const { member, token: invite } = members.invite(
    {
      workspace: caller.workspace,
      name: request.name,
      organisation: request.organisation,
      role: request.role,
    },
    { expiresAt, singleUse: request.singleUse ?? true },
  )
  members.audit(caller.workspace, caller.id, 'invite', member.id, {
    name: member.name,
    organisation: member.organisation,
    role: member.role,
    expiresAt,
    singleUse: request.singleUse ?? true,
  })
  log('member-invited', { by: caller.id, member: member.id, role: member.role })
  return { member: summaryOf(members, member.id), token: invite }
}

function changeRole({ relay, members, token, params, body, log }: Call) {
  const caller = coordinator(members, token)
  const target = inWorkspace(members, params[0], caller)
  const role = isObject(body) ? body.role : undefined
  if (!isRole(role)) throw new ApiFailure('invalid', 'A role is coordinator, editor or reviewer.')
  const changed = members.setRole(target.id, role)
  members.audit(caller.workspace, caller.id, 'role', target.id, { from: target.role, to: role })
  log('member-role', { by: caller.id, member: target.id, role })
  relay.membersChanged([changed])
  return { member: summaryOf(members, target.id) }
}

function revoke({ relay, members, token, params, log }: Call): RevokeResponse {
  const caller = coordinator(members, token)
  const target = inWorkspace(members, params[0], caller)
  const revoked = members.revoke(target.id, { keepLastCoordinator: true })
  if (revoked === null) throw new ApiFailure('not-found')
  members.audit(caller.workspace, caller.id, 'revoke', target.id, { name: target.name })
  log('member-revoked', { by: caller.id, member: target.id })
  relay.membersChanged([revoked])
  return { member: summaryOf(members, target.id) }
}

/** Whether a coordinator may create workspaces here, asked before they type a name. */
function workspaceCreation({ members, token, options }: Call): WorkspaceCreationResponse {
  coordinator(members, token)
  return { allowed: options.allowWorkspaceCreation }
}

function createWorkspace({ members, token, body, options, log }: Call): WorkspaceResponse {
  const caller = coordinator(members, token)
  if (!options.allowWorkspaceCreation) throw new ApiFailure('disabled')
  const name = isObject(body) ? text(body.name) : null
  if (name === null) throw new ApiFailure('invalid', 'A workspace needs a name.')
  const workspace = members.createWorkspace(name)
  const { member, token: invite } = members.invite(
    {
      workspace: workspace.id,
      name: caller.name,
      organisation: caller.organisation,
      role: 'coordinator',
    },
    { singleUse: true },
  )
  members.audit(workspace.id, caller.id, 'create-workspace', member.id, {
    from: caller.workspace,
    name,
  })
  log('workspace-created', { by: caller.id, workspace: workspace.id })
  return { workspace: { id: workspace.id, name: workspace.name }, token: invite }
}

/** The caller, by their session token, or the reason they cannot call. */
function session(members: MemberDirectory, token: string): Member {
  const state = members.inspect(token)
  const member = usable(state)
  if (state.status === 'ok' && state.kind !== 'session') {
    throw new ApiFailure('unknown-token', 'Claim the invite first (POST /invite/claim).')
  }
  return member
}

function coordinator(members: MemberDirectory, token: string): Member {
  const caller = session(members, token)
  if (caller.role !== 'coordinator') throw new ApiFailure('forbidden')
  return caller
}

function inWorkspace(members: MemberDirectory, id: string | undefined, caller: Member): Member {
  const target = id === undefined ? null : members.member(id)
  if (target === null || target.workspace !== caller.workspace) throw new ApiFailure('not-found')
  return target
}

function usable(state: TokenState): Member {
  if (state.status === 'ok') return state.member
  throw refusal(state)
}

function refusal(state: TokenState): ApiFailure {
  return new ApiFailure(state.status === 'ok' ? 'invalid' : state.status)
}

function grantOf(members: MemberDirectory, member: Member) {
  const workspace = members.workspace(member.workspace)
  if (workspace === null) throw new ApiFailure('unknown-token')
  const { id, name, organisation, role } = member
  return {
    workspace: { id: workspace.id, name: workspace.name },
    member: { id, name, organisation, role },
  }
}

function summaryOf(members: MemberDirectory, id: string) {
  const summary = members.summary(id)
  if (summary === null) throw new ApiFailure('not-found')
  return summary
}

function readInvite(body: unknown): InviteRequest {
  if (!isObject(body)) throw new ApiFailure('invalid', 'Send the invite as a JSON object.')
  const name = text(body.name)
  const organisation = text(body.organisation)
  const { role, expiresInDays, singleUse } = body
  if (name === null) throw new ApiFailure('invalid', 'An invite needs the member’s name.')
  if (organisation === null) throw new ApiFailure('invalid', 'An invite needs an organisation.')
  if (!isRole(role)) throw new ApiFailure('invalid', 'A role is coordinator, editor or reviewer.')
  if (
    expiresInDays != null &&
    (typeof expiresInDays !== 'number' || !(expiresInDays > 0) || expiresInDays > 366)
  ) {
    throw new ApiFailure('invalid', 'An invite expires after 1 to 366 days, or never.')
  }
  if (singleUse !== undefined && typeof singleUse !== 'boolean') {
    throw new ApiFailure('invalid', 'singleUse is true or false.')
  }
  return { name, organisation, role, expiresInDays: expiresInDays ?? null, singleUse }
}

function text(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const trimmed = value.trim()
  return trimmed === '' || trimmed.length > 200 ? null : trimmed
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function bearer(req: IncomingMessage): string {
  const match = /^Bearer ([A-Za-z0-9_.-]{16,200})$/.exec(req.headers.authorization ?? '')
  if (!match?.[1])
    throw new ApiFailure('unknown-token', 'Send your token as Authorization: Bearer.')
  return match[1]
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let size = 0
  const chunks: Buffer[] = []
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_BODY) throw new ApiFailure('invalid', 'The request is too large.')
    chunks.push(chunk)
  }
  if (size === 0) return null
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown
  } catch {
    throw new ApiFailure('invalid', 'The request is not JSON.')
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
  res.end(JSON.stringify(body) + '\n')
}
