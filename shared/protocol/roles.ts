import type * as Y from 'yjs'
import { canWrite } from '../policy/rooms.ts'
import type { ParsedBlock } from '../updates/parse.ts'
import type { ParsedRoom } from './rooms.ts'

/** What a member may do in a workspace (DESIGN.md, "Roles"). */
export type Role = 'coordinator' | 'editor' | 'reviewer'

export const ROLES: readonly Role[] = ['coordinator', 'editor', 'reviewer']

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}

/** The member an update comes from, as a write guard sees it. */
export type Writer = {
  id: string
  workspace: string
  role: Role
  name: string
  organisation: string
}

/** What a write guard sees besides the writer and the room. */
export type WriteContext = {
  /**
   * The update as it will be applied: its structure checked (only the writer's own client ids,
   * nothing left pending, bounded clocks), foreign parts left out.
   */
  update: Uint8Array
  /** The room's doc before the update. Read it; never change it. */
  doc: Y.Doc
  /**
   * The doc as it would be after the update and which types it changed, computed on a copy the
   * relay keeps in step with the room (so asking costs one more apply, not a copy of the doc).
   * Read only. Throws when Yjs cannot apply the update.
   */
  preview(): {
    doc: Y.Doc
    changed: Y.Transaction['changed']
  }
  /** The update's structs as read before applying it (its own client ids only). */
  blocks: readonly ParsedBlock[]
  /**
   * Another room's doc by name, loaded from the store when no socket holds it. Read only. Null
   * when its stored data cannot be read at all (the guard refuses what depends on it). Throws
   * when it cannot be read just now: the relay then closes the sender's socket with a transient
   * code, so the client reconnects and sends the update again, instead of refusing it for good.
   */
  loadDoc(room: string): Y.Doc | null
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
