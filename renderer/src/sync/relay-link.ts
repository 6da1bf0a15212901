import * as authProtocol from 'y-protocols/auth'
import type { Awareness } from 'y-protocols/awareness'
import { WebsocketProvider } from 'y-websocket'
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import {
  DURABLE_PARAM,
  TOKEN_PARAM,
  isFinalClose,
  messageAuth,
  messageDurable,
} from '../../../shared/protocol/index.ts'
import type { ConnectionEvent } from './connection-state.ts'

export type RelayLinkOptions = {
  doc: Y.Doc
  awareness: Awareness
  room: string
  relay: string
  token: string
  /** The relay committed everything in this state vector (decoded, and as sent). */
  onDurable(committed: Map<number, number>, stateVector: Uint8Array): void
  /** The relay refused an update of ours (y-protocols' permission denied). */
  onRefused(): void
  onConnection(event: ConnectionEvent): void
}

/**
 * The stock y-websocket provider, opted in to durability acknowledgements, with Samstemt's two
 * extra message handlers. A 44xx close ends retrying for good (the member was refused).
 */
export function connectRelay(options: RelayLinkOptions): WebsocketProvider {
  const { doc, awareness, room, relay, token } = options
  const provider = new WebsocketProvider(relay, room, doc, {
    params: { [TOKEN_PARAM]: token, [DURABLE_PARAM]: '1' },
    awareness,
    // Tabs of one browser must not sync past the relay: the relay decides who may write.
    disableBc: true,
    connect: false,
  })
  provider.messageHandlers[messageDurable] = (_encoder, decoder) => {
    const stateVector = decoding.readVarUint8Array(decoder)
    options.onDurable(Y.decodeStateVector(stateVector), stateVector)
  }
  provider.messageHandlers[messageAuth] = (_encoder, decoder) => {
    authProtocol.readAuthMessage(decoder, doc, () => options.onRefused())
  }
  provider.on('status', ({ status }) => {
    if (status === 'connecting') options.onConnection({ type: 'connecting' })
    if (status === 'connected') options.onConnection({ type: 'connected' })
  })
  provider.on('connection-close', (event) => {
    const code = event?.code ?? null
    if (code !== null && isFinalClose(code)) provider.shouldConnect = false
    options.onConnection({ type: 'closed', code })
  })
  provider.connect()
  return provider
}
