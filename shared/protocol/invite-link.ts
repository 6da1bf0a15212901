import { isValidId } from './rooms.ts'

/** What an invite link carries: where the relay is, which workspace, the token, and a label. */
export type Invite = {
  /** The relay's address, `wss://...` (or `ws://` on a trusted network). */
  relay: string
  workspace: string
  /** The member's secret invite token (base64url). */
  token: string
  /** The invited member's name, shown when the app asks to join. */
  name: string
}

const PREFIX = 'samstemt://join?'
const TOKEN = /^[A-Za-z0-9_-]{16,128}$/

/** `samstemt://join?relay=<url>&workspace=<id>&token=<token>&name=<name>`, all url-encoded. */
export function formatInviteLink(invite: Invite): string {
  const params = new URLSearchParams({
    relay: invite.relay,
    workspace: invite.workspace,
    token: invite.token,
    name: invite.name,
  })
  return PREFIX + params.toString()
}

/** Reads an invite link; null when it is not one, or when a field is missing or invalid. */
export function parseInviteLink(link: string): Invite | null {
  if (!link.startsWith(PREFIX)) return null
  const params = new URLSearchParams(link.slice(PREFIX.length))
  const relay = params.get('relay')
  const workspace = params.get('workspace')
  const token = params.get('token')
  const name = params.get('name') ?? ''
  if (relay === null || !isRelayUrl(relay)) return null
  if (workspace === null || !isValidId(workspace)) return null
  if (token === null || !TOKEN.test(token)) return null
  return { relay, workspace, token, name }
}

function isRelayUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return (url.protocol === 'wss:' || url.protocol === 'ws:') && url.search === ''
  } catch {
    return false
  }
}
