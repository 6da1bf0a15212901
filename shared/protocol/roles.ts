import type { ParsedRoom, RoomKind } from './rooms.ts'

/** What a member may do in a workspace (DESIGN.md, "Roles"). */
export type Role = 'coordinator' | 'editor' | 'reviewer'

export const ROLES: readonly Role[] = ['coordinator', 'editor', 'reviewer']

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}

const WRITERS: Record<RoomKind, readonly Role[]> = {
  index: ['coordinator', 'editor'],
  paper: ['coordinator', 'editor'],
  comments: ['coordinator', 'editor', 'reviewer'],
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
}

/**
 * A further check on an update that `canWrite` already allowed (for instance "not when the
 * paper is final"). Returns null to allow, or a reason the client is shown when refused.
 */
export type WriteGuard = (writer: Writer, room: ParsedRoom) => string | null

/** The relay's refusal reason, or null when `writer` may change `room`. */
export function writeRefusal(
  writer: Writer,
  room: ParsedRoom,
  guard: WriteGuard | null = null,
): string | null {
  if (!canWrite(writer.role, room.kind)) {
    return `A ${writer.role} cannot change the ${room.kind} of a workspace.`
  }
  return guard === null ? null : guard(writer, room)
}
