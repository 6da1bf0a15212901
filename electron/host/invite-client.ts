import { isPlainObject, type InvitePreview, type Result } from '../../shared/ipc/index.ts'
import { isRole, isValidId, parseInviteLink, type Invite } from '../../shared/protocol/index.ts'
import { fail, ok } from './host-error.ts'

export type Fetch = typeof fetch

/** An invite checked with its relay: what it grants, and the token to store when joining. */
export type CheckedInvite = { invite: Invite; preview: InvitePreview }

const TIMEOUT_MS = 10_000

/**
 * Reads an invite link and asks its relay what the token grants:
 * `GET <relay as http(s)>/invite` with `Authorization: Bearer <token>`, answered with
 * `{ workspace: { id, name }, member: { id, name, organisation, role } }`.
 */
export async function checkInvite(
  link: string,
  fetchImpl: Fetch = fetch,
  timeoutMs = TIMEOUT_MS,
): Promise<Result<CheckedInvite>> {
  const invite = parseInviteLink(link.trim())
  if (!invite) {
    return fail(
      'invalid-invite',
      'This is not a complete Samstemt invite link. Copy the whole link from the invitation (it starts with samstemt://join?) or ask your coordinator for a new one.',
    )
  }
  const endpoint = inviteEndpoint(invite.relay)
  const unreachable = (why: string) =>
    fail(
      'relay-unreachable',
      `Could not reach the relay at ${invite.relay} (${why}). Check your internet connection and try again; if it keeps failing, ask your coordinator whether the relay is running.`,
    )
  let response: Response
  try {
    response = await fetchImpl(endpoint, {
      headers: { authorization: `Bearer ${invite.token}`, accept: 'application/json' },
      // A redirect would carry the token to wherever it points.
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    })
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError'
    return unreachable(timedOut ? 'no answer in time' : 'no connection')
  }
  if (response.status === 401 || response.status === 403 || response.status === 410) {
    return fail(
      'invite-revoked',
      'This invite is no longer valid: it was revoked, replaced or has expired. Ask your coordinator for a new invite.',
    )
  }
  if (!response.ok) return unreachable(`it answered HTTP ${response.status}`)
  const body: unknown = await response.json().catch(() => null)
  const grant = readGrant(body)
  if (!grant) return unreachable('its answer was not a Samstemt invite')
  if (grant.workspace.id !== invite.workspace) {
    return fail(
      'invalid-invite',
      'The relay says this invite belongs to another workspace than the link names. Ask your coordinator for a new invite.',
    )
  }
  return ok({ invite, preview: { ...grant, relay: invite.relay } })
}

/** `wss://host/relay` → `https://host/relay/invite`. */
export function inviteEndpoint(relay: string): string {
  const url = new URL(relay)
  url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:'
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/invite`
  return url.toString()
}

function readGrant(body: unknown): Omit<InvitePreview, 'relay'> | null {
  if (!isPlainObject(body) || !isPlainObject(body.workspace) || !isPlainObject(body.member)) {
    return null
  }
  const { workspace, member } = body
  const text = (value: unknown, max = 200): value is string =>
    typeof value === 'string' && value.length <= max
  if (!text(workspace.id) || !isValidId(workspace.id) || !text(workspace.name)) return null
  if (!text(member.id) || !text(member.name) || !text(member.organisation)) return null
  if (!isRole(member.role)) return null
  return {
    workspace: { id: workspace.id, name: workspace.name },
    member: {
      id: member.id,
      name: member.name,
      organisation: member.organisation,
      role: member.role,
    },
  }
}
