import type { ParsedRoom } from '../shared/protocol/index.ts'
import type { Member } from './members.ts'
import type { Log, Peer } from './peer.ts'
import { CLOSE_REASONS, CloseCode, type CloseCodeName } from '../shared/protocol/index.ts'
import type { SendBudget } from './rate-limit.ts'

let nextId = 1

/** One authenticated socket in one room. */
export class Connection {
  readonly id = nextId++
  readonly peer: Peer
  /** Who the socket belongs to; replaced when the member's role or details change. */
  member: Member
  readonly roomName: string
  readonly room: ParsedRoom
  /** Opted in to durability acknowledgements (`durable=1`). */
  readonly durable: boolean
  readonly ip: string
  /** Awareness client ids this socket announced; removed for everyone when it closes. */
  readonly awarenessIds = new Set<number>()
  /** Client ids whose updates from this socket were refused: what builds on them is refused too. */
  readonly heldBack = new Set<number>()
  /** What this socket may still send (the member's own budget is the relay's). */
  readonly budget: SendBudget
  #closed = false
  readonly #maxBuffered: number
  readonly #log: Log
  readonly #onClose: (connection: Connection) => void

  constructor(fields: {
    peer: Peer
    member: Member
    roomName: string
    room: ParsedRoom
    durable: boolean
    ip: string
    maxBufferedBytes: number
    budget: SendBudget
    log: Log
    onClose: (connection: Connection) => void
  }) {
    this.budget = fields.budget
    this.peer = fields.peer
    this.member = fields.member
    this.roomName = fields.roomName
    this.room = fields.room
    this.durable = fields.durable
    this.ip = fields.ip
    this.#maxBuffered = fields.maxBufferedBytes
    this.#log = fields.log
    this.#onClose = fields.onClose
  }

  get closed(): boolean {
    return this.#closed
  }

  /**
   * Sends a frame, or disconnects a reader that lets too much pile up: memory per socket stays
   * under the limit plus one frame (a large first sync must still get through).
   */
  send(frame: Uint8Array): void {
    if (this.#closed) return
    if (this.peer.bufferedAmount > this.#maxBuffered) {
      this.close('overloaded', 'send buffer full')
      return
    }
    this.peer.send(frame)
  }

  /** Closes with one of the protocol's close codes; `detail` goes to the log only. */
  close(code: CloseCodeName, detail?: string): void {
    if (this.#closed) return
    this.#log('close', {
      connection: this.id,
      member: this.member.id,
      room: this.roomName,
      code: CloseCode[code],
      detail,
    })
    this.closedByPeer()
    this.peer.close(CloseCode[code], CLOSE_REASONS[code])
  }

  /** The socket went away (or is going): leave the room once. */
  closedByPeer(): void {
    if (this.#closed) return
    this.#closed = true
    this.#onClose(this)
  }
}
