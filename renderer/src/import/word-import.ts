import type { JSONContent } from '@tiptap/core'
import type * as Y from 'yjs'
import type { ParsedDocx } from '../../../shared/import/parse-docx.ts'
import {
  planNewPaper,
  planReviewImport,
  type ImportPlan,
} from '../../../shared/import/import-plan.ts'
import {
  bylineMatches,
  mapAuthors,
  writeImportedComments,
  writeImportedPaper,
  writeReview,
  type AuthorOf,
} from '../../../shared/import/write.ts'
import {
  parsePaperContent,
  readBodyJSON,
  readThreads,
  upsertPaperSummary,
  type Author,
  type PaperLanguage,
  type Problem,
  type Version,
} from '../../../shared/model/index.ts'
import { commentsRoom, paperRoom } from '../../../shared/protocol/index.ts'
import type { RoomRegistry } from '../sync/room-registry.ts'
import { newPaperId } from '../workspace/create-paper.ts'

/*
 * The page's half of an import: the host has parsed the file; here it is planned against the
 * paper (so the summary can be shown before anything is written), the Word authors mapped to
 * members, and the plan written, one transaction per doc.
 */

/** Who a Word author is: a member, or nobody in the workspace (their Word name is kept). */
export type AuthorChoice = { kind: 'member'; member: Author } | { kind: 'external' }

export type AuthorMapping = Record<string, AuthorChoice>

/** Each Word name as the member of that name (our export writes "Name (Organisation)"). */
export function proposeMapping(
  authors: readonly string[],
  members: readonly Author[],
): AuthorMapping {
  return Object.fromEntries(
    authors.map((name) => {
      const member = members.find((m) => bylineMatches(name, m))
      return [name, member ? { kind: 'member', member } : { kind: 'external' }] as const
    }),
  )
}

export function authorOf(mapping: AuthorMapping): AuthorOf {
  return (name) => {
    const choice = mapping[name]
    return choice?.kind === 'member'
      ? choice.member
      : { memberId: `word:${name}`, name, organisation: '' }
  }
}

/** The version a reviewed DOCX names (our export writes its name), or null: the text now. */
export function versionOf(parsed: ParsedDocx, versions: readonly Version[]): Version | null {
  const name = parsed.versionName?.trim().toLowerCase()
  if (!name) return null
  return versions.find((v) => v.name.trim().toLowerCase() === name) ?? null
}

/** A review's plan against `version` (or the text now), laid onto the paper's current text. */
export function planReviewOf(
  parsed: ParsedDocx,
  paper: Y.Doc,
  comments: Y.Doc,
  version: Version | null,
): ImportPlan {
  const current = readBodyJSON(paper).value
  const base: JSONContent =
    version === null ? current : parsePaperContent(version.content).value.body
  return planReviewImport(parsed, {
    base,
    current,
    threads: readThreads(comments).value,
    now: Date.now(),
  })
}

export { planNewPaper }

export type ImportedPaper = { ok: true; id: string } | { ok: false; problems: Problem[] }

/**
 * A new paper from a Word document: its body, title, recipients and language as recognised, its
 * comments as threads, listed in the index last (as createPaper does), so a paper half written
 * never shows in the library.
 */
export async function importNewPaper(
  registry: RoomRegistry,
  index: Y.Doc,
  input: {
    workspace: string
    plan: ImportPlan
    parsed: ParsedDocx
    fallbackTitle: string
    language: PaperLanguage
    mapping: AuthorMapping
    by: Author
    /** The importer's organisation, a contributor unless the document names its own. */
    organisation: string | null
  },
): Promise<ImportedPaper> {
  const id = newPaperId()
  const now = Date.now()
  const { parsed, plan } = input
  const title = parsed.title?.trim() || input.fallbackTitle
  const paper = registry.acquire(paperRoom(input.workspace, id))
  const comments = registry.acquire(commentsRoom(input.workspace, id))
  try {
    await Promise.all([paper.session.ready, comments.session.ready])
    const written = writeImportedPaper(
      paper.session.doc,
      {
        title,
        recipients: parsed.recipients,
        language: parsed.language ?? input.language,
        deadline: null,
        status: 'draft',
        organisations:
          parsed.organisations.length > 0
            ? parsed.organisations
            : input.organisation === null
              ? []
              : [input.organisation],
        created: { by: input.by, at: now },
      },
      mapAuthors(plan.body, authorOf(input.mapping), input.by),
    )
    if (!written.ok) return written
    const threads = writeImportedComments(
      comments.session.doc,
      paper.session.doc,
      plan.comments.map((c) => c.comment),
      {
        authorOf: authorOf(input.mapping),
        importer: input.by,
        rangeOf: (comment) => plan.comments.find((c) => c.comment === comment)?.range ?? null,
      },
    )
    if (!threads.ok) return threads
    const listed = upsertPaperSummary(index, {
      id,
      title,
      status: 'draft',
      recipients: parsed.recipients,
      createdAt: now,
      updatedAt: now,
    })
    return listed.ok ? { ok: true, id } : listed
  } finally {
    paper.release()
    comments.release()
  }
}

export type ReviewWritten =
  { ok: true; suggestions: number; comments: number } | { ok: false; problems: Problem[] }

/**
 * A review into an open paper: the body in one transaction (with `origin` the editor's undo
 * tracks, so one undo takes it back), then the comments in one transaction of their own doc.
 */
export function importReview(input: {
  paper: Y.Doc
  comments: Y.Doc
  plan: ImportPlan
  mapping: AuthorMapping
  by: Author
  origin: unknown
}): ReviewWritten {
  const { plan } = input
  const map = authorOf(input.mapping)
  const body = writeReview(
    input.paper,
    { body: mapAuthors(plan.body, map, input.by), inserts: plan.review?.inserts ?? [] },
    input.origin,
  )
  if (!body.ok) return body
  const threads = writeImportedComments(
    input.comments,
    input.paper,
    plan.comments.map((c) => c.comment),
    {
      authorOf: map,
      importer: input.by,
      rangeOf: (comment) => plan.comments.find((c) => c.comment === comment)?.range ?? null,
    },
  )
  if (!threads.ok) return threads
  const suggestions = plan.summary.suggestions.reduce((sum, s) => sum + s.count, 0)
  return {
    ok: true,
    suggestions,
    comments: threads.value.threads + threads.value.replies,
  }
}
