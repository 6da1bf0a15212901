import {
  CLOSE_REASONS,
  CloseCode,
  DURABLE_PARAM,
  TOKEN_PARAM,
  composeGuards,
  parseRoom,
  type CloseCodeName,
  type WriteGuard,
} from '../shared/protocol/index.ts'
import type { UpdateStore } from '../shared/store/index.ts'
import type * as Y from 'yjs'
import { Connection } from './connection.ts'
import type { Member, MemberDirectory } from './members.ts'
import { dispatch } from './message-handlers.ts'
import { Metrics } from './metrics.ts'
import type { Log, Peer } from './peer.ts'
import { RejectedFrame, type RelayServices } from './relay-context.ts'
import { SendBudget } from './rate-limit.ts'
import { RoomDamaged, RoomRegistry, type RoomPolicy } from './room-registry.ts'
import { memberFrame, refreshPresence } from './presence.ts'
import { TICKET_PARAM } from '../shared/protocol/admin.ts'
import type { Room } from './room.ts'
import { writePolicy } from './write-policy.ts'

/** Limits of the transport-free core; the HTTP layer has its own (frame size, per IP). */
export type CoreLimits = RoomPolicy & {
  /** A socket whose unsent data exceeds this is disconnected (1013). */
  maxBufferedBytes: number
  /** Sockets one member may hold open at once (one room each, as in y-websocket). */
  maxConnectionsPerMember: number
  /**
   * Messages one socket may send per second, sustained; bursts up to 10x pass. A member's sockets
   * together may send 4x this. Past it the socket is closed with 1013 (tooFast).
   */
  maxMessagesPerSecond: number
  /** Bytes one socket may send per second, sustained, with bursts up to `maxBurstBytes`; a member 4x. */
  maxBytesPerSecond: number
  maxBurstBytes: number
}

/** How much more a member's sockets together may send than one socket. */
const MEMBER_FACTOR = 4

/** What the socket's upgrade request said. */
export type ConnectRequest = { path: string; params: URLSearchParams; ip: string }

/**
 * The relay without its transport: authenticates sockets, routes their frames to rooms,
 * and enforces roles. The WebSocket adapter feeds it Peers and frames.
 */
export class Relay {
  readonly metrics = new Metrics()
  readonly #members: MemberDirectory
  readonly #services: RelayServices
  readonly #limits: CoreLimits
  /** Every admitted socket and the room it is in. */
  readonly #connections = new Map<Connection, Room>()
  readonly #perMember = new Map<string, number>()
  /** Each member's send budget, across their sockets; dropped once refilled and unused. */
  readonly #memberBudgets = new Map<string, SendBudget>()
  #closing = false
  readonly #seen: (memberId: string) => void

