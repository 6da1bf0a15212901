import * as decoding from 'lib0/decoding'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import {
  messageAuth,
  messageAwareness,
  messageDurable,
  messageQueryAwareness,
  readDurable,
} from '../../../shared/protocol/index.ts'
import { messageMember, type MemberUpdate } from '../../../shared/protocol/admin.ts'
import { waitFor, within } from './wait.ts'

/** A stock y-websocket client, with what the relay told it recorded for the test. */
export type Client = {
  doc: Y.Doc
  provider: WebsocketProvider
  /** Permission-denied reasons received. */
  denied: string[]
  /** What the relay said about this member's new role or details (message 101). */
  memberUpdates: MemberUpdate[]
  /** The last committed state vector received (only with `durable`). */
  committed: () => Map<number, number> | null
  /** Resolves with the first close the relay sent (code and reason). */
  closed: Promise<{ code: number; reason: string }>
  /** Resolves when the client stops reconnecting after a final (44xx) close. */
  gaveUp: Promise<void>
  synced: () => Promise<void>
  destroy: () => void
}

/** Connects the unchanged `WebsocketProvider` as the desktop app does (`params: { token }`). */
export function connectClient(
  url: string,
  room: string,
  token: string | null,
  options: { durable?: boolean; doc?: Y.Doc; ticket?: string } = {},
): Client {
  const doc = options.doc ?? new Y.Doc()
  const params: Record<string, string> = {}
  if (token !== null) params.token = token
  if (options.ticket !== undefined) params.ticket = options.ticket
  if (options.durable) params.durable = '1'
  const provider = new WebsocketProvider(url, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params,
  })
  const denied: string[] = []
  const memberUpdates: MemberUpdate[] = []
  provider.messageHandlers[messageMember] = (_encoder, decoder) => {
    memberUpdates.push(JSON.parse(decoding.readVarString(decoder)) as MemberUpdate)
  }
  let committed: Map<number, number> | null = null
  // Observe the stock handlers' input instead of their console output.
  provider.messageHandlers[messageAuth] = (_encoder, decoder) => {
    decoding.readVarUint(decoder)
    denied.push(decoding.readVarString(decoder))
  }
  provider.messageHandlers[messageDurable] = (_encoder, decoder) => {
    committed = readDurable(decoder)
  }
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    provider.on('connection-close', (event) => {
      if (event) resolve({ code: event.code, reason: event.reason })
    })
  })
  const gaveUp = new Promise<void>((resolve) => provider.once('closed', () => resolve()))
  return {
    doc,
    provider,
    denied,
    memberUpdates,
    gaveUp,
    committed: () => committed,
    closed,
    synced: () =>
      within(
        new Promise<void>((resolve) => {
          if (provider.synced) resolve()
          else provider.once('sync', () => resolve())
        }),
        `${room} to sync`,
      ),
    destroy: () => {
      provider.destroy()
      doc.destroy()
    },
  }
}

/** Waits until every client holds the same state as the first. */
export async function converged(clients: Client[], what = 'clients to converge'): Promise<void> {
  const same = () => {
    const first = clients[0]
    if (first === undefined) return true
    const expected = fingerprint(first.doc)
    return clients.every((c) => fingerprint(c.doc) === expected)
  }
  await waitFor(same, what, 15_000)
}

/** State vector and delete set: equal for two docs that hold the same state. */
export function fingerprint(doc: Y.Doc): string {
  return Y.encodeSnapshot(Y.snapshot(doc)).join(',')
}

/**
 * Resolves once the relay has handled everything this client sent before: the relay answers
 * a query-awareness frame in order, after the frames ahead of it on the socket.
 */
export async function roundTrip(client: Client): Promise<void> {
  const { provider } = client
  const original = provider.messageHandlers[messageAwareness]!
  const answered = new Promise<void>((resolve) => {
    provider.messageHandlers[messageAwareness] = (...args) => {
      provider.messageHandlers[messageAwareness] = original
      original(...args)
      resolve()
    }
  })
  provider.ws?.send(new Uint8Array([messageQueryAwareness]))
  await within(answered, 'the relay to answer a query')
}
