import type * as Y from 'yjs'
import { hashCanonical, isCanonicalContent } from '../model/canonical.ts'
import type { Problem } from '../model/validate.ts'
import type { Role } from '../protocol/roles.ts'
import { writesAs, type Member } from './members.ts'
import {
  ENDORSEMENTS,
  HISTORY,
  SETTINGS,
  SUGGESTIONS_ONLY,
  VERSIONS,
  endorsementKey,
  endorsementSpec,
  readEntry,
  statusChangeProblems,
  statusChangeSpec,
  versionSpec,
} from '../model/workflow.ts'

/** What a role may do with a paper's workflow; the UI offers exactly this. */
export type WorkflowRights = {
  /** Move the status (draft, review, final, sent, back to draft). */
  moveStatus: boolean
  saveVersion: boolean
  /** Make a saved version the current text again. */
  restoreVersion: boolean
  export: boolean
  /** Set the paper to take suggestions only, from everyone (e.g. during review). */
  setSuggestionsOnly: boolean
  /** Endorse a version (and withdraw the endorsement) for one's own organisation. */
  endorse: boolean
}

export function workflowRights(role: Role): WorkflowRights {
  const coordinator = role === 'coordinator'
  return {
    moveStatus: coordinator,
    saveVersion: coordinator,
    restoreVersion: coordinator,
    export: coordinator,
    setSuggestionsOnly: coordinator,
    endorse: true,
  }
}

/** The workflow doc before and after an update, and which of its types the update changed. */
export type WorkflowContext = {
  before: Y.Doc
  after: Y.Doc
  changed: Y.Transaction['changed']
}

/** The raw entries of a workflow doc, as stored. */
type Raw = {
  history: unknown[]
  versions: Map<string, unknown>
  endorsements: Map<string, unknown>
}

/**
 * Why `member` may not make this change to a workflow doc, or null when they may. The entries
 * before and after are compared:
 * - only the three roots change, history by position and the maps by key (no nested types);
 * - the history only grows; only the coordinator adds to it, each change valid and under their own
 *   name and organisation;
 * - only the coordinator adds versions, under their own name, with the hash of canonical content;
 *   nobody changes or deletes a version;
 * - anyone adds or withdraws only their own endorsement, for their own organisation, of a version
 *   that exists, with that version's hash.
 * It does not referee concurrent legal edits (two versions of one name, a move that skips a step):
 * the model's writers refuse those locally, and readers cope with what concurrency merges.
 */
export function workflowChangeRefusal(member: Member, context: WorkflowContext): string | null {
  const roots = (doc: Y.Doc) => ({
    history: doc.getArray<unknown>(HISTORY),
    versions: doc.getMap<unknown>(VERSIONS),
    endorsements: doc.getMap<unknown>(ENDORSEMENTS),
    settings: doc.getMap<unknown>(SETTINGS),
  })
  const now = roots(context.after)
  const keysOf = new Map<unknown, (string | null)[]>()
  for (const [type, keys] of context.changed) keysOf.set(type, [...keys])
  for (const [type, keys] of keysOf) {
    const byPosition = type === now.history && keys.every((key) => key === null)
    const byKey =
      (type === now.versions || type === now.endorsements || type === now.settings) &&
      keys.every((key) => key !== null)
    if (!byPosition && !byKey) {
      return 'A workflow holds only its status history, versions and endorsements.'
    }
  }
  const was = roots(context.before)
  const before = raw(was.history, was.versions, was.endorsements)
  const after = raw(now.history, now.versions, now.endorsements)
  const changedKeys = (type: unknown) => (keysOf.get(type) ?? []).filter((key) => key !== null)
  const rights = workflowRights(member.role)
  const settings = changedKeys(now.settings)
  if (settings.length > 0) {
    if (!rights.setSuggestionsOnly) return "Only the coordinator changes a paper's settings."
    if (settings.some((key) => key !== SUGGESTIONS_ONLY)) return 'Not a setting of a paper.'
    const value = now.settings.get(SUGGESTIONS_ONLY)
    if (value !== undefined && typeof value !== 'boolean') return 'Suggestions only is on or off.'
  }
  return (
    historyRefusal(before.history, after.history, member, rights) ??
    versionRefusal(changedKeys(now.versions), before, after, member, rights) ??
    endorsementRefusal(changedKeys(now.endorsements), before, after, member)
  )
}

