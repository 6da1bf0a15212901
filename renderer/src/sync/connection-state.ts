import { CloseCode, isFinalClose } from '../../../shared/protocol/index.ts'

/**
 * Where a room's link to the relay stands. `local` has no relay at all (the sample workspace);
 * `revoked` is final: the relay refused this member, and retrying cannot help. `lost` is final
 * too: the relay no longer knows this computer's key, or the key cannot be read here. `damaged`:
 * the relay cannot read this room's stored data (its operator has to restore it).
 */
export type Connection =
  'local' | 'connecting' | 'online' | 'reconnecting' | 'offline' | 'revoked' | 'lost' | 'damaged'

export type ConnectionState = { connection: Connection; failures: number }

/**
 * What y-websocket reports (an attempt starts, a socket opens, a socket closes with its code),
 * and what the workspace's access says: no ticket could be fetched (the relay is out of reach),
 * or access ended.
 */
export type ConnectionEvent =
  | { type: 'connecting' }
  | { type: 'connected' }
  | { type: 'closed'; code: number | null }
  | { type: 'unreachable' }
  | { type: 'ended'; access: 'revoked' | 'lost' }

/** After this many failed attempts in a row the room counts as offline, not merely reconnecting. */
export const OFFLINE_AFTER = 3

export function initialConnection(hasRelay: boolean): ConnectionState {
  return { connection: hasRelay ? 'connecting' : 'local', failures: 0 }
}

export function nextConnection(state: ConnectionState, event: ConnectionEvent): ConnectionState {
  if (['revoked', 'lost', 'damaged', 'local'].includes(state.connection)) return state
  switch (event.type) {
    case 'ended':
      return { ...state, connection: event.access }
    case 'unreachable':
      return { connection: 'offline', failures: Math.max(state.failures, OFFLINE_AFTER) }
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
