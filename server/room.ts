import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { encodeDurable, messageAwareness, messageSync } from '../shared/protocol/index.ts'
import type { ParsedRoom } from '../shared/protocol/index.ts'
import type { StoredDoc } from '../shared/store/index.ts'
import { Connection } from './connection.ts'

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] }

/** A loaded room: its Y.Doc, its awareness and the sockets in it. */
export class Room {
  readonly name: string
  readonly parsed: ParsedRoom
  readonly doc = new Y.Doc()
  readonly awareness: awarenessProtocol.Awareness
  readonly connections = new Set<Connection>()
  /** Updates in the store's log after the snapshot; compaction starts past a limit. */
  logLength: number
  /** The doc's state vector as of the last committed append: never covers an uncommitted update. */
  committedSv: Uint8Array
  /** Settles once every append made so far has settled (never rejects). */
  tail: Promise<void> = Promise.resolve()
  pendingAppends = 0
  idleTimer: ReturnType<typeof setTimeout> | null = null
  #capture: Uint8Array[] | null = null
  #durableScheduled = false

  constructor(name: string, parsed: ParsedRoom, stored: StoredDoc) {
    this.name = name
    this.parsed = parsed
    this.doc.transact(() => {
      if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot)
      for (const update of stored.updates) Y.applyUpdate(this.doc, update)
    })
    this.logLength = stored.updates.length
    this.committedSv = Y.encodeStateVector(this.doc)
    this.doc.on('update', (update: Uint8Array) => this.#capture?.push(update))
    this.awareness = new awarenessProtocol.Awareness(this.doc)
    this.awareness.setLocalState(null)
    this.awareness.on('update', (change: AwarenessChange, origin: unknown) => {
      this.#onAwareness(change, origin)
    })
  }

  /**
   * Applies a client's update and returns what changed the doc (empty when nothing new),
   * or throws if Yjs failed half-way: the doc may then be damaged and must be reloaded.
   */
  apply(update: Uint8Array, origin: Connection): { changes: Uint8Array[]; echo: boolean } {
    // With structs waiting for missing ones, this update may release others' changes the
    // sender lacks: only then is it sent back to the sender too.
    const echo = this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null
    const captured: Uint8Array[] = []
    this.#capture = captured
    try {
      Y.applyUpdate(this.doc, update, origin)
    } finally {
      this.#capture = null
    }
    return { changes: captured, echo }
  }

  broadcast(frame: Uint8Array, except: Connection | null = null): void {
    for (const connection of this.connections) {
      if (connection !== except) connection.send(frame)
    }
  }

  /** What a new socket receives first: the relay's sync step 1 and who is here. */
  greet(connection: Connection): void {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, messageSync)
    syncProtocol.writeSyncStep1(encoder, this.doc)
    connection.send(encoding.toUint8Array(encoder))
    const present = [...this.awareness.getStates().keys()]
    if (present.length > 0) connection.send(this.awarenessFrame(present))
  }

  awarenessFrame(clients: number[]): Uint8Array {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, messageAwareness)
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)
    encoding.writeVarUint8Array(encoder, update)
    return encoding.toUint8Array(encoder)
  }

  /** Sends the committed state vector to opted-in sockets, once for a burst of commits. */
  scheduleDurable(): void {
    if (this.#durableScheduled) return
    this.#durableScheduled = true
    queueMicrotask(() => this.sendDurable())
  }

  sendDurable(): void {
    this.#durableScheduled = false
    const frame = encodeDurable(this.committedSv)
    for (const connection of this.connections) {
      if (connection.durable) connection.send(frame)
    }
  }

  leave(connection: Connection): void {
    this.connections.delete(connection)
    const ids = [...connection.awarenessIds]
    if (ids.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, ids, null)
  }

  destroy(): void {
    if (this.idleTimer !== null) clearTimeout(this.idleTimer)
    this.awareness.destroy()
    this.doc.destroy()
  }

  #onAwareness({ added, updated, removed }: AwarenessChange, origin: unknown): void {
    if (origin instanceof Connection) {
      for (const id of added) origin.awarenessIds.add(id)
      for (const id of removed) origin.awarenessIds.delete(id)
    }
    this.broadcast(this.awarenessFrame([...added, ...updated, ...removed]))
  }
}
