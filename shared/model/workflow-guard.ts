import * as Y from 'yjs'
import { hashCanonical, isCanonicalContent } from './canonical.ts'
import type { Author } from './comments.ts'
import type { Problem } from './validate.ts'
import {
  ENDORSEMENTS,
  HISTORY,
  VERSIONS,
  endorsementKey,
  endorsementSpec,
  readEntry,
  statusChangeProblems,
  statusChangeSpec,
  versionSpec,
} from './workflow.ts'

/** The member sending an update to a workflow doc, as the relay knows them. */
export type WorkflowWriter = {
  id: string
  role: 'coordinator' | 'editor' | 'reviewer'
  organisation: string
}

/** The raw entries of a workflow doc, as stored. */
type Raw = {
  history: unknown[]
  versions: Map<string, unknown>
  endorsements: Map<string, unknown>
}

/**
 * Why `writer` may not apply `update` to the workflow doc `doc`, or null when they may. The update
 * is applied to a throwaway copy and the entries before and after are compared:
 * - only the three roots change, history by position and the maps by key (no nested types);
 * - the history only grows; only the coordinator adds to it, each change valid and under their own
 *   member id and organisation;
 * - only the coordinator adds versions, under their own name, with the hash of canonical content;
 *   nobody changes or deletes a version;
 * - anyone adds or withdraws only their own endorsement, for their own organisation, of a version
 *   that exists, with that version's hash.
 * It does not referee concurrent legal edits (two versions of one name, a move that skips a step):
 * the model's writers refuse those locally, and readers cope with what concurrency merges.
 * `doc` is not changed.
 */
export function workflowUpdateRefusal(
  doc: Y.Doc,
  update: Uint8Array,
  writer: WorkflowWriter,
): string | null {
  const copy = new Y.Doc()
  const history = copy.getArray<unknown>(HISTORY)
  const versions = copy.getMap<unknown>(VERSIONS)
  const endorsements = copy.getMap<unknown>(ENDORSEMENTS)
  // The encoded state includes what the doc holds back for missing dependencies, so the copy
  // holds it back too and whatever this update releases is judged with it.
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  const before = raw(history, versions, endorsements)
  const changed = new Map<unknown, Set<string | null>>()
  copy.on('afterTransaction', (transaction: Y.Transaction) => {
    for (const [type, keys] of transaction.changed) {
      const known = changed.get(type) ?? new Set()
      for (const key of keys) known.add(key)
      changed.set(type, known)
    }
  })
  try {
    Y.applyUpdate(copy, update)
  } catch (error) {
    copy.destroy()
    return `The update could not be applied: ${String(error)}`
  }
  const after = raw(history, versions, endorsements)
  copy.destroy()
  for (const [type, keys] of changed) {
    const byPosition = type === history && [...keys].every((key) => key === null)
    const byKey =
      (type === versions || type === endorsements) && [...keys].every((key) => key !== null)
    if (!byPosition && !byKey) {
      return 'A workflow holds only its status history, versions and endorsements.'
    }
  }
  const changedKeys = (type: unknown) =>
    [...(changed.get(type) ?? [])].filter((key) => key !== null)
  return (
    historyRefusal(before.history, after.history, writer) ??
    versionRefusal(changedKeys(versions), before, after, writer) ??
    endorsementRefusal(changedKeys(endorsements), before, after, writer)
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

function historyRefusal(before: unknown[], after: unknown[], writer: WorkflowWriter) {
  const added = addedEntries(before, after)
  if (added === null) return 'The status history cannot be rewritten.'
  if (added.length === 0) return null
  if (writer.role !== 'coordinator') return "Only the coordinator changes a paper's status."
  for (const value of added) {
    const problems: Problem[] = []
    const change = readEntry(statusChangeSpec, value, HISTORY, problems)
    if (change !== null) problems.push(...statusChangeProblems(change, HISTORY))
    if (change === null || problems.length > 0) return invalid('status change', problems)
    if (!isWriter(change.by, writer)) return 'A status change is recorded under your own name.'
  }
  return null
}

function versionRefusal(keys: string[], before: Raw, after: Raw, writer: WorkflowWriter) {
  for (const id of keys) {
    if (before.versions.has(id)) return 'A saved version cannot be changed or deleted.'
    if (writer.role !== 'coordinator') return 'Only the coordinator saves versions.'
    const problems: Problem[] = []
    const version = readEntry(versionSpec, after.versions.get(id), `${VERSIONS}.${id}`, problems)
    if (version === null) return invalid('version', problems)
    if (version.name.trim() === '') return 'A version needs a name.'
    if (!isWriter(version.by, writer)) return 'A version is saved under your own name.'
    if (!isCanonicalContent(version.content) || hashCanonical(version.content) !== version.hash) {
      return "A version's hash must be the SHA-256 of its canonical content."
    }
  }
  return null
}

function endorsementRefusal(keys: string[], before: Raw, after: Raw, writer: WorkflowWriter) {
  for (const key of keys) {
    const previous = before.endorsements.get(key)
    if (previous !== undefined) {
      const removed = readEntry(endorsementSpec, previous, ENDORSEMENTS, [])
      if (removed === null || !isWriter(removed.by, writer)) {
        return 'Only the member who endorsed a version can withdraw the endorsement.'
      }
    }
    const value = after.endorsements.get(key)
    if (value === undefined) continue
    const problems: Problem[] = []
    const endorsement = readEntry(endorsementSpec, value, ENDORSEMENTS, problems)
    if (endorsement === null) return invalid('endorsement', problems)
    if (!isWriter(endorsement.by, writer) || endorsement.organisation !== writer.organisation) {
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
 * `after` (an entry was removed or replaced). Entries merged concurrently may sit anywhere.
 */
function addedEntries(before: unknown[], after: unknown[]): unknown[] | null {
  const added: unknown[] = []
  let i = 0
  for (const entry of after) {
    if (i < before.length && entry === before[i]) i++
    else added.push(entry)
  }
  return i === before.length ? added : null
}

function isWriter(by: Author, writer: WorkflowWriter): boolean {
  return by.memberId === writer.id && by.organisation === writer.organisation
}

function invalid(what: string, problems: Problem[]): string {
  const first = problems[0]
  return `Not a valid ${what}${first === undefined ? '' : `: ${first.path} ${first.message}`}.`
}
