import type { UpdateStore } from '../shared/store/index.ts'
import type { Owner } from '../shared/updates/index.ts'

/**
 * Which member writes under each Yjs client id of one room. An id belongs to the member who first
 * used it: in an update (the claim is stored with that update, in the same commit) or in presence
 * (for as long as the room is loaded). A member may use many ids, one per device and session.
 * Structs under another member's id are never taken from anyone else, so nobody can write, erase
 * or plant anything in another member's name.
 */
export class ClientOwners {
  readonly #room: string
  readonly #store: UpdateStore
  /** Ids that have content, with the member who claimed them (on disk, or on its way there). */
  readonly #writers: Map<number, string>
  /** Ids seen only in presence so far, and whose they are while the room is loaded. */
  readonly #present = new Map<number, string>()
  /** Ids claimed in this process whose claim is not on disk yet. */
  readonly #unsaved = new Set<number>()
  #saving: Promise<boolean> = Promise.resolve(true)

  constructor(room: string, store: UpdateStore) {
    this.#room = room
    this.#store = store
    this.#writers = store.claims(room)
  }

  /**
   * What `client` is to `member` for writing: theirs, someone else's, or not claimed for content
   * yet (an id the member holds in presence only counts as that: its first update claims it).
   */
  ownerOf(client: number, member: string): Owner {
    const owner = this.#writers.get(client) ?? this.#present.get(client)
    if (owner === undefined) return 'unclaimed'
    if (owner !== member) return 'foreign'
    return this.#writers.has(client) ? 'own' : 'unclaimed'
  }

  /** The member who holds `client`, in content or presence, if anyone does. */
  owner(client: number): string | undefined {
    return this.#writers.get(client) ?? this.#present.get(client)
  }

  /**
   * Gives the ids to `member` for content now and queues their claims into this turn's commit
   * (before any update appended after this call in the same turn).
   */
  claim(clients: readonly number[], member: string): void {
    const fresh = clients.filter((client) => !this.#writers.has(client))
    if (fresh.length === 0) return
    const saved = fresh.map((client) => {
      this.#writers.set(client, member)
      this.#present.delete(client)
      this.#unsaved.add(client)
      return this.#store.claim(this.#room, client, member)
    })
    const settled = () => {
      for (const client of fresh) this.#unsaved.delete(client)
    }
    this.#saving = Promise.all(saved).then(
      () => (settled(), true),
      () => (settled(), false),
    )
  }

  /** Takes an id for presence: true when it is (now) this member's. Never stored. */
  reserve(client: number, member: string): boolean {
    const owner = this.owner(client)
    if (owner !== undefined) return owner === member
    this.#present.set(client, member)
    return true
  }

  /** True while some claim made here is not on disk yet. */
  get saving(): boolean {
    return this.#unsaved.size > 0
  }

  /** Resolves once the claims made so far are on disk (true) or could not be stored (false). */
  saved(): Promise<boolean> {
    return this.#saving
  }
}
