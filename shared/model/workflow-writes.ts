import { uuidv4 } from 'lib0/random'
import type * as Y from 'yjs'
import { canonicalJson, hashCanonical, type PaperContent } from './canonical.ts'
import { authorSpec, type Author } from './comments.ts'
import type { PaperStatus } from './paper.ts'
import { done, record, refused, rootMap, type Problem, type Written } from './validate.ts'
import {
  ENDORSEMENTS,
  HISTORY,
  VERSIONS,
  endorsementKey,
  readEntry,
  readWorkflow,
  rootArray,
  statusChangeProblems,
  statusChangeSpec,
  type Endorsement,
  type Override,
  type StatusChange,
} from './workflow.ts'

/** A status change to record; `recipients` and `sentOn` (`YYYY-MM-DD`) only for 'sent'. */
export type NewStatus = {
  status: PaperStatus
  by: Author
  recipients?: string[]
  sentOn?: string
  /** For 'final' and 'sent': what the check found left, that the coordinator goes on with. */
  overrides?: Override[]
}

/** A version to save: its name, who saves it and the content it freezes (`paperContent`). */
export type NewVersion = {
  name: string
  by: Author
  content: PaperContent
  /** The suggestions open in the paper, left out of `content` (see `paperContent`). */
  openSuggestions?: number
}

export type NewEndorsement = { versionId: string; by: Author }

export type EndorsementRef = { versionId: string; organisation: string }

const STATUS_NB: Record<PaperStatus, string> = {
  draft: 'utkast',
  review: 'til gjennomlesning',
  final: 'endelig',
  sent: 'sendt',
}

const NEXT: Record<PaperStatus, PaperStatus | null> = {
  draft: 'review',
  review: 'final',
  final: 'sent',
  sent: null,
}

/** Where a paper may go from `from`: one step forward, or back to draft (a reopening). */
export function statusMoves(from: PaperStatus): PaperStatus[] {
  const next = NEXT[from]
  return [...(next === null ? [] : [next]), ...(from === 'draft' ? [] : ['draft' as const])]
}

/**
 * Records a status change, or refuses a move `statusMoves` does not allow and a 'sent' without
 * recipients or date. Who may do it (the coordinator) is for the caller; the relay enforces it.
 */
export function changeStatus(doc: Y.Doc, change: NewStatus, now = Date.now()): Written {
  const entry: StatusChange = {
    status: change.status,
    by: authorOf(change.by),
    at: now,
    recipients: change.status === 'sent' ? (change.recipients ?? []).map((r) => r.trim()) : [],
    sentOn: change.status === 'sent' ? (change.sentOn ?? null) : null,
    ...(change.overrides !== undefined && change.overrides.length > 0
      ? { overrides: change.overrides.map((o) => ({ check: o.check, count: o.count })) }
      : {}),
  }
  const problems: Problem[] = []
  const checked = readEntry(statusChangeSpec, entry, HISTORY, problems)
  if (checked !== null) problems.push(...statusChangeProblems(checked, HISTORY))
  const history = rootArray(doc, HISTORY, problems)
  const from = readWorkflow(doc).value.status
  if (!statusMoves(from).includes(change.status)) {
    problems.push({
      path: HISTORY,
      message: `a ${from} paper cannot become ${change.status}`,
      messageNb: `et notat som er ${STATUS_NB[from]}, kan ikke bli ${STATUS_NB[change.status]} (statusen kan være endret i mellomtiden)`,
    })
  }
  if (history === null || problems.length > 0) return refused(problems)
  history.push([structuredClone(entry)])
  return done(null)
}

/**
 * Freezes `content` as a named version; the value is its id. A blank name, or one another version
 * has (ignoring case and surrounding spaces), is refused.
 */
export function saveVersion(doc: Y.Doc, version: NewVersion, now = Date.now()): Written<string> {
  const name = version.name.trim()
  const problems = authorProblems(version.by, VERSIONS)
  const versions = rootMap(doc, VERSIONS, problems)
  if (name === '') {
    problems.push({
      path: `${VERSIONS}.name`,
      message: 'a version needs a name',
      messageNb: 'en versjon må ha et navn',
    })
  }
  const taken = readWorkflow(doc).value.versions.some(
    (other) => other.name.trim().toLowerCase() === name.toLowerCase(),
  )
  if (taken) {
    problems.push({
      path: `${VERSIONS}.name`,
      message: `"${name}" is already taken`,
      messageNb: `«${name}» er allerede brukt av en annen versjon`,
    })
  }
  if (versions === null || problems.length > 0) return refused(problems)
  const id = uuidv4()
  const content = canonicalJson(version.content)
  const at = now
  const openSuggestions = Math.max(0, Math.floor(version.openSuggestions ?? 0))
  versions.set(id, {
    name,
    by: authorOf(version.by),
    at,
    content,
    hash: hashCanonical(content),
    openSuggestions,
  })
  return done(id)
}

/**
 * `by` endorses the version on behalf of their organisation, vouching for its hash. One
 * endorsement per organisation and version: when the organisation has endorsed it already, nothing
 * is written.
 */
export function endorse(doc: Y.Doc, endorsement: NewEndorsement, now = Date.now()): Written {
  const { versionId, by } = endorsement
  const problems = authorProblems(by, ENDORSEMENTS)
  const endorsements = rootMap(doc, ENDORSEMENTS, problems)
  const version = readWorkflow(doc).value.versions.find((v) => v.id === versionId)
  if (version === undefined) {
    problems.push({
      path: `${ENDORSEMENTS}.versionId`,
      message: `no version ${versionId}`,
      messageNb: `versjonen ${versionId} finnes ikke (ennå) på denne maskinen`,
    })
  }
  if (endorsements === null || version === undefined || problems.length > 0) {
    return refused(problems)
  }
  const key = endorsementKey(versionId, by.organisation)
  if (endorsements.has(key)) return done(null)
  const entry: Endorsement = {
    versionId,
    organisation: by.organisation,
    by: authorOf(by),
    at: now,
    hash: version.hash,
  }
  endorsements.set(key, entry)
  return done(null)
}

/**
 * Removes the organisation's endorsement of the version; nothing to remove is no problem. The relay
 * lets only the member who endorsed withdraw it.
 */
export function withdrawEndorsement(doc: Y.Doc, ref: EndorsementRef): Written {
  const problems: Problem[] = []
  const endorsements = rootMap(doc, ENDORSEMENTS, problems)
  if (endorsements === null) return refused(problems)
  const key = endorsementKey(ref.versionId, ref.organisation)
  if (endorsements.has(key)) endorsements.delete(key)
  return done(null)
}

function authorProblems(by: Author, path: string): Problem[] {
  const problems: Problem[] = []
  record(authorSpec)(by, `${path}.by`, problems)
  if (problems.length === 0 && (by.memberId === '' || by.organisation.trim() === '')) {
    problems.push({
      path: `${path}.by`,
      message: 'a member id and an organisation are needed',
      messageNb: 'medlem og organisasjon mangler',
    })
  }
  return problems
}

/** Only the three fields, copied: a caller's richer object must not leak into the doc. */
function authorOf(by: Author): Author {
  return { memberId: by.memberId, name: by.name, organisation: by.organisation }
}
