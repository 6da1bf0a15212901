import { CloseCode, isFinalClose } from '../../../shared/protocol/index.ts'

/**
 * Where a room's link to the relay stands. `local` has no relay at all (the sample workspace);
 * `revoked` is final: the relay refused this member, and retrying cannot help. `damaged` is final
 * too: the relay cannot read this room's stored data (its operator has to restore it).
 */
export type Connection =
  'local' | 'connecting' | 'online' | 'reconnecting' | 'offline' | 'revoked' | 'damaged'

export type ConnectionState = { connection: Connection; failures: number }

/** What y-websocket reports: an attempt starts, a socket opens, a socket closes (with its code). */
export type ConnectionEvent =
  { type: 'connecting' } | { type: 'connected' } | { type: 'closed'; code: number | null }

/** After this many failed attempts in a row the room counts as offline, not merely reconnecting. */
export const OFFLINE_AFTER = 3

export function initialConnection(hasRelay: boolean): ConnectionState {
  return { connection: hasRelay ? 'connecting' : 'local', failures: 0 }
}

export function nextConnection(state: ConnectionState, event: ConnectionEvent): ConnectionState {
  if (['revoked', 'damaged', 'local'].includes(state.connection)) return state
  switch (event.type) {
    case 'connected':
      return { connection: 'online', failures: 0 }
    case 'connecting':
      return state
    case 'closed': {
      if (event.code === CloseCode.roomDamaged) return { ...state, connection: 'damaged' }
      if (event.code !== null && isFinalClose(event.code))
        return { ...state, connection: 'revoked' }
      const failures = state.failures + 1
      if (failures >= OFFLINE_AFTER) return { connection: 'offline', failures }
      const connection = state.connection === 'connecting' ? 'connecting' : 'reconnecting'
      return { connection, failures }
    }
  }
}
