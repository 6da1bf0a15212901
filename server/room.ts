import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { declareRoots } from '../shared/model/roots.ts'
import { encodeDurable, messageAwareness, messageSync } from '../shared/protocol/index.ts'
import type { ParsedRoom } from '../shared/protocol/index.ts'
import type { ClientOwners } from './client-owners.ts'
import type { Connection } from './connection.ts'

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] }

/** A kept copy of the doc that no guard asked for this long is dropped (made again on demand). */
const SHADOW_IDLE_MS = 120_000

/** The doc as it would be after an update, and which of its types the update changed. */
export type Preview = { doc: Y.Doc; changed: Y.Transaction['changed'] }

/** A loaded room: its Y.Doc, its awareness and the sockets in it. */
export class Room {
  readonly name: string
  readonly parsed: ParsedRoom
  readonly doc: Y.Doc
  readonly awareness: awarenessProtocol.Awareness
  readonly connections = new Set<Connection>()
  readonly owners: ClientOwners
  /** Which socket publishes presence for each awareness client id. */
  readonly presenceHolders = new Map<number, Connection>()
  /** Updates in the store's log after the snapshot; compaction starts past a limit. */
  logLength: number
  /** Rows of the log that could not be loaded (not compacted away, kept for the operator). */
  readonly damagedRows: number
  /** The doc's state vector as of the last committed append: never covers an uncommitted update. */
  committedSv: Uint8Array
  /** Settles once every append made so far has settled (never rejects). */
  tail: Promise<void> = Promise.resolve()
  pendingAppends = 0
  idleTimer: ReturnType<typeof setTimeout> | null = null
  #capture: Uint8Array[] | null = null
  #durableScheduled = false
  /** A copy of the doc that guards apply an update to first; in step with `doc` when not null. */
  #shadow: Y.Doc | null = null
  #shadowChanged: Preview['changed'] | null = null
  /** When a guard last asked for a preview: a copy nobody asks for goes after a while. */
  #shadowUsedAt = 0
  /** Frames waiting for claims to reach the disk (see `send`). */
  #held: (() => void)[] | null = null
  #turn: { stateVector: Uint8Array | null } | null = null

  constructor(
    name: string,
    parsed: ParsedRoom,
    loaded: { doc: Y.Doc; logLength: number; damagedRows: number },
    owners: ClientOwners,
  ) {
    this.name = name
    this.parsed = parsed
    this.doc = loaded.doc
    this.owners = owners
    this.logLength = loaded.logLength
    this.damagedRows = loaded.damagedRows
    this.committedSv = Y.encodeStateVector(this.doc)
    this.doc.on('update', (update: Uint8Array) => this.#capture?.push(update))
    this.awareness = new awarenessProtocol.Awareness(this.doc)
    this.awareness.setLocalState(null)
    this.awareness.on('update', (change: AwarenessChange) => this.#onAwareness(change))
  }

  /**
   * What the doc would be after `update`, computed on a copy kept for the purpose (made once,
   * then kept in step), so a guard compares before and after without copying the doc per update.
   * Throws when Yjs fails on the update; the copy is then dropped.
   */
  preview(update: Uint8Array): Preview {
    if (this.#shadow === null) {
      this.#shadow = new Y.Doc({ gc: this.doc.gc })
      declareRoots(this.#shadow, this.parsed.kind)
      Y.applyUpdate(this.#shadow, Y.encodeStateAsUpdate(this.doc))
      this.#shadow.on('afterTransaction', (transaction: Y.Transaction) => {
        if (this.#shadowChanged === null) return
        for (const [type, keys] of transaction.changed) {
          const known = this.#shadowChanged.get(type) ?? new Set()
          for (const key of keys) known.add(key)
          this.#shadowChanged.set(type, known)
        }
      })
    }
    const shadow = this.#shadow
    this.#shadowUsedAt = performance.now()
    const changed: Preview['changed'] = new Map()
    this.#shadowChanged = changed
    try {
      Y.applyUpdate(shadow, update)
    } catch (error) {
      this.dropPreview()
      throw error
    } finally {
      this.#shadowChanged = null
    }
    return { doc: shadow, changed }
  }

  /** The update previewed last was refused: the copy is no longer in step, so it goes. */
  dropPreview(): void {
    this.#shadow?.destroy()
    this.#shadow = null
  }

  /**
   * Applies a client's update and returns what changed the doc (empty when nothing new), or throws
   * if Yjs failed half-way: the doc may then be damaged and must be reloaded. `previewed` says the
   * copy has this update already; otherwise the copy gets it too.
   */
  apply(update: Uint8Array, origin: Connection, previewed: boolean): Uint8Array[] {
    const captured: Uint8Array[] = []
    this.#capture = captured
    try {
      Y.applyUpdate(this.doc, update, origin)
    } finally {
      this.#capture = null
    }
    if (!previewed && this.#shadow !== null) {
      // A paper's copy is made when a reviewer suggests; kept in step only while they go on.
      if (performance.now() - this.#shadowUsedAt > SHADOW_IDLE_MS) this.dropPreview()
      else Y.applyUpdate(this.#shadow, update)
    }
    return captured
  }

  /**
   * The doc's state vector as it will be at the end of this event-loop turn, filled in then. The
   * store commits a turn's appends in one transaction, so this is what their commit covers.
   */
  endOfTurn(): { stateVector: Uint8Array | null } {
    if (this.#turn === null) {
      const turn: { stateVector: Uint8Array | null } = { stateVector: null }
      this.#turn = turn
      setImmediate(() => {
        turn.stateVector = Y.encodeStateVector(this.doc)
        this.#turn = null
      })
    }
    return this.#turn
  }

  /**
   * Sends a frame that carries content. While a claim made in this room is on its way to disk,
   * such frames wait (in order): no struct leaves the relay under a client id whose owner a crash
   * could forget, or another member could claim the id with the copy they were sent.
   */
  send(deliver: () => void): void {
    if (this.#held !== null) {
      this.#held.push(deliver)
      return
    }
    if (!this.owners.saving) {
      deliver()
      return
    }
    this.#held = [deliver]
    const release = (stored: boolean) => {
      if (stored && this.owners.saving) {
        void this.owners.saved().then(release)
        return
      }
      const held = this.#held ?? []
      this.#held = null
      // A claim that could not be stored takes its update with it (the room is reloaded): the
      // frames that carry it are not sent.
      if (stored) for (const next of held) next()
    }
    void this.owners.saved().then(release)
  }

  broadcast(frame: Uint8Array, except: Connection | null = null): void {
    this.send(() => {
      for (const connection of this.connections) {
        if (connection !== except) connection.send(frame)
      }
    })
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
    this.dropPreview()
    this.doc.destroy()
  }

  #onAwareness({ added, updated, removed }: AwarenessChange): void {
    for (const id of removed) {
      this.presenceHolders.get(id)?.awarenessIds.delete(id)
      this.presenceHolders.delete(id)
    }
    // Presence carries no content: it need not wait for claims.
    const frame = this.awarenessFrame([...added, ...updated, ...removed])
    for (const connection of this.connections) connection.send(frame)
  }
}
