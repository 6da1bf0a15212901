import * as Y from 'yjs'
import { authorSpec, type Author } from './comments.ts'
import { PAPER_STATUSES, type PaperStatus } from './paper.ts'
import { READINESS_CHECKS, type ReadinessCheck } from './readiness.ts'
import {
  count,
  describe,
  isPlainObject,
  isoDate,
  nullable,
  oneOf,
  optional,
  readRecord,
  record,
  rootMap,
  stringList,
  text,
  time,
  type FieldReader,
  type Problem,
  type Read,
  type Spec,
} from './validate.ts'

/*
 * The workflow doc (`<workspace>/paper/<id>/workflow`) holds only plain JSON values, never nested
 * shared types, so that every change is a whole entry added or removed and the relay can tell
 * exactly who changed what (server/write-policy.ts):
 *   history:      Y.Array of StatusChange, oldest first; the last one is the current status
 *   versions:     Y.Map id -> { name, by, at, content, hash }, never changed once written
 *   endorsements: Y.Map endorsementKey(versionId, organisation) -> Endorsement
 */
export const HISTORY = 'history'
export const VERSIONS = 'versions'
export const ENDORSEMENTS = 'endorsements'
/** The coordinator's settings of the paper: `suggestionsOnly` (true: everyone suggests). */
export const SETTINGS = 'settings'
export const SUGGESTIONS_ONLY = 'suggestionsOnly'

/** One move of the paper's status, as recorded. */
export type StatusChange = {
  status: PaperStatus
  by: Author
  /** Epoch milliseconds. */
  at: number
  /** For 'sent': the decision makers it went to; empty otherwise. */
  recipients: string[]
  /** For 'sent': the day it went, `YYYY-MM-DD`; null otherwise. */
  sentOn: string | null
  /**
   * For 'final' and 'sent': what the pre-send check found left and the coordinator went on
   * with anyway (readiness.ts). Absent when nothing was left, and in entries from before the check.
   */
  overrides?: Override[]
}

/** One thing the pre-send check found that the coordinator chose to leave. */
export type Override = { check: ReadinessCheck; count: number }

/** A named version: an immutable snapshot of the paper's content. */
export type Version = {
  id: string
  name: string
  by: Author
  at: number
  /** `canonicalJson` of the paper content, kept as a string so it never changes. */
  content: string
  /** Lowercase hex SHA-256 of `content` (`hashCanonical`). */
  hash: string
  /**
   * How many suggestions (tracked changes) were open when it was saved: the content is the text
   * with all of them rejected. 0 for versions saved before suggesting mode.
   */
  openSuggestions: number
}

/** An organisation's sign-off on one version, by one of its members. */
export type Endorsement = {
  versionId: string
  organisation: string
  by: Author
  at: number
  /** The version's hash when endorsed: what the organisation vouched for. */
  hash: string
}

/** Everything the workflow doc says about a paper. */
export type Workflow = {
  /** The last recorded status; 'draft' before any change. */
  status: PaperStatus
  history: StatusChange[]
  /** Oldest first (ties by id). */
  versions: Version[]
  /** Oldest first. */
  endorsements: Endorsement[]
}

/** An endorsement with its version and whether that version is still the paper's current text. */
export type EndorsementState = {
  endorsement: Endorsement
  /** Null when the version is not in the doc (not synced yet). */
  version: Version | null
  /** False once the paper's text differs from the endorsed version: flag it. */
  current: boolean
}

const HASH = /^[0-9a-f]{64}$/

export const hashField: FieldReader<string> = (value, path, problems) => {
  if (typeof value === 'string' && HASH.test(value)) return value
  problems.push({ path, message: `expected a lowercase hex SHA-256; got ${describe(value)}` })
  return ''
}

export const statusChangeSpec: Spec<StatusChange> = {
  status: oneOf(PAPER_STATUSES, 'draft'),
  by: record(authorSpec),
  at: time,
  recipients: optional(stringList, []),
  sentOn: optional(nullable(isoDate), null),
  overrides: optional(overrideList(), undefined),
}

