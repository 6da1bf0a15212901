import * as Y from 'yjs'
import { readThread, THREADS, type Author, type Reply, type Thread } from '../model/comments.ts'
import type { Role } from '../protocol/roles.ts'
import { writesBody, writesAs, type Member } from './members.ts'

/** The member looking at a thread: who they are and what role they have in the workspace. */
export type Viewer = { memberId: string; role: Role }

/** What a viewer may do with a thread; the UI shows exactly these and the relay enforces them. */
export type ThreadRights = {
  reply: boolean
  /** The thread's first comment: its author only. */
  edit: boolean
  delete: boolean
  /** Resolve or reopen: the thread's author, editors and the coordinator. */
  resolve: boolean
  /** Accept or reject a suggestion: editors and the coordinator, while the body may change. */
  decide: boolean
}

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
      (thread.suggestion !== null || thread.tracked !== null) &&
      thread.decision === null &&
      thread.state === 'open',
  }
}

/** A reply: only its author edits or deletes it. */
export function replyRights(viewer: Viewer, reply: Reply): { edit: boolean; delete: boolean } {
  const own = isOwn(viewer, reply.author)
  return { edit: own, delete: own }
}

/** Only its author edits or deletes a comment or a reply. */
export function isOwn(viewer: Viewer, author: Author): boolean {
  return viewer.memberId !== '' && viewer.memberId === author.memberId
}

/** What the relay knows besides the update when it checks a comments room. */
export type CommentsContext = {
  /** The doc before the update. */
  before: Y.Doc
  /** The doc after it, and which types it changed. */
  after: Y.Doc
  changed: Y.Transaction['changed']
  /** The paper is final or sent: nobody decides suggestions (the text cannot change). Asked only for decisions. */
  bodyLocked: () => boolean
}

/**
 * Why `member` may not make this change to a comments doc, or null. Only the `threads` map may
 * change, and each thread it touches is compared before and after by `threadChangeRefusal`, the
 * same rights the UI offers, for every role.
 */
export function commentsChangeRefusal(member: Member, context: CommentsContext): string | null {
  const threads: unknown = context.after.getMap<unknown>(THREADS)
  const touched = new Set<string>()
  for (const [type, keys] of context.changed) {
    if ((type as unknown) === threads) {
      for (const key of keys) if (key !== null) touched.add(key)
      continue
    }
    const id = threadOf(type, threads)
    if (id === null) return 'The comments doc holds only its threads.'
    touched.add(id)
  }
  for (const id of touched) {
    const before = readThread(context.before, id)
    const after = readThread(context.after, id)
    if (after.problems.length > before.problems.length) return 'Not a valid comment.'
    const refusal = threadChangeRefusal(before.value, after.value, member, context.bodyLocked)
    if (refusal !== null) return refusal
  }
  return null
}

/** The id of the thread a nested type belongs to, or null when it is outside `threads`. */
function threadOf(type: { _item: Y.Item | null }, threads: unknown): string | null {
  let current = type
  for (let item = current._item; item !== null; item = current._item) {
    const parent: unknown = item.parent
    if (parent === threads) return item.parentSub
    if (!(parent instanceof Y.AbstractType)) return null
    current = parent
  }
  return null
}

/**
 * Why `member` may not turn thread `before` into `after` (null: absent), or null. A member adds
 * comments and replies under their own name, edits and deletes only their own, resolves and
 * reopens what `threadRights` lets them, decides a suggestion only with the right to, under their
 * own name, once; nobody rewrites who wrote what, where or when.
 */
