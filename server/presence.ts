import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import { messageMember, type MemberUpdate } from '../shared/protocol/admin.ts'
import { depthExceeds } from '../shared/updates/index.ts'
import type { Member } from './members.ts'
import type { Connection } from './connection.ts'
import { RejectedFrame } from './relay-context.ts'
import type { Room } from './room.ts'

/** Caps on what one presence (awareness) state may be. */
export const PRESENCE_LIMITS = {
  /** A state's JSON text; the app's (member and caret) is a few hundred characters. */
  maxStateChars: 4096,
  /** Objects and arrays nested in a state. */
  maxDepth: 8,
  /** Client ids one socket may publish presence for (the stock client uses one). */
  maxIdsPerSocket: 4,
} as const

type Entry = { client: number; clock: number; state: string }

/**
 * The part of a client's awareness update the relay takes, re-encoded, or null when nothing is
 * left. A socket publishes only for client ids it holds: the first id it announces that nobody
 * else holds (in presence or as a writer of this room) becomes its own. Entries for other ids are
 * dropped, not refused, because the stock y-websocket client re-sends every change it sees,
 * others' included. The identity fields (`user.memberId`, `name`, `organisation`, `role`) are the
 * authenticated member's, whatever the client wrote; states too large or too deep are dropped.
 */
export function admitPresence(room: Room, connection: Connection, update: Uint8Array) {
  const entries = readEntries(update)
  const kept: Entry[] = []
  for (const entry of entries) {
    if (!holds(room, connection, entry)) continue
    if (entry.state.length > PRESENCE_LIMITS.maxStateChars) continue
    let state: unknown
    try {
      state = JSON.parse(entry.state)
    } catch {
      throw new RejectedFrame('malformed', 'presence that is not JSON')
    }
    if (depthExceeds(state, PRESENCE_LIMITS.maxDepth)) continue
    kept.push({ ...entry, state: JSON.stringify(withIdentity(state, connection)) })
  }
  return kept.length === 0 ? null : encodeEntries(kept)
}

/** Whether the socket holds `entry.client` (taking it if nobody does). */
function holds(room: Room, connection: Connection, { client, state }: Entry): boolean {
  const holder = room.presenceHolders.get(client)
  if (holder === connection) return true
  if (holder !== undefined) {
    // The member's own new socket (a reconnect before the old one timed out) takes it over.
    if (holder.member.id !== connection.member.id) return false
    holder.awarenessIds.delete(client)
  } else {
    if (state === 'null') return false
    if (connection.awarenessIds.size >= PRESENCE_LIMITS.maxIdsPerSocket) return false
    if (!room.owners.reserve(client, connection.member.id)) return false
  }
  room.presenceHolders.set(client, connection)
  connection.awarenessIds.add(client)
  return true
}

/**
 * After the member's role or details changed: their presence says so too, with a newer clock
 * than the one they last sent (the relay's own entry for their id).
 */
export function refreshPresence(room: Room, connection: Connection): void {
  const entries: Entry[] = []
  for (const client of connection.awarenessIds) {
    const state = room.awareness.getStates().get(client)
    const clock = room.awareness.meta.get(client)?.clock
    if (state === undefined || clock === undefined) continue
    entries.push({
      client,
      clock: clock + 1,
      state: JSON.stringify(withIdentity(state, connection)),
    })
  }
  if (entries.length > 0) {
    awarenessProtocol.applyAwarenessUpdate(room.awareness, encodeEntries(entries), connection)
  }
}

/** Message 101: the member as the relay now knows them, for their app to follow. */
export function memberFrame(member: Member): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageMember)
  const update: MemberUpdate = {
    id: member.id,
    name: member.name,
    organisation: member.organisation,
    role: member.role,
  }
  encoding.writeVarString(encoder, JSON.stringify(update))
  return encoding.toUint8Array(encoder)
}

function withIdentity(state: unknown, connection: Connection): unknown {
  if (typeof state !== 'object' || state === null || Array.isArray(state)) return state
  const { member } = connection
  const user = (state as { user?: unknown }).user
  const given = typeof user === 'object' && user !== null && !Array.isArray(user) ? user : {}
  return {
    ...state,
    user: {
      ...given,
      memberId: member.id,
      name: member.name,
      organisation: member.organisation,
      role: member.role,
    },
  }
}

function readEntries(update: Uint8Array): Entry[] {
  try {
    const decoder = decoding.createDecoder(update)
    const count = decoding.readVarUint(decoder)
    const entries: Entry[] = []
    for (let i = 0; i < count; i++) {
      const client = decoding.readVarUint(decoder)
      const clock = decoding.readVarUint(decoder)
      const state = decoding.readVarString(decoder)
      entries.push({ client, clock, state })
    }
    return entries
  } catch (error) {
    throw new RejectedFrame('malformed', `presence: ${String(error)}`)
  }
}

function encodeEntries(entries: Entry[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const { client, clock, state } of entries) {
    encoding.writeVarUint(encoder, client)
    encoding.writeVarUint(encoder, clock)
    encoding.writeVarString(encoder, state)
  }
  return encoding.toUint8Array(encoder)
}