  constructor(options: {
    store: UpdateStore
    members: MemberDirectory
    limits: CoreLimits
    log: Log
    /** Checked after the product's own write policy (`writePolicy`), which always applies. */
    writeGuard?: WriteGuard | null
    /** Told when a member connects or leaves (for "last seen"). */
    seen?: (memberId: string) => void
  }) {
    this.#seen = options.seen ?? (() => undefined)
    this.#members = options.members
    this.#limits = options.limits
    this.#services = {
      store: options.store,
      registry: new RoomRegistry(options.store, options.limits, options.log),
      metrics: this.metrics,
      writeGuard: composeGuards(writePolicy, options.writeGuard),
      loadDoc: (name) => this.#loadDoc(name),
      log: options.log,
      resetRoom: (room, offender, detail) => this.#resetRoom(room, offender, detail),
    }
  }

  get connectionCount(): number {
    return this.#connections.size
  }

  get roomCount(): number {
    return this.#services.registry.size
  }

  /** Stored rows left out of loaded rooms because they could not be read (for /metrics). */
  get damagedRows(): number {
    return this.#services.registry.damagedRows
  }

  /** Admits a socket into its room, or closes it with a 44xx code and returns null. */
  connect(peer: Peer, request: ConnectRequest): Connection | null {
    const refuse = (code: CloseCodeName, detail: string): null => {
      this.#services.log('refused', {
        ip: request.ip,
        path: request.path,
        code: CloseCode[code],
        detail,
      })
      this.metrics.closed(CloseCode[code])
      peer.close(CloseCode[code], CLOSE_REASONS[code])
      return null
    }
    if (this.#closing) return refuse('restarting', 'shutting down')
    // The app connects with a short-lived ticket (its token stays in the host); stock clients
    // and scripts with a session token.
    const token = request.params.get(TOKEN_PARAM)
    const ticket = request.params.get(TICKET_PARAM)
    let auth: ReturnType<MemberDirectory['redeemTicket']>
    if (ticket !== null && ticket !== '') auth = this.#members.redeemTicket(ticket)
    else if (token !== null && token !== '') auth = this.#members.authenticate(token)
    else return refuse('badToken', 'no token')
    if (auth.status === 'expired') return refuse('ticketExpired', 'ticket expired')
    if (auth.status === 'unknown') return refuse('badToken', 'unknown token')
    if (auth.status === 'revoked') return refuse('revoked', `member ${auth.member.id}`)
    const member = auth.member
    const roomName = request.path.replace(/^\/+/, '')
    const parsed = parseRoom(roomName)
    if (parsed === null || parsed.workspace !== member.workspace) {
      return refuse('unknownRoom', `member ${member.id}`)
    }
    const open = this.#perMember.get(member.id) ?? 0
    if (open >= this.#limits.maxConnectionsPerMember) {
      return refuse('overloaded', `member ${member.id} has ${open} connections`)
    }
    const connection = new Connection({
      peer,
      member,
      roomName,
      room: parsed,
      durable: request.params.get(DURABLE_PARAM) === '1',
      ip: request.ip,
      maxBufferedBytes: this.#limits.maxBufferedBytes,
      budget: this.#budget(1),
      log: this.#services.log,
      onClose: (c) => this.#leave(c),
    })
    if (this.#services.registry.isDraining(roomName)) {
      return refuse('restarting', `${roomName} is being reloaded`)
    }
    let room: Room
    try {
      room = this.#services.registry.acquire(roomName, parsed)
    } catch (error) {
      if (error instanceof RoomDamaged) return refuse('roomDamaged', error.message)
      return refuse('storageFailed', `loading ${roomName}: ${String(error)}`)
    }
    this.#connections.set(connection, room)
    this.#perMember.set(member.id, open + 1)
    this.#seen(member.id)
    room.connections.add(connection)
    this.#services.log('connect', {
      connection: connection.id,
      member: member.id,
      room: roomName,
      role: member.role,
      ip: request.ip,
    })
    try {
      room.greet(connection)
    } catch (error) {
      // Nothing a client sent may end the relay; a greeting that cannot be made closes only this socket.
      this.#close(connection, 'malformed', `greeting: ${String(error)}`)
      return null
    }
    return connection
  }

  /** Handles one frame; a frame the relay cannot accept closes only this socket. */
  receive(connection: Connection, frame: Uint8Array): void {
    if (this.#closing || connection.closed) return
    const room = this.#connections.get(connection)
    if (room === undefined) return
    if (
      !connection.budget.charge(frame.byteLength) ||
      !this.#memberBudget(connection).charge(frame.byteLength)
    ) {
      this.#close(connection, 'tooFast', `member ${connection.member.id} sends too fast`)
      return
    }
    try {
      dispatch({ services: this.#services, room, connection }, frame)
    } catch (error) {
      const code = error instanceof RejectedFrame ? error.code : 'malformed'
      this.#close(connection, code, error instanceof Error ? error.message : String(error))
    }
  }

  /** Closes a socket for a reason the transport found (a text frame, say). */
  reject(connection: Connection, code: CloseCodeName, detail: string): void {
    this.#close(connection, code, detail)
  }

  /**
   * Applies members' changes to their open sockets at once: a revoked member's sockets close
   * (4403); a new role (or name, organisation) counts from their next frame, is written into
   * their presence, and is told to their app (message 101) so that it can change its screen.
   */
  membersChanged(members: readonly Member[]): void {
    const byId = new Map(members.map((member) => [member.id, member]))
    for (const [connection, room] of [...this.#connections]) {
      const member = byId.get(connection.member.id)
      if (member === undefined) continue
      if (member.revokedAt !== null) {
        this.#close(connection, 'revoked', 'member revoked')
        continue
      }
      const before = connection.member
      if (
        before.role === member.role &&
        before.name === member.name &&
        before.organisation === member.organisation
      ) {
        continue
      }
      connection.member = member
      this.#services.log('member-changed', {
        connection: connection.id,
        member: member.id,
        role: member.role,
      })
      connection.send(memberFrame(member))
      refreshPresence(room, connection)
    }
  }

  /**
   * Stops taking frames, commits everything, tells opted-in clients what is committed, and
   * closes every socket with 1012 (clients reconnect to the restarted relay).
   */
  async shutdown(): Promise<void> {
    if (this.#closing) return
    this.#closing = true
    const registry = this.#services.registry
    await this.#services.store.flush()
    await Promise.all([...registry.rooms()].map((room) => room.tail))
    await registry.drained()
    for (const room of registry.rooms()) room.sendDurable()
    for (const connection of [...this.#connections.keys()])
      this.#close(connection, 'restarting', 'shutdown')
    registry.dropAll()
  }

  #budget(factor: number): SendBudget {
    const limits = this.#limits
    return new SendBudget({
      messages: {
        perSecond: limits.maxMessagesPerSecond * factor,
        burst: limits.maxMessagesPerSecond * 10 * factor,
      },
      bytes: { perSecond: limits.maxBytesPerSecond * factor, burst: limits.maxBurstBytes * factor },
    })
  }

  #memberBudget(connection: Connection): SendBudget {
    const id = connection.member.id
    let budget = this.#memberBudgets.get(id)
    if (budget === undefined) {
      budget = this.#budget(MEMBER_FACTOR)
      this.#memberBudgets.set(id, budget)
    }
    return budget
  }

  #close(connection: Connection, code: CloseCodeName, detail: string): void {
    if (connection.closed) return
    this.metrics.closed(CloseCode[code])
    connection.close(code, detail)
  }

  #leave(connection: Connection): void {
    const room = this.#connections.get(connection)
    if (room === undefined) return
    this.#connections.delete(connection)
    this.#seen(connection.member.id)
    const left = (this.#perMember.get(connection.member.id) ?? 1) - 1
    if (left > 0) this.#perMember.set(connection.member.id, left)
    else this.#perMember.delete(connection.member.id)
    // A member who comes back at once keeps a spent budget; only a full one is forgotten.
    for (const [id, budget] of this.#memberBudgets) {
      if (!this.#perMember.has(id) && budget.full) this.#memberBudgets.delete(id)
    }
    room.leave(connection)
    this.#services.registry.release(room)
  }

  /**
   * A room's doc for the write guard: the loaded one (it holds accepted updates not yet on disk),
   * or one loaded now and unloaded again when idle; null when its stored data cannot be read at
   * all. Throws RejectedFrame (1011, transient) while the room's last appends are still on their
   * way to disk or when the store cannot read it just now.
   */
  #loadDoc(name: string): Y.Doc | null {
    const registry = this.#services.registry
    // Asked on every keystroke in a paper: a loaded room is answered without touching its timers.
    const loaded = registry.loaded(name)
    if (loaded !== undefined) return loaded.doc
    const parsed = parseRoom(name)
    if (parsed === null) throw new RangeError(`Not a room name: ${name}`)
    if (registry.isDraining(name)) {
      throw new RejectedFrame('storageFailed', `${name} is being reloaded`)
    }
    try {
      const room = registry.acquire(name, parsed)
      registry.release(room)
      return room.doc
    } catch (error) {
      if (error instanceof RoomDamaged) return null
      throw new RejectedFrame('storageFailed', `loading ${name}: ${String(error)}`)
    }
  }

  #resetRoom(room: Room, offender: Connection | null, detail: string): void {
    this.#services.log('room-reset', { room: room.name, offender: offender?.member.id, detail })
    if (offender !== null) this.#close(offender, 'invalidUpdate', detail)
    const code = offender === null ? 'storageFailed' : 'restarting'
    for (const connection of [...room.connections]) this.#close(connection, code, 'room reset')
    this.#services.registry.drop(room)
  }
}