export function threadChangeRefusal(
  before: Thread | null,
  after: Thread | null,
  member: Member,
  bodyLocked: () => boolean,
): string | null {
  const viewer = { memberId: member.id, role: member.role }
  if (before === null && after === null) return null
  if (before === null && after !== null) {
    if (!writesAs(member, after.author) && !imports(member, after.importedBy)) {
      return 'You comment only under your own name.'
    }
    if (after.tracked !== null && after.decision !== null) {
      // The record of a decision on a tracked change: made by whoever may decide, as decided.
      const undecided = { ...after, state: 'open' as const, decision: null, resolvedBy: null }
      if (!threadRights(viewer, undecided, bodyLocked()).decide) {
        return 'Only editors and the coordinator decide suggestions, and not while the text is locked.'
      }
      const { decision, resolvedBy } = after
      if (!writesAs(member, decision.by) || resolvedBy === null || !writesAs(member, resolvedBy)) {
        return 'A decision is recorded under your own name.'
      }
      return after.state === 'resolved'
        ? repliesRefusal([], after.replies, member)
        : 'A decided suggestion is resolved.'
    }
    if (after.state !== 'open' || after.resolvedBy !== null || after.decision !== null) {
      return 'A new comment is open and undecided.'
    }
    return repliesRefusal([], after.replies, member)
  }
  if (before !== null && after === null) {
    return threadRights(viewer, before).delete ? null : 'Only its author deletes a comment.'
  }
  if (before === null || after === null) return null
  const rights = threadRights(viewer, before)
  const same = (field: keyof Thread) => stable(before[field]) === stable(after[field])
  if (
    !(
      ['anchor', 'quote', 'author', 'createdAt', 'suggestion', 'tracked', 'importedBy'] as const
    ).every(same)
  ) {
    return 'Who wrote a comment, where and when cannot change.'
  }
  if (!(same('text') && same('editedAt')) && !rights.edit) {
    return 'Only its author edits a comment.'
  }
  if (!same('decision')) {
    if (before.decision !== null) return 'A decision on a suggestion is final.'
    if (!threadRights(viewer, before, bodyLocked()).decide) {
      return 'Only editors and the coordinator decide suggestions, and not while the text is locked.'
    }
    if (after.decision === null || !writesAs(member, after.decision.by)) {
      return 'A decision is recorded under your own name.'
    }
  }
  if (!(same('state') && same('resolvedBy') && same('resolvedAt'))) {
    if (!rights.resolve) return 'Only its author, editors and the coordinator resolve a thread.'
    const resolvedBy = after.resolvedBy
    if (
      after.state === 'resolved'
        ? resolvedBy === null || !writesAs(member, resolvedBy)
        : resolvedBy !== null
    ) {
      return 'A thread is resolved under your own name.'
    }
  }
  return repliesRefusal(before.replies, after.replies, member)
}

function repliesRefusal(before: Reply[], after: Reply[], member: Member): string | null {
  const viewer = { memberId: member.id, role: member.role }
  const was = new Map(before.map((reply) => [reply.id, reply]))
  const is = new Map(after.map((reply) => [reply.id, reply]))
  for (const [id, reply] of is) {
    const previous = was.get(id)
    if (previous === undefined) {
      if (!writesAs(member, reply.author) && !imports(member, reply.importedBy)) {
        return 'You reply only under your own name.'
      }
    } else if (stable(previous) !== stable(reply)) {
      if (!replyRights(viewer, previous).edit) return 'Only its author edits a reply.'
      if (
        stable(previous.author) !== stable(reply.author) ||
        previous.createdAt !== reply.createdAt
      ) {
        return 'Who wrote a reply and when cannot change.'
      }
    }
  }
  for (const [id, reply] of was) {
    if (!is.has(id) && !replyRights(viewer, reply).delete) return 'Only its author deletes a reply.'
  }
  return null
}

/**
 * A comment written under another author's name is an import of a Word review: allowed to those who
 * write the text (editors, the coordinator), who sign it as the importer, so it still says who sent it.
 */
function imports(member: Member, importedBy: Author | null | undefined): boolean {
  return importedBy != null && writesBody(member.role) && writesAs(member, importedBy)
}

/** JSON with bytes (anchors) as number lists; field order is the readers' spec order. */
function stable(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, entry: unknown) =>
    entry instanceof Uint8Array ? [...entry] : entry,
  )
}
