import { accessSync, constants, existsSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type * as Y from 'yjs'
import {
  FORMATS,
  FORMAT_IDS,
  currentSignatories,
  findVersion,
  isExportFormat,
  redline,
  renderExport,
  sourceFromDocs,
  sourceFromVersion,
  type ExportFormat,
  type ExportInput,
  type ExportSource,
} from '../shared/export/index.ts'
import {
  contentHash,
  guidanceCount,
  isCalendarDate,
  paperContent,
  readPapers,
  readWorkflow,
  today,
} from '../shared/model/index.ts'
import type { Problem } from '../shared/model/index.ts'
import type { Workflow } from '../shared/model/workflow.ts'
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
import { loadExportFonts } from '../shared/export-node/fonts.ts'
import { PdfError, printPdf } from '../shared/export-node/pdf.ts'
import { writeAtomically } from '../shared/export-node/write-file.ts'
import { MemberDirectory } from './members.ts'
import { relayExtension } from './relay-schema.ts'

export const EXPORT_USAGE = `  export            --workspace ID --paper ID --format ${FORMAT_IDS.join('|')} --out PATH
                    [--version NAME | --redline FROM..TO] [--comments] [--place PLACE]
                    [--date YYYY-MM-DD]`

export const EXPORT_FLAGS = {
  workspace: { type: 'string' },
  paper: { type: 'string' },
  version: { type: 'string' },
  redline: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  comments: { type: 'boolean' },
  place: { type: 'string' },
  date: { type: 'string' },
} as const

/**
 * `samstemt-relay export`: a paper (as it is now, or a named version, or the changes between
 * two versions) in the house template, read from the relay's database.
 */
export async function exportPaper(values: Values): Promise<Output> {
  const request = parseRequest(values)
  const input = await withPaper(request, (docs) => buildInput(request, docs))
  const bytes = await render(input.value, request)
  try {
    // A temp file renamed over --out: a reader (or a crash) never sees half an export.
    await writeAtomically(request.out, bytes)
  } catch (error) {
    throw new CommandError(`Could not write ${request.out}: ${reason(error)}`)
  }
  const what = request.redline
    ? `the changes from "${request.redline.from}" to "${request.redline.to || 'now'}"`
    : request.version
      ? `version "${request.version}"`
      : 'the paper as it is now'
  const notes = input.problems.map((p) => `Note: ${p.path}: ${p.message}`)
  // Exports leave the template's guidance out; whoever sends the file should know it is there.
  const guidance = 'body' in input.value ? guidanceCount(input.value.body) : 0
  if (guidance > 0) {
    notes.push(
      `Note: ${guidance} paragraph${guidance === 1 ? '' : 's'} of the template's guidance ` +
        `${guidance === 1 ? 'is' : 'are'} still in the paper; the export leaves ` +
        `${guidance === 1 ? 'it' : 'them'} out.`,
    )
  }
  return {
    json: {
      format: request.format,
      out: request.out,
      bytes: bytes.byteLength,
      workspace: request.workspace,
      paper: request.paper,
      version: request.version ?? null,
      redline: request.redline,
      comments: request.comments,
      problems: input.problems,
      guidanceLeftOut: guidance,
    },
    text: [
      `Exported ${what} as ${FORMATS[request.format].name} to ${request.out} (${kib(bytes.byteLength)}).`,
      ...notes,
    ].join('\n'),
  }
}

type Request = {
  data: string
  workspace: string
  paper: string
  format: ExportFormat
  out: string
  version: string | undefined
  redline: { from: string; to: string } | null
  comments: boolean
  place: string | null
  date: string | undefined
}

function parseRequest(values: Values): Request {
  const data = requireString(values, 'data', 'the relay database, or SAMSTEMT_RELAY_DATA')
  const workspace = requireString(values, 'workspace')
  const paper = requireString(values, 'paper', 'the paper id, as in the app or the room name')
  const format = requireString(values, 'format', FORMAT_IDS.join(', '))
  const out = resolve(requireString(values, 'out', 'the file to write'))
  for (const [flag, id] of [
    ['workspace', workspace],
    ['paper', paper],
  ] as const) {
    if (!isValidId(id)) {
      throw new UsageError(`--${flag} may only use A-Z, a-z, 0-9, _ and - (1-64), not "${id}".`)
    }
  }
  if (!isExportFormat(format)) {
    throw new UsageError(`--format must be one of ${FORMAT_IDS.join(', ')}, not "${format}".`)
  }
  const version = optionalString(values, 'version')?.trim()
  const redlineFlag = optionalString(values, 'redline')
  if (version !== undefined && redlineFlag !== undefined) {
    throw new UsageError('Give --version or --redline, not both.')
  }
  let redlineRange: Request['redline'] = null
  if (redlineFlag !== undefined) {
    const match = /^(.+?)\.\.(.*)$/.exec(redlineFlag)
    if (!match || match[1]?.trim() === '') {
      throw new UsageError(
        `--redline takes two version names as FROM..TO (TO left out: the paper as it is now), not "${redlineFlag}".`,
      )
    }
    redlineRange = { from: (match[1] ?? '').trim(), to: (match[2] ?? '').trim() }
  }
  const comments = values.comments === true
  if (comments && redlineRange) {
    throw new UsageError('A redline shows changes, not comments: leave out --comments.')
  }
  const date = optionalString(values, 'date')
  if (date !== undefined && !isCalendarDate(date)) {
    throw new UsageError(`--date must be a date as YYYY-MM-DD, not "${date}".`)
  }
  const place = optionalString(values, 'place')?.trim() || null
  checkWritable(out)
  return {
    data,
    workspace,
    paper,
    format,
    out,
    version,
    redline: redlineRange,
    comments,
    place,
    date,
  }
}

/** Fails before any work when the file cannot be written. */
function checkWritable(out: string): void {
  const folder = dirname(out)
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new CommandError(`Cannot write ${out}: there is no folder ${folder}.`)
  }
  if (existsSync(out) && statSync(out).isDirectory()) {
    throw new CommandError(`Cannot write ${out}: it is a folder. Give a file name to --out.`)
  }
  try {
    accessSync(existsSync(out) ? out : folder, constants.W_OK)
  } catch {
    throw new CommandError(`Cannot write ${out}: permission denied.`)
  }
}

