/** y-websocket's message types (first varuint of every frame), plus Samstemt's own. */
export const messageSync = 0
export const messageAwareness = 1
export const messageAuth = 2
export const messageQueryAwareness = 3
/** Relay -> opted-in client: the room's committed state vector (see durable.ts). */
export const messageDurable = 100

/** URL query parameters next to the room name: `${relay}/${room}?token=...&durable=1`. */
export const TOKEN_PARAM = 'token'
export const DURABLE_PARAM = 'durable'

/**
 * Close codes the relay uses. 44xx codes are final: y-websocket clients stop reconnecting.
 * The others are transient: the client retries with backoff.
 */
export const CloseCode = {
  /** Missing or unknown token. */
  badToken: 4401,
  /** The member was revoked. */
  revoked: 4403,
  /** Not a room name, or a room of another workspace. */
  unknownRoom: 4404,
  /** The room's stored data cannot be read at all; the operator must restore it. */
  roomDamaged: 4410,
  /**
   * An update that builds on changes the relay does not have (yet): it was not applied.
   * Reconnecting makes the client send everything the relay lacks, in order.
   */
  outOfOrder: 4000,
  /** A connection ticket that expired (or the relay restarted with another key): get a new one. */
  ticketExpired: 4001,
  /** A frame larger than the relay's limit. */
  tooBig: 1009,
  /** A frame that is not the y-websocket protocol. */
  malformed: 1008,
  /** A sync frame whose Yjs update cannot be decoded or applied. */
  invalidUpdate: 1007,
  /** The relay could not store an update; reconnecting resends it. */
  storageFailed: 1011,
  /** The relay is restarting or shutting down. */
  restarting: 1012,
  /** Too many connections, or a reader too slow to keep up. */
  overloaded: 1013,
  /** More messages or bytes per second than the relay takes from one socket or member. */
  tooFast: 1013,
} as const

export type CloseCodeName = keyof typeof CloseCode

/** Reasons sent with each close code (at most 123 bytes: the WebSocket limit). */
export const CLOSE_REASONS: Record<CloseCodeName, string> = {
  badToken: 'Missing or unknown invite token',
  revoked: 'This invitation was revoked',
  unknownRoom: 'No such room in this workspace',
  tooBig: 'Message too big',
  malformed: 'Malformed message',
  invalidUpdate: 'Invalid document update',
  storageFailed: 'The relay could not save; reconnect to resend',
  restarting: 'The relay is restarting',
  overloaded: 'The relay is overloaded or the connection too slow',
  tooFast: 'Too many messages; slow down and reconnect',
  roomDamaged: 'The relay cannot read this room; ask its operator to restore it',
  outOfOrder: 'An update arrived before what it builds on; reconnect to resend',
  ticketExpired: 'The connection ticket expired; get a new one and reconnect',
}

/** True for close codes after which a client should not reconnect with the same token. */
export function isFinalClose(code: number): boolean {
  return code >= 4400 && code < 4500
}