export const versionSpec: Spec<Omit<Version, 'id'>> = {
  name: text(),
  by: record(authorSpec),
  at: time,
  content: text(),
  hash: hashField,
  openSuggestions: optional(count, 0),
}

export const endorsementSpec: Spec<Endorsement> = {
  versionId: text(),
  organisation: text(),
  by: record(authorSpec),
  at: time,
  hash: hashField,
}

/** At most one override per check, each counted (a positive whole number). */
function overrideList(): FieldReader<Override[] | undefined> {
  return (value, path, problems) => {
    const wrong = (message: string) => {
      problems.push({ path, message })
      return []
    }
    if (!Array.isArray(value) || value.length > READINESS_CHECKS.length) {
      return wrong(`expected at most ${READINESS_CHECKS.length} overrides; got ${describe(value)}`)
    }
    const overrides: Override[] = []
    for (const item of value) {
      if (
        !isPlainObject(item) ||
        Object.keys(item).some((key) => key !== 'check' && key !== 'count') ||
        !(READINESS_CHECKS as readonly unknown[]).includes(item.check) ||
        !Number.isSafeInteger(item.count) ||
        (item.count as number) < 1 ||
        overrides.some((o) => o.check === item.check)
      ) {
        return wrong(`expected overrides as {check, count}; got ${describe(item)}`)
      }
      overrides.push({ check: item.check as ReadinessCheck, count: item.count as number })
    }
    return overrides
  }
}

/** The key of an endorsement: one per organisation and version, whatever the characters. */
export function endorsementKey(versionId: string, organisation: string): string {
  return JSON.stringify([versionId, organisation])
}

/** Final and sent papers are locked: nobody changes their body or meta until reopened. */
export function isLocked(status: PaperStatus): boolean {
  return status === 'final' || status === 'sent'
}

/** Problems beyond the field types: a 'sent' change names recipients and a date, others neither. */
export function statusChangeProblems(change: StatusChange, path: string): Problem[] {
  const problems: Problem[] = []
  if (change.by.memberId === '') problems.push({ path: `${path}.by`, message: 'who is missing' })
  if (change.status === 'sent') {
    if (change.recipients.length === 0 || change.recipients.some((r) => r.trim() === '')) {
      problems.push({
        path: `${path}.recipients`,
        message: 'a sent paper names its recipients',
        messageNb: 'et sendt notat har mottakere',
      })
    }
    if (change.sentOn === null) {
      problems.push({
        path: `${path}.sentOn`,
        message: 'a sent paper has the date it was sent',
        messageNb: 'et sendt notat har datoen det ble sendt',
      })
    }
  } else if (change.recipients.length > 0 || change.sentOn !== null) {
    problems.push({ path, message: 'only a sent paper has recipients and a date sent' })
  }
  if (
    (change.overrides?.length ?? 0) > 0 &&
    change.status !== 'final' &&
    change.status !== 'sent'
  ) {
    problems.push({ path: `${path}.overrides`, message: 'only a final or sent paper is checked' })
  }
  return problems
}

/**
 * The doc's workflow. Entries that cannot be read are skipped and reported, never given defaults:
 * a damaged status change must not read as 'draft' and unlock a paper.
 */
export function readWorkflow(doc: Y.Doc): Read<Workflow> {
  const problems: Problem[] = []
  const history = readHistory(doc, problems)
  const versions: Version[] = []
  rootMap(doc, VERSIONS, problems)?.forEach((value, id) => {
    const version = readEntry(versionSpec, value, `${VERSIONS}.${id}`, problems)
    if (version !== null) versions.push({ id, ...version })
  })
  versions.sort((a, b) => a.at - b.at || compare(a.id, b.id))
  const endorsements: Endorsement[] = []
  rootMap(doc, ENDORSEMENTS, problems)?.forEach((value, key) => {
    const path = `${ENDORSEMENTS}.${key}`
    const endorsement = readEntry(endorsementSpec, value, path, problems)
    if (endorsement === null) return
    if (key === endorsementKey(endorsement.versionId, endorsement.organisation)) {
      endorsements.push(endorsement)
    } else problems.push({ path, message: 'filed under the wrong key; skipped' })
  })
  endorsements.sort(
    (a, b) =>
      a.at - b.at || compare(a.versionId, b.versionId) || compare(a.organisation, b.organisation),
  )
  return { value: { status: statusOf(history), history, versions, endorsements }, problems }
}

