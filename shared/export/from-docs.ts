import type { JSONContent } from '@tiptap/core'
import type * as Y from 'yjs'
import { resolveAnchor } from '../model/anchor.ts'
import { readBodyJSON } from '../model/body.ts'
import { readThreads, type Thread } from '../model/comments.ts'
import { readPaperMeta } from '../model/paper.ts'
import type { Problem, Read } from '../model/validate.ts'
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
  const problems: Problem[] = [...meta.problems, ...body.problems]
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
