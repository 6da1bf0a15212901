import type { InvitePreview, Result } from '../../shared/ipc/index.ts'
import type { ClaimResponse } from '../../shared/protocol/admin.ts'
import { parseInviteLink, relaySecurity, type Invite } from '../../shared/protocol/index.ts'
import { fail, ok } from './host-error.ts'
import { RelayApi } from './relay-api.ts'
import type { RelayTransport } from './relay-http.ts'

export type { Fetch } from './relay-http.ts'

/** An invite checked with its relay: what it grants. */
export type CheckedInvite = { invite: Invite; preview: InvitePreview }

/** A claimed invite: the member's own key, which the host stores instead of the invite. */
export type ClaimedInvite = { invite: Invite; claim: ClaimResponse; insecure: boolean }

/**
 * Reads an invite link and asks its relay what the token grants (`GET /invite`). A `ws://`
 * relay off this computer is not asked unless `allowInsecure`: the question would carry the
 * invite in clear.
 */
export async function checkInvite(
  link: string,
  transport: RelayTransport,
  allowInsecure = false,
): Promise<Result<CheckedInvite>> {
  const read = readInvite(link, allowInsecure)
  if (!read.ok) return read
  const { invite, insecure } = read.value
  const described = await new RelayApi(invite.relay, transport).describe(invite.token, 'invite')
  if (!described.ok) return described
  const grant = described.value
  if (grant.workspace.id !== invite.workspace) return otherWorkspace()
  return ok({ invite, preview: { ...grant, relay: invite.relay, insecure } })
}

/** Claims the invite (`POST /invite/claim`): single-use invites stop working for anyone else. */
export async function claimInvite(
  link: string,
  transport: RelayTransport,
  allowInsecure = false,
): Promise<Result<ClaimedInvite>> {
  const read = readInvite(link, allowInsecure)
  if (!read.ok) return read
  const { invite, insecure } = read.value
  const claimed = await new RelayApi(invite.relay, transport).claim(invite.token)
  if (!claimed.ok) return claimed
  if (claimed.value.workspace.id !== invite.workspace) return otherWorkspace()
  return ok({ invite, claim: claimed.value, insecure })
}

function readInvite(
  link: string,
  allowInsecure: boolean,
): Result<{ invite: Invite; insecure: boolean }> {
  const invite = parseInviteLink(link.trim())
  if (!invite) {
    return fail(
      'invalid-invite',
      'This is not a complete Samstemt invite link. Copy the whole link from the invitation (it starts with samstemt://join?) or ask your coordinator for a new one.',
      'Dette er ikke en fullstendig invitasjonslenke til Samstemt. Kopier hele lenken fra invitasjonen (den begynner med samstemt://join?), eller be koordinatoren om en ny.',
    )
  }
  const insecure = relaySecurity(invite.relay) === 'insecure'
  if (insecure && !allowInsecure) {
    return fail(
      'insecure-relay',
      `The relay ${invite.relay} is not encrypted (ws://, not wss://). Your key to the workspace and everything you write would cross the network in clear: anyone on the way could read it, or use the key as you. Ask your coordinator for a wss:// link; join anyway only on a network you trust.`,
      `Reléserveren ${invite.relay} er ikke kryptert (ws://, ikke wss://). Nøkkelen din til arbeidsområdet og alt du skriver, ville gått ukryptert over nettet: hvem som helst underveis kunne lest det, eller brukt nøkkelen som deg. Be koordinatoren om en wss://-lenke; bli med likevel bare på et nett du stoler på.`,
    )
  }
  return ok({ invite, insecure })
}

function otherWorkspace() {
  return fail(
    'invalid-invite',
    'The relay says this invite belongs to another workspace than the link names. Ask your coordinator for a new invite.',
    'Reléserveren sier at invitasjonen hører til et annet arbeidsområde enn lenken oppgir. Be koordinatoren om en ny invitasjon.',
  )
}
