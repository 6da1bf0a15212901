import type { ParsedRoom } from '../shared/protocol/index.ts'
import type { UpdateStore } from '../shared/store/index.ts'
import type { Log } from './peer.ts'
import { loadStored } from '../shared/updates/index.ts'
import { ClientOwners } from './client-owners.ts'
import { Room } from './room.ts'

/** A room whose stored data exists but none of it can be read. */
export class RoomDamaged extends Error {
  override readonly name = 'RoomDamaged'
  constructor(room: string, detail: string) {
    super(`${room}: ${detail}`)
  }
}

/** When rooms leave memory and when their logs are folded into a snapshot. */
export type RoomPolicy = {
  /** A room without sockets is unloaded after this long (ms). */
  idleUnloadMs: number
  /** Compaction starts in the background once a room's log holds this many updates. */
  compactAfter: number
}

/** Loads rooms from the store on first use, unloads idle ones, compacts long logs. */
export class RoomRegistry {
  readonly #rooms = new Map<string, Room>()
  readonly #store: UpdateStore
  readonly #policy: RoomPolicy
  readonly #log: Log
  readonly #compacting = new Set<string>()
  /** Rooms dropped with appends still on their way to disk: not loadable until they land. */
  readonly #draining = new Map<string, Promise<void>>()
  #damagedRows = 0

  constructor(store: UpdateStore, policy: RoomPolicy, log: Log) {
    this.#store = store
    this.#policy = policy
    this.#log = log
  }

  get size(): number {
    return this.#rooms.size
  }

  rooms(): IterableIterator<Room> {
    return this.#rooms.values()
  }

  /** True while a dropped room's last appends are being committed; try again shortly. */
  isDraining(name: string): boolean {
    return this.#draining.has(name)
  }

  /** The room if it is loaded, without touching its idle timer. */
  loaded(name: string): Room | undefined {
    return this.#rooms.get(name)
  }

  /**
   * The loaded room, or the room loaded now from snapshot + log. Stored updates that cannot be
   * read are left out (and what builds on them), logged and counted; a room with stored data of
   * which nothing can be read throws RoomDamaged. Throws the store's errors when it cannot read.
   */
  acquire(name: string, parsed: ParsedRoom): Room {
    let room = this.#rooms.get(name)
    if (room === undefined) {
      const started = performance.now()
      const stored = this.#store.read(name)
      const { doc, damage } = loadStored(stored)
      if (damage !== null) {
        const nothing = doc.store.clients.size === 0
        this.#log('room-damaged', {
          room: name,
          snapshotLost: damage.snapshot,
          rows: damage.rows,
          loadedNothing: nothing,
        })
        this.#damagedRows += damage.rows.length + (damage.snapshot ? 1 : 0)
        if (nothing) {
          doc.destroy()
          throw new RoomDamaged(name, damage.message)
        }
      }
      room = new Room(
        name,
        parsed,
        { doc, logLength: stored.updates.length, damagedRows: damage?.rows.length ?? 0 },
        new ClientOwners(name, this.#store),
      )
      this.#rooms.set(name, room)
      const ms = Math.round(performance.now() - started)
      this.#log('room-loaded', { room: name, updates: room.logLength, ms })
    }
    if (room.idleTimer !== null) clearTimeout(room.idleTimer)
    room.idleTimer = null
    return room
  }

  /** Stored rows (and snapshots) left out of rooms loaded since start because they were unreadable. */
  get damagedRows(): number {
    return this.#damagedRows
  }

  /** Called when a socket left: a room nobody uses is unloaded once idle and fully committed. */
  release(room: Room): void {
    if (room.connections.size > 0 || room.idleTimer !== null) return
    if (this.#rooms.get(room.name) !== room) return
    room.idleTimer = setTimeout(() => {
      room.idleTimer = null
      void room.tail.then(() => {
        if (room.connections.size === 0 && room.idleTimer === null && room.pendingAppends === 0) {
          this.drop(room)
        }
      })
    }, this.#policy.idleUnloadMs)
    room.idleTimer.unref()
  }

  /** Unloads at once; the room cannot be loaded again before what it queued is on disk. */
  drop(room: Room): void {
    if (this.#rooms.get(room.name) !== room) return
    this.#rooms.delete(room.name)
    if (room.pendingAppends > 0) {
      const drained = room.tail.then(() => void this.#draining.delete(room.name))
      this.#draining.set(room.name, drained)
    }
    room.destroy()
    this.#log('room-unloaded', { room: room.name })
  }

  /** After a commit: fold a long log into a snapshot in the background. */
  committed(room: Room): void {
    if (room.logLength < this.#policy.compactAfter || this.#compacting.has(room.name)) return
    // Compaction would drop the unreadable rows; they stay for the operator to look at.
    if (room.damagedRows > 0) return
    this.#compacting.add(room.name)
    const started = performance.now()
    this.#store
      .compact(room.name)
      .then(
        (result) => {
          room.logLength = Math.max(0, room.logLength - result.compacted)
          const ms = Math.round(performance.now() - started)
          this.#log('room-compacted', { room: room.name, updates: result.compacted, ms })
        },
        (error: unknown) =>
          this.#log('compaction-failed', { room: room.name, error: String(error) }),
      )
      .finally(() => this.#compacting.delete(room.name))
  }

  /** Settles once no dropped room has appends on their way to disk. */
  async drained(): Promise<void> {
    await Promise.all(this.#draining.values())
  }

  /** Unloads every room (shutdown). */
  dropAll(): void {
    for (const room of [...this.#rooms.values()]) this.drop(room)
  }
}
