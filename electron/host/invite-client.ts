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
      'Dette er ikke en fullstendig invitasjonslenke til Samstemt. Kopier hele lenken fra invitasjonen (den begynner med samstemt://join?), eller be koordinatoren om en ny.',
    )
  }
  const endpoint = inviteEndpoint(invite.relay)
  const unreachable = (why: { en: string; nb: string }) =>
    fail(
      'relay-unreachable',
      `Could not reach the relay at ${invite.relay} (${why.en}). Check your internet connection and try again; if it keeps failing, ask your coordinator whether the relay is running.`,
      `Fikk ikke kontakt med reléserveren på ${invite.relay} (${why.nb}). Sjekk internettforbindelsen og prøv igjen; hvis det fortsetter, spør koordinatoren om reléserveren kjører.`,
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
    return unreachable(
      timedOut
        ? { en: 'no answer in time', nb: 'intet svar i tide' }
        : { en: 'no connection', nb: 'ingen forbindelse' },
    )
  }
  if (response.status === 401 || response.status === 403 || response.status === 410) {
    return fail(
      'invite-revoked',
      'This invite is no longer valid: it was revoked, replaced or has expired. Ask your coordinator for a new invite.',
      'Denne invitasjonen gjelder ikke lenger: den er trukket tilbake, erstattet eller utløpt. Be koordinatoren om en ny invitasjon.',
    )
  }
  if (!response.ok) {
    return unreachable({
      en: `it answered HTTP ${response.status}`,
      nb: `den svarte HTTP ${response.status}`,
    })
  }
  const body: unknown = await response.json().catch(() => null)
  const grant = readGrant(body)
  if (!grant) {
    return unreachable({
      en: 'its answer was not a Samstemt invite',
      nb: 'svaret var ingen Samstemt-invitasjon',
    })
  }
  if (grant.workspace.id !== invite.workspace) {
    return fail(
      'invalid-invite',
      'The relay says this invite belongs to another workspace than the link names. Ask your coordinator for a new invite.',
      'Reléserveren sier at invitasjonen hører til et annet arbeidsområde enn lenken oppgir. Be koordinatoren om en ny invitasjon.',
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
