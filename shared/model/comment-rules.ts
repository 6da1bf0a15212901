import type { Role } from '../protocol/roles.ts'
import type { Author, Thread } from './comments.ts'

/** The member looking at a thread: who they are and what role they have in the workspace. */
export type Viewer = { memberId: string; role: Role }

/** What a viewer may do with a thread, as DESIGN.md and issue 5 have it; the UI mirrors this. */
export type ThreadRights = {
  reply: boolean
  /** The thread's first comment: its author only. */
  edit: boolean
  delete: boolean
  /** The thread's author, editors and the coordinator. */
  resolve: boolean
  /** Accept or reject a suggestion: editors and the coordinator, while the body may change. */
  decide: boolean
}

const writesBody = (role: Role) => role === 'coordinator' || role === 'editor'

export function threadRights(viewer: Viewer, thread: Thread, bodyLocked = false): ThreadRights {
  const own = isOwn(viewer, thread.author)
  return {
    reply: true,
    edit: own,
    delete: own,
    resolve: own || writesBody(viewer.role),
    decide:
      writesBody(viewer.role) &&
      !bodyLocked &&
      thread.suggestion !== null &&
      thread.decision === null &&
      thread.state === 'open',
  }
}

/** Only its author edits or deletes a comment or a reply. */
export function isOwn(viewer: Viewer, author: Author): boolean {
  return viewer.memberId !== '' && viewer.memberId === author.memberId
}
