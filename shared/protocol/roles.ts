import type * as Y from 'yjs'
import type { ParsedRoom, RoomKind } from './rooms.ts'

/** What a member may do in a workspace (DESIGN.md, "Roles"). */
export type Role = 'coordinator' | 'editor' | 'reviewer'

export const ROLES: readonly Role[] = ['coordinator', 'editor', 'reviewer']

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}

/**
 * Who may send updates to a room at all. The workflow room is open to every role because any
 * member endorses a version on behalf of their organisation; what each role may change inside it
 * is the relay's write guard's business (server/write-policy.ts).
 */
const WRITERS: Record<RoomKind, readonly Role[]> = {
  index: ['coordinator', 'editor'],
  paper: ['coordinator', 'editor'],
  comments: ['coordinator', 'editor', 'reviewer'],
  workflow: ['coordinator', 'editor', 'reviewer'],
}

/** Whether `role` may change a room of `kind`. Every role may read every room of its workspace. */
export function canWrite(role: Role, kind: RoomKind): boolean {
  return WRITERS[kind].includes(role)
}

/** The member an update comes from, as a write guard sees it. */
export type Writer = {
  id: string
  workspace: string
  role: Role
  organisation: string
}

/** What a write guard sees besides the writer and the room. */
export type WriteContext = {
  /** The update as received: it decodes, but is not applied yet. */
  update: Uint8Array
  /** The room's doc before the update. Read it or copy it; never change it. */
  doc: Y.Doc
  /**
   * Another room's doc by name, loaded from the store when no socket holds it. Read only. Throws
   * when it cannot be read just now: the relay then closes the sender's socket with a transient
   * code, so the client reconnects and sends the update again, instead of refusing it for good.
   */
  loadDoc(room: string): Y.Doc
}

/**
 * A further check on an update that `canWrite` already allowed (a workflow change only the
 * coordinator may make, a paper that is final). Returns null to allow, or a reason the client is
 * shown when refused.
 */
export type WriteGuard = (writer: Writer, room: ParsedRoom, context: WriteContext) => string | null

/** Runs guards in order; the first refusal wins. */
export function composeGuards(...guards: (WriteGuard | null | undefined)[]): WriteGuard {
  const present = guards.filter((guard) => guard != null)
  return (writer, room, context) => {
    for (const guard of present) {
      const refusal = guard(writer, room, context)
      if (refusal !== null) return refusal
    }
    return null
  }
}

/** The relay's refusal reason, or null when `writer` may change `room` with this update. */
export function writeRefusal(
  writer: Writer,
  room: ParsedRoom,
  guarded: { guard: WriteGuard; context: WriteContext } | null = null,
): string | null {
  if (!canWrite(writer.role, room.kind)) {
    return `A ${writer.role} cannot change the ${room.kind} of a workspace.`
  }
  return guarded === null ? null : guarded.guard(writer, room, guarded.context)
}