type Docs = { paper: Y.Doc; comments: Y.Doc | null; workflow: Workflow; problems: Problem[] }

async function withPaper<T>(request: Request, use: (docs: Docs) => T): Promise<T> {
  if (!existsSync(request.data)) {
    throw new CommandError(`There is no relay database at ${request.data}.`)
  }
  const store = UpdateStore.open(request.data, {
    extensions: [relayExtension],
    onUnusable: 'throw',
  })
  try {
    if (!new MemberDirectory(store.db).workspace(request.workspace)) {
      throw new CommandError(
        `There is no workspace ${request.workspace}. List them with: samstemt-relay workspace list`,
      )
    }
    const room = paperRoom(request.workspace, request.paper)
    if (!store.has(room)) throw new CommandError(unknownPaper(store, request))
    const paper = store.load(room)
    const comments = request.comments
      ? loadIfStored(store, commentsRoom(request.workspace, request.paper))
      : null
    const workflowDoc = loadIfStored(store, workflowRoom(request.workspace, request.paper))
    const workflow = workflowDoc
      ? readWorkflow(workflowDoc)
      : {
          value: { status: 'draft' as const, history: [], versions: [], endorsements: [] },
          problems: [],
        }
    return use({ paper, comments, workflow: workflow.value, problems: workflow.problems })
  } finally {
    await store.close()
  }
}

function loadIfStored(store: UpdateStore, room: string): Y.Doc | null {
  return store.has(room) ? store.load(room) : null
}

function unknownPaper(store: UpdateStore, request: Request): string {
  const index = loadIfStored(store, indexRoom(request.workspace))
  const papers = index ? readPapers(index).value : []
  const list = papers.map((p) => `  ${p.id}\t${p.title}`).join('\n')
  return (
    `There is no paper ${request.paper} in workspace ${request.workspace}.` +
    (list ? `\nIts papers:\n${list}` : ' It has no papers yet.')
  )
}

type Built = { value: ExportInput; problems: Problem[] }

function buildInput(request: Request, docs: Docs): Built {
  const details = { place: request.place, ...(request.date ? { date: request.date } : {}) }
  const { workflow } = docs
  const named = (name: string) => {
    const version = findVersion(workflow, name)
    if (version === null) {
      const names = workflow.versions.map((v) => `"${v.name}"`).join(', ')
      throw new CommandError(
        `Paper ${request.paper} has no version "${name}". ` +
          (names ? `Its versions: ${names}.` : 'It has no named versions yet.'),
      )
    }
    return version
  }
  if (request.redline) {
    const from = sourceFromVersion(named(request.redline.from), workflow, details)
    const to = request.redline.to
      ? sourceFromVersion(named(request.redline.to), workflow, details)
      : current(request, docs)
    return {
      value: redline(from.value, to.value),
      problems: [...docs.problems, ...from.problems, ...to.problems],
    }
  }
  if (request.version !== undefined) {
    const version = named(request.version)
    const source = sourceFromVersion(version, workflow, details)
    if (docs.comments) {
      // Comments are anchored in the paper as it is now; they fit a version only of the same text.
      if (version.hash !== contentHash(paperContent(docs.paper))) {
        throw new CommandError(
          `Comments sit on the paper as it is now, and version "${version.name}" differs from it. ` +
            'Export the version without --comments, or the paper as it is now with them.',
        )
      }
      const withComments = current(request, docs)
      source.value.comments = withComments.value.comments ?? []
    }
    return { value: source.value, problems: [...docs.problems, ...source.problems] }
  }
  const source = current(request, docs)
  return { value: source.value, problems: [...docs.problems, ...source.problems] }
}

function current(request: Request, docs: Docs): { value: ExportSource; problems: Problem[] } {
  return sourceFromDocs(
    docs.paper,
    {
      date: request.date ?? today(),
      place: request.place,
      signatories: currentSignatories(docs.workflow, docs.paper),
    },
    docs.comments ? { doc: docs.comments } : undefined,
  )
}

async function render(input: ExportInput, request: Request): Promise<Uint8Array> {
  try {
    return await renderExport(input, {
      format: request.format,
      includeComments: request.comments,
      fonts: loadExportFonts,
      printPdf: (html) => printPdf(html),
    })
  } catch (error) {
    if (error instanceof PdfError) throw new CommandError(error.message)
    throw error
  }
}

function kib(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(0)} KiB`
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
