import { RoomSession, type RoomOptions } from './room-session.ts'

/** A use of a room; `release` once the screen using it goes away. */
export type RoomLease = { session: RoomSession; release(): void }

/** How long a room nobody uses stays open, so going back and forth does not reload it. */
const LINGER_MS = 5_000

/**
 * The open rooms of one workspace, shared: the library and the editor both use the index, and a
 * new paper's room is opened once by whoever creates it and then by the editor.
 */
export class RoomRegistry {
  private readonly rooms = new Map<
    string,
    { session: RoomSession; users: number; timer: ReturnType<typeof setTimeout> | null }
  >()

  private readonly optionsFor: (room: string) => RoomOptions

  constructor(optionsFor: (room: string) => RoomOptions) {
    this.optionsFor = optionsFor
  }

  acquire(room: string): RoomLease {
    let entry = this.rooms.get(room)
    if (entry === undefined) {
      entry = { session: new RoomSession(this.optionsFor(room)), users: 0, timer: null }
      this.rooms.set(room, entry)
    }
    const held = entry
    if (held.timer !== null) clearTimeout(held.timer)
    held.timer = null
    held.users++
    let released = false
    return {
      session: held.session,
      release: () => {
        if (released) return
        released = true
        held.users--
        if (held.users === 0) held.timer = setTimeout(() => this.drop(room), LINGER_MS)
      },
    }
  }

  /** Every room open now (the member's role changed: each is told). */
  sessions(): RoomSession[] {
    return [...this.rooms.values()].map((entry) => entry.session)
  }

  /** Hands everything pending to the store now (the window is about to close). */
  flushAll(): void {
    for (const { session } of this.rooms.values()) void session.flush()
  }

  /** Stores everything pending and closes every room (leaving the workspace). */
  async closeAll(): Promise<void> {
    const entries = [...this.rooms.values()]
    this.rooms.clear()
    await Promise.all(
      entries.map((entry) => {
        if (entry.timer !== null) clearTimeout(entry.timer)
        return entry.session.close()
      }),
    )
  }

  private drop(room: string): void {
    const entry = this.rooms.get(room)
    if (entry === undefined || entry.users > 0) return
    this.rooms.delete(room)
    void entry.session.close()
  }
}
