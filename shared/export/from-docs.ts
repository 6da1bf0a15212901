import type { JSONContent } from '@tiptap/core'
import type * as Y from 'yjs'
import { resolveAnchor } from '../model/anchor.ts'
import { calendarDateOf } from '../model/calendar-date.ts'
import { readBodyJSON } from '../model/body.ts'
import { readThreads, type Thread } from '../model/comments.ts'
import { readPaperMeta } from '../model/paper.ts'
import type { Problem, Read } from '../model/validate.ts'
import { contentHash, parsePaperContent } from '../model/canonical.ts'
import { paperContent } from '../model/canonical-paper.ts'
import type { Version, Workflow } from '../model/workflow.ts'
import type { ExportComment, ExportLanguage, ExportSource, Signatory } from './types.ts'

/** What the docs do not say: when and where the paper is dated, who endorsed it. */
export type ExportDetails = {
  /** ISO date; the day of export, or of the version. */
  date: string
  place?: string | null
  signatories?: Signatory[]
  versionName?: string | null
}

/** A paper's content as a named version freezes it. */
export type PaperContentLike = {
  title: string
  recipients: string[]
  language: ExportLanguage
  body: JSONContent
}

/**
 * The paper as it is now, from its doc (`<ws>/paper/<id>`) and, for exports with comments, its
 * comments doc. Only reads; problems in the docs come back with a usable source.
 */
export function sourceFromDocs(
  paper: Y.Doc,
  details: ExportDetails,
  comments?: { doc: Y.Doc; includeResolved?: boolean },
): Read<ExportSource> {
  const meta = readPaperMeta(paper)
  const body = readBodyJSON(paper)
  // Only the fields an export shows: a missing deadline is no news to whoever exports.
  const shown = /^meta(\.(title|recipients|language)\b.*)?$/
  const problems: Problem[] = [
    ...meta.problems.filter((problem) => shown.test(problem.path)),
    ...body.problems,
  ]
  const source = sourceFromContent(
    {
      title: meta.value.title,
      recipients: meta.value.recipients,
      language: meta.value.language,
      body: body.value,
    },
    details,
  )
  if (comments) {
    const threads = readThreads(comments.doc)
    problems.push(...threads.problems)
    source.comments = threads.value
      .filter((thread) => comments.includeResolved === true || thread.state === 'open')
      .map((thread) => exportComment(thread, paper))
  }
  return { value: source, problems }
}

/**
 * The organisations that endorsed exactly this text: every endorsement whose hash is `hash`,
 * whichever version it was given on (two versions with the same text are the same text). One
 * entry per organisation, its latest endorsement, in the order they endorsed.
 */
export function signatoriesFor(workflow: Workflow, hash: string): Signatory[] {
  const names = new Map(workflow.versions.map((version) => [version.id, version.name]))
  const latest = new Map<string, Signatory>()
  for (const endorsement of workflow.endorsements) {
    if (endorsement.hash !== hash) continue
    latest.delete(endorsement.organisation)
    const versionName = names.get(endorsement.versionId)
    latest.set(endorsement.organisation, {
      organisation: endorsement.organisation,
      endorsedBy: endorsement.by.name,
      ...(versionName === undefined ? {} : { versionName }),
    })
  }
  return [...latest.values()]
}

/** The paper as it is now, signed by the organisations that endorsed this very text. */
export function currentSignatories(workflow: Workflow, paper: Y.Doc): Signatory[] {
  return signatoriesFor(workflow, contentHash(paperContent(paper)))
}

/** The version named `name` (ignoring case and surrounding spaces, as names are unique so). */
export function findVersion(workflow: Workflow, name: string): Version | null {
  const wanted = name.trim().toLowerCase()
  return workflow.versions.find((version) => version.name.trim().toLowerCase() === wanted) ?? null
}

/**
 * A named version as frozen, dated the day it was saved unless `details` says otherwise, signed
 * by the organisations that endorsed its text.
 */
export function sourceFromVersion(
  version: Version,
  workflow: Workflow,
  details: Partial<ExportDetails> = {},
): Read<ExportSource> {
  const content = parsePaperContent(version.content)
  const source = sourceFromContent(content.value, {
    date: details.date ?? calendarDateOf(version.at),
    place: details.place ?? null,
    signatories: details.signatories ?? signatoriesFor(workflow, version.hash),
    versionName: version.name,
  })
  return { value: source, problems: content.problems }
}

/** A version's frozen content (or any content) with the details of the export. */
export function sourceFromContent(content: PaperContentLike, details: ExportDetails): ExportSource {
  return {
    title: content.title,
    recipients: content.recipients,
    language: content.language,
    body: content.body,
    date: details.date,
    place: details.place ?? null,
    signatories: details.signatories ?? [],
    versionName: details.versionName ?? null,
  }
}

/** A thread with its anchor resolved against the body as it is now. */
export function exportComment(thread: Thread, paper: Y.Doc): ExportComment {
  return {
    id: thread.id,
    author: thread.author.name,
    organisation: thread.author.organisation,
    text: thread.text,
    createdAt: thread.createdAt,
    replies: thread.replies.map((reply) => ({
      author: reply.author.name,
      organisation: reply.author.organisation,
      text: reply.text,
      createdAt: reply.createdAt,
    })),
    range: thread.anchor ? resolveAnchor(thread.anchor, paper) : null,
    quote: thread.quote,
    resolved: thread.state === 'resolved',
  }
}