/** Whether the coordinator set the paper to take suggestions only (from everyone). */
export function readSuggestionsOnly(doc: Y.Doc): boolean {
  if (!doc.share.has(SETTINGS)) return false
  try {
    return doc.getMap(SETTINGS).get(SUGGESTIONS_ONLY) === true
  } catch {
    // Another type under that name (a client's mistake): not set.
    return false
  }
}

/** Only the current status: what the relay reads before every update to the paper. */
export function readWorkflowStatus(doc: Y.Doc): PaperStatus {
  return statusOf(readHistory(doc, []))
}

/** Calls `listener` with the fresh workflow after every transaction that changed it. */
export function observeWorkflow(
  doc: Y.Doc,
  listener: (workflow: Read<Workflow>) => void,
): () => void {
  const roots = new Set<unknown>([
    rootArray(doc, HISTORY, []),
    rootMap(doc, VERSIONS, []),
    rootMap(doc, ENDORSEMENTS, []),
  ])
  roots.delete(null)
  const handler = (transaction: Y.Transaction): void => {
    if ([...transaction.changed.keys()].some((type) => roots.has(type))) {
      listener(readWorkflow(doc))
    }
  }
  doc.on('afterTransaction', handler)
  return () => doc.off('afterTransaction', handler)
}

/** Each endorsement with its version, flagged when the version is no longer the current text. */
export function endorsementStates(workflow: Workflow, currentHash: string): EndorsementState[] {
  const versions = new Map(workflow.versions.map((version) => [version.id, version]))
  return workflow.endorsements.map((endorsement) => {
    const version = versions.get(endorsement.versionId) ?? null
    const current =
      version !== null && version.hash === endorsement.hash && version.hash === currentHash
    return { endorsement, version, current }
  })
}

/** The root Y.Array `name`, or null with a problem when the doc holds another type there. */
export function rootArray(doc: Y.Doc, name: string, problems: Problem[]): Y.Array<unknown> | null {
  const existing = doc.share.get(name)
  if (
    existing === undefined ||
    existing instanceof Y.Array ||
    existing.constructor === Y.AbstractType
  ) {
    return doc.getArray<unknown>(name)
  }
  problems.push({ path: name, message: `expected a Y.Array; got ${describe(existing)}` })
  return null
}

/** A plain-object entry read strictly: null (and the problems) unless every field is valid. */
export function readEntry<T>(
  spec: Spec<T>,
  value: unknown,
  path: string,
  problems: Problem[],
): T | null {
  if (!isPlainObject(value)) {
    problems.push({ path, message: `expected an object; got ${describe(value)}; skipped` })
    return null
  }
  const found: Problem[] = []
  const entry = readRecord(spec, (key) => value[key], path, found)
  problems.push(...found)
  return found.length === 0 ? entry : null
}

function readHistory(doc: Y.Doc, problems: Problem[]): StatusChange[] {
  const history: StatusChange[] = []
  rootArray(doc, HISTORY, problems)
    ?.toArray()
    .forEach((value, i) => {
      const path = `${HISTORY}[${i}]`
      const change = readEntry(statusChangeSpec, value, path, problems)
      if (change === null) return
      const wrong = statusChangeProblems(change, path)
      if (wrong.length === 0) history.push(change)
      else problems.push(...wrong)
    })
  return history
}

function statusOf(history: StatusChange[]): PaperStatus {
  return history.at(-1)?.status ?? 'draft'
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
