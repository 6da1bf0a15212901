import type { Role } from '../protocol/roles.ts'
import type { RoomKind } from '../protocol/rooms.ts'

/**
 * Who may send updates to a room at all. Every role may send to the paper, comments and workflow
 * rooms (to suggest, to comment, to endorse a version for their organisation); what each may change
 * inside them is checked against the doc by `bodyChangeRefusal`, `commentsChangeRefusal` and
 * `workflowChangeRefusal`.
 */
const WRITERS: Record<RoomKind, readonly Role[]> = {
  index: ['coordinator', 'editor'],
  // Reviewers write the body too, but only suggestions: bodyChangeRefusal checks it.
  paper: ['coordinator', 'editor', 'reviewer'],
  comments: ['coordinator', 'editor', 'reviewer'],
  workflow: ['coordinator', 'editor', 'reviewer'],
}

/** Whether `role` may change a room of `kind`. Every role may read every room of its workspace. */
export function canWrite(role: Role, kind: RoomKind): boolean {
  return WRITERS[kind].includes(role)
}
