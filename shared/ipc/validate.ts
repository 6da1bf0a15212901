import { ROLES } from '../protocol/roles.ts'
import { isValidId, parseRoom } from '../protocol/rooms.ts'
import {
  arrayOf,
  boolean,
  bytes,
  integer,
  none,
  nullable,
  object,
  oneOf,
  string,
  type Check,
} from './checks.ts'
import type { Channel, HostError, HostEvent, HostEvents, Request, Result } from './contract.ts'
import { EXPORT_LIMITS, exportProgress, exportRequest } from './export-checks.ts'

/** The limits every request is held to, whichever side sent it. */
export const LIMITS = {
  linkChars: 2048,
  docChars: 200,
  logChars: 8192,
  updatesPerBatch: 10_000,
  updateBytes: 32 * 1024 * 1024,
  batchBytes: 64 * 1024 * 1024,
  /** A state vector holds two varints per client that ever wrote the doc. */
  stateVectorBytes: 1024 * 1024,
  /** A member's name or organisation, a workspace's name. */
  nameChars: 200,
  /** How far ahead an invite may expire. */
  inviteDays: 365,
  /** A Word file sent for import: past the import's own limit, so that limit's message is shown. */
  importBytes: 32 * 1024 * 1024,
  importFileNameChars: 255,
  /** A text saved like an export (unsent comments). */
  exportTextChars: 4_000_000,
  ...EXPORT_LIMITS,
} as const

const id: Check = (value, path) =>
  typeof value === 'string' && isValidId(value)
    ? null
    : `${path} must be an id (A-Z, a-z, 0-9, _ and -, 1-64 characters)`

const room: Check = (value, path) =>
  string(LIMITS.docChars)(value, path) ??
  (parseRoom(value as string) ? null : `${path} is not a room name (<workspace>/index, ...)`)

const link = string(LIMITS.linkChars, undefined, 'link')

/** Some text that is not only spaces, at most `nameChars` long. */
const name: Check = (value, path) =>
  string(LIMITS.nameChars)(value, path) ??
  ((value as string).trim() === '' ? `${path} is empty` : null)

const role = oneOf(ROLES)

const requests: Record<Channel, Check> = {
  'app/info': none,
  'settings/get': none,
  'settings/update': object(
    {},
    { language: oneOf(['nb', 'en']), lastWorkspace: nullable(id), secretsNoticeSeen: boolean },
  ),
  'workspaces/list': none,
  'workspaces/preview-invite': object({ link }, { allowInsecure: boolean }),
  'workspaces/join': object({ link }, { allowInsecure: boolean }),
  'workspaces/create-sample': none,
  'workspaces/connection': object({ workspace: id }),
  'workspaces/can-create': object({ from: id }),
  'workspaces/create': object({ from: id, name }),
  'members/list': object({ workspace: id }),
  'members/invite': object({
    workspace: id,
    name,
    organisation: name,
    role,
    expiresInDays: nullable(integer(1, LIMITS.inviteDays)),
  }),
  'members/set-role': object({ workspace: id, member: id, role }),
  'members/revoke': object({ workspace: id, member: id }),
  'store/load': object({ doc: room }),
  'store/append': object({
    doc: room,
    updates: arrayOf(bytes(LIMITS.updateBytes), LIMITS.updatesPerBatch, LIMITS.batchBytes),
  }),
  'store/confirm': object({ doc: room, stateVector: bytes(LIMITS.stateVectorBytes) }),
  'export/save': exportRequest,
  'export/save-text': object({
    format: oneOf(['md', 'json']),
    text: string(LIMITS.exportTextChars),
    suggestedName: string(EXPORT_LIMITS.exportFileNameChars, undefined, 'file name'),
  }),
  'import/read': object({
    fileName: string(LIMITS.importFileNameChars, undefined, 'file name'),
    bytes: bytes(LIMITS.importBytes),
  }),
  'import/open': none,
  'log/write': object({
    level: oneOf(['info', 'warn', 'error']),
    message: string(LIMITS.logChars),
  }),
  'spelling/language': object({ language: oneOf(['nb', 'en']) }),
  'update/status': none,
  'update/restart': none,
}

const events: Record<HostEvent, Check> = {
  'app/invite': object({ link }),
  'menu/new-paper': (value, path) => (value === null ? null : `${path} must be null`),
  'menu/export': (value, path) => (value === null ? null : `${path} must be null`),
  'menu/import': (value, path) => (value === null ? null : `${path} must be null`),
  'menu/undo': (value, path) => (value === null ? null : `${path} must be null`),
  'menu/redo': (value, path) => (value === null ? null : `${path} must be null`),
  'store/problem': object({
    code: string(40),
    message: string(LIMITS.logChars),
  }),
  'export/progress': exportProgress,
  'update/status': object({
    state: oneOf(['off', 'idle', 'downloading', 'ready']),
    version: nullable(string(64)),
  }),
}

/** Every channel of the contract, for registering handlers and checking names. */
export const CHANNELS = Object.keys(requests) as Channel[]
/** Every event of the contract. */
export const EVENTS = Object.keys(events) as HostEvent[]

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.hasOwn(requests, value)
}

export function isHostEvent(value: unknown): value is HostEvent {
  return typeof value === 'string' && Object.hasOwn(events, value)
}

/** A request that passed validation, typed by its channel. */
export type ValidRequest = { [C in Channel]: { channel: C; request: Request<C> } }[Channel]

/** Checks a request as it arrives (IPC or bridge): a known channel and a payload of its shape. */
export function validateRequest(channel: unknown, payload: unknown): Result<ValidRequest> {
  if (!isChannel(channel)) {
    return invalidPayload(`there is no channel ${JSON.stringify(String(channel)).slice(0, 80)}`)
  }
  const problem = requests[channel](payload, 'request')
  if (problem) return invalidPayload(`${channel}: ${problem}`)
  return { ok: true, value: { channel, request: payload } as ValidRequest }
}

/** A pushed event that passed validation. */
export type ValidEvent = { [E in HostEvent]: { event: E; payload: HostEvents[E] } }[HostEvent]

export function validateEvent(event: unknown, payload: unknown): Result<ValidEvent> {
  if (!isHostEvent(event)) {
    return invalidPayload(`there is no event ${JSON.stringify(String(event)).slice(0, 80)}`)
  }
  const problem = events[event](payload, 'payload')
  if (problem) return invalidPayload(`${event}: ${problem}`)
  return { ok: true, value: { event, payload } as ValidEvent }
}

export function invalidPayload(detail: string): { ok: false; error: HostError } {
  return {
    ok: false,
    error: {
      code: 'invalid-payload',
      message: `The app sent the host a request it does not accept (${detail}). This is a bug in Samstemt: restart the app, and report it if it happens again.`,
    },
  }
}
