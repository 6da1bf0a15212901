import { existsSync, readFileSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import * as Y from 'yjs'
import { findVersion } from '../shared/export/index.ts'
import { LIMITS } from '../shared/import/docx-package.ts'
import { planNewPaper, planReviewImport, type ImportSummary } from '../shared/import/import-plan.ts'
import { parseDocx } from '../shared/import/parse-docx.ts'
import {
  bylineMatches,
  mapAuthors,
  writeImportedComments,
  writeImportedPaper,
  writeReview,
  type AuthorOf,
} from '../shared/import/write.ts'
import {
  parsePaperContent,
  readBodyJSON,
  readThreads,
  readWorkflow,
  upsertPaperSummary,
  type Author,
  type Problem,
} from '../shared/model/index.ts'
import {
  commentsRoom,
  indexRoom,
  isValidId,
  paperRoom,
  workflowRoom,
} from '../shared/protocol/index.ts'
import { UpdateStore } from '../shared/store/index.ts'
import { CommandError, UsageError, optionalString, requireString, type Values } from './cli-args.ts'
import type { Output } from './cli-admin.ts'
import { MemberDirectory, type Member } from './members.ts'
import { relayExtension } from './relay-schema.ts'

export const IMPORT_USAGE = `  import            --workspace ID --file PAPER.docx --as MEMBER
                    [--paper ID [--review-against VERSION]] [--dry-run]`

export const IMPORT_FLAGS = {
  workspace: { type: 'string' },
  file: { type: 'string' },
  as: { type: 'string' },
  paper: { type: 'string' },
  'review-against': { type: 'string' },
  'dry-run': { type: 'boolean' },
} as const

/**
 * `samstemt-relay import`: a Word document as a new paper, or (with --paper) a Word review of a
 * paper as suggestions and comment threads, written into the relay's database as the updates a
 * member's app would send, signed by the importing member (--as, an editor or coordinator).
 * Word authors become the members of the same name, the others external reviewers.
 */
export async function importDocx(values: Values): Promise<Output> {
  const data = requireString(values, 'data', 'the relay database, or SAMSTEMT_RELAY_DATA')
  const workspace = requireString(values, 'workspace')
  const file = resolve(requireString(values, 'file', 'the .docx to import'))
  const as = requireString(values, 'as', 'the importing member: an editor or the coordinator')
  const paperId = optionalString(values, 'paper')
  const against = optionalString(values, 'review-against')?.trim()
  const dryRun = values['dry-run'] === true
  for (const [flag, id] of [
    ['workspace', workspace],
    ['paper', paperId ?? 'x'],
  ] as const) {
    if (!isValidId(id)) throw new UsageError(`--${flag} may only use A-Z, a-z, 0-9, _ and -.`)
  }
  if (against !== undefined && paperId === undefined) {
    throw new UsageError('--review-against needs --paper: the paper the review is of.')
  }
  if (!existsSync(file)) throw new CommandError(`There is no file ${file}.`)
  if (statSync(file).size > LIMITS.fileBytes) {
    throw new CommandError(`${file}: the file is larger than 25 MB, more than a Word paper is.`)
  }
  const parsed = await parseDocx(new Uint8Array(readFileSync(file)), { now: Date.now() })
  if (!parsed.ok) throw new CommandError(`${file}: ${parsed.error.message}`)
  if (!existsSync(data)) throw new CommandError(`There is no relay database at ${data}.`)

  const store = UpdateStore.open(data, { extensions: [relayExtension], onUnusable: 'throw' })
  try {
    const directory = new MemberDirectory(store.db)
    if (!directory.workspace(workspace)) {
      throw new CommandError(
        `There is no workspace ${workspace}. See: samstemt-relay workspace list`,
      )
    }
    const importer = directory.member(as)
    if (importer === null || importer.workspace !== workspace || importer.revokedAt !== null) {
      throw new CommandError(
        `There is no member ${as} in ${workspace}. See: samstemt-relay members`,
      )
    }
    if (importer.role === 'reviewer') {
      throw new CommandError(
        `${importer.name} is a reviewer; only editors and coordinators import.`,
      )
    }
    const by: Author = {
      memberId: importer.id,
      name: importer.name,
      organisation: importer.organisation,
    }
    const members = directory.listMembers(workspace).filter((m) => m.revokedAt === null)
    const authorOf = mappedBy(members)
    // What the app would send: each doc's change as one update, appended as the relay stores them.
    const writes: { room: string; update: Uint8Array }[] = []
    const change = (room: string, doc: Y.Doc, write: () => Problem[] | null) => {
      const before = Y.encodeStateVector(doc)
      const problems = write()
      if (problems !== null) throw new CommandError(problemText(problems))
      writes.push({ room, update: Y.encodeStateAsUpdate(doc, before) })
    }
    let summary: ImportSummary
    let paper: string
    if (paperId === undefined) {
      paper = newPaperId()
      const plan = planNewPaper(parsed.value)
      summary = plan.summary
      const doc = new Y.Doc()
      const comments = new Y.Doc()
      const now = Date.now()
      const title = parsed.value.title ?? file.replace(/^.*\//, '').replace(/\.docx$/i, '')
      const meta = {
        title,
        recipients: parsed.value.recipients,
        language: parsed.value.language ?? 'nb',
        deadline: null,
        status: 'draft' as const,
        organisations: parsed.value.organisations,
        created: { by, at: now },
      }
      change(paperRoom(workspace, paper), doc, () => {
        const written = writeImportedPaper(doc, meta, mapAuthors(plan.body, authorOf, by))
        return written.ok ? null : written.problems
      })
      change(commentsRoom(workspace, paper), comments, () =>
        commentsOf(comments, doc, plan, authorOf, by),
      )
      const index = store.has(indexRoom(workspace)) ? store.load(indexRoom(workspace)) : new Y.Doc()
      change(indexRoom(workspace), index, () => {
        const listed = upsertPaperSummary(index, {
          id: paper,
          title,
          status: 'draft',
          recipients: meta.recipients,
          createdAt: now,
          updatedAt: now,
        })
        return listed.ok ? null : listed.problems
      })
    } else {
      paper = paperId
      const room = paperRoom(workspace, paper)
      if (!store.has(room)) throw new CommandError(`There is no paper ${paper} in ${workspace}.`)
      const doc = store.load(room)
      const commentsName = commentsRoom(workspace, paper)
      const comments = store.has(commentsName) ? store.load(commentsName) : new Y.Doc()
      const current = readBodyJSON(doc).value
      let base = current
      if (against !== undefined) {
        const workflowName = workflowRoom(workspace, paper)
        const workflow = store.has(workflowName)
          ? readWorkflow(store.load(workflowName)).value
          : null
        const version = workflow === null ? null : findVersion(workflow, against)
        if (version === null) throw new CommandError(`Paper ${paper} has no version "${against}".`)
        base = parsePaperContent(version.content).value.body
      }
      const plan = planReviewImport(parsed.value, {
        base,
        current,
        threads: readThreads(comments).value,
        now: Date.now(),
      })
      summary = plan.summary
      change(room, doc, () => {
        const written = writeReview(doc, {
          body: mapAuthors(plan.body, authorOf, by),
          inserts: plan.review?.inserts ?? [],
        })
        return written.ok ? null : written.problems
      })
      change(commentsName, comments, () => commentsOf(comments, doc, plan, authorOf, by))
    }
    if (!dryRun) {
      await Promise.all(writes.map((w) => store.append(w.room, w.update, { origin: `cli:${as}` })))
    }
    return {
      json: { workspace, paper, created: paperId === undefined, written: !dryRun, summary },
      text: summaryText(summary, paper, paperId === undefined, dryRun),
    }
  } finally {
    await store.close()
  }
}

function commentsOf(
  comments: Y.Doc,
  paper: Y.Doc,
  plan: ReturnType<typeof planNewPaper>,
  authorOf: AuthorOf,
  importer: Author,
): Problem[] | null {
  const written = writeImportedComments(
    comments,
    paper,
    plan.comments.map((c) => c.comment),
    {
      authorOf,
      importer,
      rangeOf: (comment) => plan.comments.find((c) => c.comment === comment)?.range ?? null,
    },
  )
  return written.ok ? null : written.problems
}

function mappedBy(members: readonly Member[]): AuthorOf {
  return (name) => {
    const member = members.find((m) =>
      bylineMatches(name, { memberId: m.id, name: m.name, organisation: m.organisation }),
    )
    return member
      ? { memberId: member.id, name: member.name, organisation: member.organisation }
      : { memberId: `word:${name}`, name, organisation: '' }
  }
}

function summaryText(summary: ImportSummary, paper: string, created: boolean, dryRun: boolean) {
  const lines = [
    `${dryRun ? 'Would import' : 'Imported'} ${created ? `a new paper ${paper}` : `a review into paper ${paper}`}` +
      (summary.title && created ? ` ("${summary.title}")` : '') +
      `: ${summary.headings} headings, ${summary.paragraphs} paragraphs.`,
    ...summary.suggestions.map((s) => `  ${s.count} suggestion(s) by ${s.author}`),
    ...summary.comments.map(
      (c) => `  ${c.threads} comment(s) and ${c.replies} reply(ies) by ${c.author}`,
    ),
    ...summary.dropped.map(
      (d) => `  Left out: ${d.count} ${d.kind}${d.detail ? ` (${d.detail})` : ''}`,
    ),
  ]
  return lines.join('\n')
}

function problemText(problems: readonly Problem[]): string {
  return `Not imported: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`
}

function newPaperId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12))
  return Buffer.from(bytes).toString('base64url')
}
