import type * as Y from 'yjs'
import type { WriteGuard } from '../shared/protocol/index.ts'
import type { CloseCodeName } from '../shared/protocol/index.ts'
import type { UpdateStore } from '../shared/store/index.ts'
import type { Connection } from './connection.ts'
import type { Metrics } from './metrics.ts'
import type { Log } from './peer.ts'
import type { RoomRegistry } from './room-registry.ts'
import type { Room } from './room.ts'

/** What message handlers may use of the relay. */
export type RelayServices = {
  store: UpdateStore
  registry: RoomRegistry
  metrics: Metrics
  /** The product's write policy, plus any extra guard the embedder gave. */
  writeGuard: WriteGuard
  /** Another room's doc for the guard, loaded from the store if need be (see WriteContext). */
  loadDoc(room: string): Y.Doc | null
  log: Log
  /**
   * Closes every socket of a room whose doc may be damaged or whose updates could not be
   * stored, and unloads it; clients reconnect and resend. `offender` gets invalidUpdate.
   */
  resetRoom(room: Room, offender: Connection | null, detail: string): void
}

/** Where a frame came from: the socket, its room and the relay. */
export type MessageContext = {
  services: RelayServices
  room: Room
  connection: Connection
}

/** A frame the relay will not take; the socket is closed with `code`. */
export class RejectedFrame extends Error {
  readonly code: CloseCodeName

  constructor(code: CloseCodeName, detail: string) {
    super(detail)
    this.name = 'RejectedFrame'
    this.code = code
  }
}
