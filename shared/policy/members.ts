import type { Author } from '../model/comments.ts'
import type { Role } from '../protocol/roles.ts'

/** A member as the relay authenticated them (and as the app knows itself). */
export type Member = { id: string; name: string; organisation: string; role: Role }

/** Editors and the coordinator change the text; reviewers do not. */
export function writesBody(role: Role): boolean {
  return role === 'coordinator' || role === 'editor'
}

/** True when `author` names `member` exactly: id, name and organisation. */
export function writesAs(member: Member, author: Author): boolean {
  return (
    author.memberId === member.id &&
    author.name === member.name &&
    author.organisation === member.organisation
  )
}
