import * as authProtocol from 'y-protocols/auth'
import type { Awareness } from 'y-protocols/awareness'
import { WebsocketProvider } from 'y-websocket'
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import type { MemberIdentity } from '../../../shared/ipc/contract.ts'
import { messageMember, TICKET_PARAM } from '../../../shared/protocol/admin.ts'
import {
  DURABLE_PARAM,
  isFinalClose,
  isRole,
  messageAuth,
  messageDurable,
} from '../../../shared/protocol/index.ts'
import type { ConnectionEvent } from './connection-state.ts'

/** The relay closes a socket whose ticket expired or that it does not know (transient). */
export const TICKET_REFUSED = 4001

export type RelayLinkOptions = {
  doc: Y.Doc
  awareness: Awareness
  room: string
  relay: string
  ticket: string
  /** The relay committed everything in this state vector (decoded, and as sent). */
  onDurable(committed: Map<number, number>, stateVector: Uint8Array): void
  /** The relay refused an update of ours (y-protocols' permission denied). */
  onRefused(): void
  /** The relay says this member's role or details changed (message 101). */
  onMember(member: MemberIdentity): void
  /**
   * The relay refused the ticket the socket opened with. The link waits: `useTicket` with a
   * fresh one connects it again.
   */
  onTicketRefused(ticket: string): void
  onConnection(event: ConnectionEvent): void
}

export type RelayLink = {
  provider: WebsocketProvider
  /** The ticket every later (re)connect opens with; resumes a link waiting for one. */
  useTicket(ticket: string): void
  destroy(): void
}

/**
 * The stock y-websocket provider, opted in to durability acknowledgements, with Samstemt's extra
 * message handlers. It connects with a short-lived ticket instead of the member's key; y-websocket
 * reads `params` on every connect, so a renewed ticket is used by the next reconnect. A 44xx
 * close ends retrying for good (the member was refused).
 */
export function connectRelay(options: RelayLinkOptions): RelayLink {
  const { doc, awareness, room, relay } = options
  const provider = new WebsocketProvider(relay, room, doc, {
    params: { [TICKET_PARAM]: options.ticket, [DURABLE_PARAM]: '1' },
    awareness,
    // Tabs of one browser must not sync past the relay: the relay decides who may write.
    disableBc: true,
    connect: false,
  })
  let waiting = false
  provider.messageHandlers[messageDurable] = (_encoder, decoder) => {
    const stateVector = decoding.readVarUint8Array(decoder)
    options.onDurable(Y.decodeStateVector(stateVector), stateVector)
  }
  provider.messageHandlers[messageAuth] = (_encoder, decoder) => {
    authProtocol.readAuthMessage(decoder, doc, () => options.onRefused())
  }
  provider.messageHandlers[messageMember] = (_encoder, decoder) => {
    const member = readMember(decoding.readVarString(decoder))
    if (member !== null) options.onMember(member)
  }
  provider.on('status', ({ status }) => {
    if (status === 'connecting') options.onConnection({ type: 'connecting' })
    if (status === 'connected') options.onConnection({ type: 'connected' })
  })
  provider.on('connection-close', (event) => {
    const code = event?.code ?? null
    if (code === TICKET_REFUSED) {
      // Retrying with the same ticket would be refused again: wait for a fresh one.
      provider.shouldConnect = false
      waiting = true
      options.onTicketRefused(provider.params[TICKET_PARAM] ?? '')
    }
    if (code !== null && isFinalClose(code)) provider.shouldConnect = false
    options.onConnection({ type: 'closed', code })
  })
  provider.connect()
  return {
    provider,
    useTicket(ticket) {
      const fresh = provider.params[TICKET_PARAM] !== ticket
      provider.params[TICKET_PARAM] = ticket
      if (waiting && fresh) {
        waiting = false
        provider.connect()
      }
    },
    destroy: () => provider.destroy(),
  }
}

/** Message 101's JSON; anything else is ignored (a newer relay may send more). */
function readMember(json: string): MemberIdentity | null {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    return null
  }
  if (typeof value !== 'object' || value === null) return null
  const { id, name, organisation, role } = value as Record<string, unknown>
  if (typeof id !== 'string' || typeof name !== 'string' || typeof organisation !== 'string') {
    return null
  }
  return isRole(role) ? { id, name, organisation, role } : null
}