function raw(
  history: Y.Array<unknown>,
  versions: Y.Map<unknown>,
  endorsements: Y.Map<unknown>,
): Raw {
  return {
    history: history.toArray(),
    versions: new Map(versions.entries()),
    endorsements: new Map(endorsements.entries()),
  }
}

function historyRefusal(
  before: unknown[],
  after: unknown[],
  member: Member,
  rights: WorkflowRights,
): string | null {
  const added = addedEntries(before, after)
  if (added === null) return 'The status history cannot be rewritten.'
  if (added.length === 0) return null
  if (!rights.moveStatus) return "Only the coordinator changes a paper's status."
  for (const value of added) {
    const problems: Problem[] = []
    const change = readEntry(statusChangeSpec, value, HISTORY, problems)
    if (change !== null) problems.push(...statusChangeProblems(change, HISTORY))
    if (change === null || problems.length > 0) return invalid('status change', problems)
    if (!writesAs(member, change.by)) return 'A status change is recorded under your own name.'
  }
  return null
}

function versionRefusal(
  keys: string[],
  before: Raw,
  after: Raw,
  member: Member,
  rights: WorkflowRights,
): string | null {
  for (const id of keys) {
    if (before.versions.has(id)) return 'A saved version cannot be changed or deleted.'
    if (!rights.saveVersion) return 'Only the coordinator saves versions.'
    const problems: Problem[] = []
    const version = readEntry(versionSpec, after.versions.get(id), `${VERSIONS}.${id}`, problems)
    if (version === null) return invalid('version', problems)
    if (version.name.trim() === '') return 'A version needs a name.'
    if (!writesAs(member, version.by)) return 'A version is saved under your own name.'
    if (!isCanonicalContent(version.content) || hashCanonical(version.content) !== version.hash) {
      return "A version's hash must be the SHA-256 of its canonical content."
    }
  }
  return null
}

function endorsementRefusal(
  keys: string[],
  before: Raw,
  after: Raw,
  member: Member,
): string | null {
  for (const key of keys) {
    const previous = before.endorsements.get(key)
    if (previous !== undefined) {
      const removed = readEntry(endorsementSpec, previous, ENDORSEMENTS, [])
      if (removed === null || removed.by.memberId !== member.id) {
        return 'Only the member who endorsed a version can withdraw the endorsement.'
      }
    }
    const value = after.endorsements.get(key)
    if (value === undefined) continue
    const problems: Problem[] = []
    const endorsement = readEntry(endorsementSpec, value, ENDORSEMENTS, problems)
    if (endorsement === null) return invalid('endorsement', problems)
    if (!writesAs(member, endorsement.by) || endorsement.organisation !== member.organisation) {
      return 'You can endorse only yourself, on behalf of your own organisation.'
    }
    if (key !== endorsementKey(endorsement.versionId, endorsement.organisation)) {
      return 'An endorsement is filed under its version and organisation.'
    }
    const version = readEntry(versionSpec, after.versions.get(endorsement.versionId), '', [])
    if (version === null) return 'An endorsement is of a saved version.'
    if (version.hash !== endorsement.hash) return "An endorsement holds its version's hash."
  }
  return null
}

/**
 * The entries of `after` that are not in `before`, or null when `before` is not a subsequence of
 * `after` (an entry was removed or replaced). Entries merged concurrently may sit anywhere. The
 * two lists come from two docs, so entries are compared by value.
 */
function addedEntries(before: unknown[], after: unknown[]): unknown[] | null {
  const added: unknown[] = []
  const expected = before.map((entry) => JSON.stringify(entry))
  let i = 0
  for (const entry of after) {
    if (i < expected.length && JSON.stringify(entry) === expected[i]) i++
    else added.push(entry)
  }
  return i === expected.length ? added : null
}

function invalid(what: string, problems: Problem[]): string {
  const first = problems[0]
  return `Not a valid ${what}${first === undefined ? '' : `: ${first.path} ${first.message}`}.`
}
