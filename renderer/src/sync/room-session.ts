import { Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { SamstemtApi } from '../../../shared/ipc/contract.ts'
import {
  CloseCode,
  isFinalClose,
  relaySecurity,
  uncommittedCount,
  type RelaySecurity,
} from '../../../shared/protocol/index.ts'
import { call, HostFailure, toUiError, type UiError } from '../host/host.ts'
import {
  initialConnection,
  nextConnection,
  type Connection,
  type ConnectionEvent,
} from './connection-state.ts'
import type { AwarenessUser } from './presence.ts'
import { STORE_ORIGIN } from './origins.ts'
import type { RelayAccess } from './relay-access.ts'
import { connectRelay, type RelayLink } from './relay-link.ts'
import { savedState, type SavedState } from './saved-state.ts'
import { UpdateBatcher } from './update-batcher.ts'

export type RoomOptions = {
  api: SamstemtApi
  room: string
  /** The workspace's standing with its relay (tickets, member); null without a relay. */
  connection: RelayAccess | null
  readOnly: boolean
  user: AwarenessUser
}

export type RoomStatus = {
  loaded: boolean
  connection: Connection
  saved: SavedState
  /** The relay refused one of this client's updates (permission denied). */
  refused: boolean
}

/**
 * One room's Y.Doc: loaded from this computer's store first, every update stored there (a batch per
 * frame), then synced through the relay, whose durability acknowledgements say what is saved there.
 */
export class RoomSession {
  readonly doc = new Y.Doc()
  readonly awareness: Awareness
  readonly ready: Promise<void>
  private link: RelayLink | null = null
  private stopFollowing: (() => void) | null = null
  private readOnly: boolean
  private connection = initialConnection(false)
  private committed: Map<number, number> | null = null
  private baseline = new Map<number, number>()
  private loaded = false
  private refused = false
  private storing = 0
  private storeError: UiError | null = null
  private closed = false
  private status: RoomStatus
  private readonly listeners = new Set<() => void>()
  private readonly batcher: UpdateBatcher

  private readonly options: RoomOptions

  constructor(options: RoomOptions) {
    this.options = options
    this.readOnly = options.readOnly
    this.connection = initialConnection(options.connection !== null)
    this.awareness = new Awareness(this.doc)
    this.awareness.setLocalStateField('user', options.user)
    this.batcher = new UpdateBatcher({
      append: (updates) => this.append(updates),
      onChange: ({ storing, error }) => {
        this.storing = storing
        this.storeError = error === null ? null : toUiError(error)
        this.refresh()
      },
    })
    this.status = this.compute()
    // Remote updates are stored too, so the doc opens complete when the relay is out of reach.
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== STORE_ORIGIN) this.batcher.add(update)
    })
    this.ready = this.load()
  }

  get room(): string {
    return this.options.room
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  getStatus = (): RoomStatus => this.status

  /**
   * What the relay has committed as far as this session knows: its last acknowledgement (kept
   * across restarts), or the state when the doc was loaded. Null without a relay: nothing waits.
   */
  committedState(): Map<number, number> | null {
    if (this.options.connection === null) return null
    return this.committed ?? this.baseline
  }

  /** How safe the way to the relay is (the status bar's lock); null without a relay. */
  get security(): RelaySecurity | null {
    const access = this.options.connection
    return access === null ? null : relaySecurity(access.relay)
  }

  setUser(user: AwarenessUser): void {
    this.awareness.setLocalStateField('user', user)
  }

  /** The member's role changed: what this room may take from them changed with it. */
  setReadOnly(readOnly: boolean): void {
    this.readOnly = readOnly
    this.refresh()
  }

  /** Resolves once every change so far is stored on this computer (or the store failed). */
  flush(): Promise<void> {
    return this.batcher.flush()
  }

  /** Stores what is pending, leaves the relay and frees the doc. */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.batcher.flush()
    this.stopFollowing?.()
    this.link?.destroy()
    this.awareness.destroy()
    this.doc.destroy()
    this.listeners.clear()
  }

  private async load(): Promise<void> {
    const result = await call(this.options.api, 'store/load', { doc: this.options.room })
    if (this.closed) return
    if (result.ok) {
      try {
        this.doc.transact(() => {
          for (const update of result.value.updates) Y.applyUpdate(this.doc, update)
        }, STORE_ORIGIN)
        // What the relay had confirmed before a restart: changes beyond it are still waiting.
        const confirmed = result.value.confirmed
        if (confirmed !== null && this.options.connection !== null) {
          this.committed = Y.decodeStateVector(confirmed)
        }
      } catch (error) {
        this.storeError = toUiError(new HostFailure({ code: 'store', message: String(error) }))
      }
    } else {
      this.storeError = result.error
    }
    this.baseline = Y.decodeStateVector(Y.encodeStateVector(this.doc))
    this.loaded = true
    const access = this.options.connection
    if (access !== null) {
      this.stopFollowing = access.subscribe(() => this.follow(access))
      this.follow(access)
      if (access.getState().ticket === null) void access.renew()
    }
    this.refresh()
  }

  /** Connects once there is a ticket, renews the one reconnects use, and leaves when access ends. */
  private follow(access: RelayAccess): void {
    if (this.closed) return
    const state = access.getState()
    if (state.access !== 'active') {
      this.link?.destroy()
      this.link = null
      this.onConnection({ type: 'ended', access: state.access })
      return
    }
    if (state.ticket === null) {
      if (state.unreachable) this.onConnection({ type: 'unreachable' })
      return
    }
    if (this.link === null) this.connect(access, state.ticket.value)
    else this.link.useTicket(state.ticket.value)
  }

  private async append(updates: Uint8Array[]): Promise<void> {
    const result = await call(this.options.api, 'store/append', {
      doc: this.options.room,
      updates,
    })
    if (!result.ok) throw new HostFailure(result.error)
  }

  private connect(access: RelayAccess, ticket: string): void {
    this.link = connectRelay({
      doc: this.doc,
      awareness: this.awareness,
      room: this.options.room,
      relay: access.relay,
      ticket,
      onDurable: (committed, stateVector) => {
        this.committed = committed
        this.refresh()
        this.recordConfirmed(stateVector)
      },
      onRefused: () => {
        this.refused = true
        this.refresh()
      },
      onMember: (member) => access.memberChanged(member),
      onTicketRefused: (refused) => access.ticketRefused(refused),
      onConnection: (event) => {
        this.onConnection(event)
        if (event.type !== 'closed' || event.code === null || !isFinalClose(event.code)) return
        // A damaged room or one of another workspace ends this room, not the member's access.
        if (event.code === CloseCode.roomDamaged || event.code === CloseCode.unknownRoom) return
        access.refusedForGood(event.code === CloseCode.revoked)
      },
    })
  }

  /** Tells the host what the relay confirmed; the host writes it to disk at most twice a second. */
  private recordConfirmed(stateVector: Uint8Array): void {
    if (this.closed) return
    void call(this.options.api, 'store/confirm', { doc: this.options.room, stateVector })
  }

  private onConnection(event: ConnectionEvent): void {
    this.connection = nextConnection(this.connection, event)
    this.refresh()
  }

  private compute(): RoomStatus {
    const uncommitted = this.committed === null ? null : uncommittedCount(this.doc, this.committed)
    const saved = savedState({
      loaded: this.loaded,
      readOnly: this.readOnly,
      hasRelay: this.options.connection !== null,
      storing: this.storing,
      storeError: this.storeError,
      uncommitted,
      changedSinceLoad: this.loaded ? uncommittedCount(this.doc, this.baseline) : 0,
    })
    if (uncommitted === 0) this.refused = false
    return {
      loaded: this.loaded,
      connection: this.connection.connection,
      saved,
      refused: this.refused,
    }
  }

  private refresh(): void {
    if (this.closed) return
    const next = this.compute()
    if (JSON.stringify(next) === JSON.stringify(this.status)) return
    this.status = next
    for (const listener of this.listeners) listener()
  }
}
