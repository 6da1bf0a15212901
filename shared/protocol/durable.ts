import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { messageDurable } from './messages.ts'

/** A frame telling the client that everything in `stateVector` is committed on the relay. */
export function encodeDurable(stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageDurable)
  encoding.writeVarUint8Array(encoder, stateVector)
  return encoding.toUint8Array(encoder)
}

/** The committed state vector of a durable frame; null for any other frame. Throws if truncated. */
export function decodeDurable(frame: Uint8Array): Uint8Array | null {
  const decoder = decoding.createDecoder(frame)
  if (decoding.readVarUint(decoder) !== messageDurable) return null
  return decoding.readVarUint8Array(decoder)
}

/** Reads the state vector after the message type, for a y-websocket message handler. */
export function readDurable(decoder: decoding.Decoder): Map<number, number> {
  return Y.decodeStateVector(decoding.readVarUint8Array(decoder))
}

/**
 * The number of local changes not yet covered by the relay's committed state: 0 means
 * "saved on the relay". Counts Yjs clock ticks (roughly characters) per client. Deletions do
 * not advance a clock, so a change that only deletes is covered by the next acknowledgement.
 */
export function uncommittedCount(local: Y.Doc, committed: Map<number, number>): number {
  let missing = 0
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(local))) {
    missing += Math.max(0, clock - (committed.get(client) ?? 0))
  }
  return missing
}

/** True when the committed state vector covers every change `local` holds. */
export function isCommitted(local: Y.Doc, committed: Map<number, number>): boolean {
  return uncommittedCount(local, committed) === 0
}
