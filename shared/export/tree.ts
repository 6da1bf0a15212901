import type { JSONContent } from '@tiptap/core'
import { templateHeadings } from '../model/template.ts'
import { isTemplateSection, type TemplateSection } from '../model/template-structure.ts'
import {
  isAuthor,
  SUGGEST_DELETE,
  SUGGEST_INSERT,
  SUGGEST_JOIN,
  SUGGEST_SPLIT,
} from '../model/tracked.ts'
import type { ExportComment, ExportLanguage, ExportSource, Signatory } from './types.ts'

/** A tracked change in a redline: the piece was inserted into or deleted from the newer version. */
export type Change = 'ins' | 'del'

/** The marks of the body schema; `href` is the link mark's target. */
export type Marks = {
  bold?: true
  italic?: true
  underline?: true
  strike?: true
  code?: true
  href?: string
}

/** An open suggestion of the paper (suggesting mode): who made it, when. */
export type Suggested = { change: Change; author: string; organisation: string; at: number }

export type TextInline = {
  kind: 'text'
  text: string
  marks: Marks
  /** Indexes into `ExportDocument.comments` of the comments covering this text. */
  comments: number[]
  /** The comments whose range ends with this text (where a marker goes). */
  commentEnds: number[]
  change?: Change
  /** The paper's own open suggestion on this text (DOCX writes it as a tracked change). */
  suggested?: Suggested
}
export type BreakInline = { kind: 'break'; change?: Change }
export type Inline = TextInline | BreakInline

export type ListItem = { blocks: Block[]; change?: Change }
export type TableCell = { header: boolean; colspan: number; rowspan: number; blocks: Block[] }
export type TableRow = { cells: TableCell[]; change?: Change }

/**
 * A block of the neutral document tree that every renderer reads. Heading levels are relative:
 * 1 is a top-level section of the body (the title sits above it).
 */
export type Block =
  | { kind: 'paragraph'; inlines: Inline[]; change?: Change; markSuggested?: Suggested }
  | {
      kind: 'heading'
      level: number
      inlines: Inline[]
      /** The template section this heading opens (`section` in the body), if any. */
      section?: TemplateSection
      change?: Change
      /** The break after this block is a suggested one (a split) or suggested away (a join). */
      markSuggested?: Suggested
    }
  | { kind: 'code'; language: string | null; inlines: Inline[]; change?: Change }
  | { kind: 'list'; ordered: boolean; start: number; items: ListItem[]; change?: Change }
  | { kind: 'quote'; blocks: Block[]; change?: Change }
  | { kind: 'rule'; change?: Change }
  | { kind: 'table'; rows: TableRow[]; change?: Change }

/** The "Key messages" section the house template sets in a box. */
export type KeyMessages = { heading: Inline[]; blocks: Block[] }

/** A paper laid out in the house template, ready for any renderer. */
export type ExportDocument = {
  kind: 'export-document'
  title: string
  recipients: string[]
  language: ExportLanguage
  date: string
  place: string | null
  versionName: string | null
  keyMessages: KeyMessages | null
  blocks: Block[]
  /** Rendered as the closing section; the body's own signatories section gives way to it. */
  signatories: Signatory[]
  /** Every comment, in order; inlines refer to them by index. */
  comments: ExportComment[]
  /** Set for a redline: the names of the two versions compared. */
  redline: { from: string; to: string } | null
}

/** Lays a paper out in the house template. */
export function toDocument(source: ExportSource): ExportDocument {
  const comments = source.comments ?? []
  const blocks = bodyBlocks(source.body, comments)
  return arrange(blocks, source, comments, null)
}

/** An ExportSource, or an already laid-out document (a redline), for the renderers. */
export type ExportInput = ExportSource | ExportDocument

export function asDocument(input: ExportInput): ExportDocument {
  return isDocument(input) ? input : toDocument(input)
}

function isDocument(input: ExportInput): input is ExportDocument {
  return (input as Partial<ExportDocument>).kind === 'export-document'
}

/**
 * The tree of a body. Text is split where comments start and end, and every piece lists the
 * comments over it, counting characters as shared/model's resolveAnchor does.
 */
export function bodyBlocks(body: JSONContent, comments: readonly ExportComment[] = []): Block[] {
  const walker = new Walker(comments)
  return walker.blocks(body.content ?? [])
}

/**
 * Splits off the key messages box, makes heading levels relative and, when endorsements are
 * given, lets them replace the body's own signatories section.
 */
export function arrange(
  blocks: Block[],
  source: Omit<ExportSource, 'body' | 'comments'>,
  comments: ExportComment[],
  redline: ExportDocument['redline'],
): ExportDocument {
  let body = relativeHeadings(blocks.filter((block) => !isEmptyParagraph(block)))
  const opens = sectionFinder(body)
  if (source.signatories.length > 0) body = withoutSection(body, opens('signatories'))
  let keyMessages: KeyMessages | null = null
  const first = body[0]
  if (first?.kind === 'heading' && opens('key-messages')(first)) {
    const end = sectionEnd(body, 0)
    keyMessages = { heading: first.inlines, blocks: body.slice(1, end) }
    body = body.slice(end)
  }
  return {
    kind: 'export-document',
    title: source.title,
    recipients: source.recipients,
    language: source.language,
    date: source.date,
    place: source.place,
    versionName: source.versionName,
    keyMessages,
    blocks: body,
    signatories: source.signatories,
    comments,
    redline,
  }
}

/**
 * Whether a block opens the template's section `section`: a heading marked with it. A body
 * with no marked heading at all was written before the template marked its sections; there
 * the template's heading words (in either language) stand in for the mark.
 */
function sectionFinder(blocks: Block[]): (section: TemplateSection) => (block: Block) => boolean {
  const marked = blocks.some((block) => block.kind === 'heading' && block.section !== undefined)
  return (section) => {
    if (marked) return (block) => block.kind === 'heading' && block.section === section
    const index = TEMPLATE_ORDER.indexOf(section)
    const words = new Set(
      (['nb', 'en'] as const).map((l) => normalise(templateHeadings(l)[index] ?? '')),
    )
    return (block) => block.kind === 'heading' && words.has(normalise(plainText(block.inlines)))
  }
}

const TEMPLATE_ORDER: readonly TemplateSection[] = [
  'key-messages',
  'background',
  'recommendations',
  'signatories',
]

function normalise(text: string): string {
  return text.trim().replace(/[:.]$/, '').toLocaleLowerCase('nb')
}

/** The text of inlines as it reads now: deleted pieces left out, breaks as newlines. */
export function plainText(inlines: readonly Inline[]): string {
  return inlines
    .filter((inline) => inline.change !== 'del')
    .map((inline) => (inline.kind === 'text' ? inline.text : '\n'))
    .join('')
}

function isEmptyParagraph(block: Block): boolean {
  return block.kind === 'paragraph' && plainText(block.inlines).trim() === ''
}

/** The index after the section that the heading at `start` opens. */
function sectionEnd(blocks: Block[], start: number): number {
  const heading = blocks[start]
  const level = heading?.kind === 'heading' ? heading.level : 0
  const next = blocks.findIndex(
    (block, i) => i > start && block.kind === 'heading' && block.level <= level,
  )
  return next < 0 ? blocks.length : next
}

function withoutSection(blocks: Block[], opens: (block: Block) => boolean): Block[] {
  const start = blocks.findIndex(opens)
  if (start < 0) return blocks
  return [...blocks.slice(0, start), ...blocks.slice(sectionEnd(blocks, start))]
}

// The template writes sections as level 2 (the title is level 1); a paper whose drafters used
// level 1 keeps its structure too: the highest level used becomes the first.
function relativeHeadings(blocks: Block[]): Block[] {
  const levels = blocks.flatMap((block) => (block.kind === 'heading' ? [block.level] : []))
  if (levels.length === 0) return blocks
  const shift = Math.min(...levels) - 1
  return blocks.map((block) =>
    block.kind === 'heading'
      ? { ...block, level: Math.min(5, Math.max(1, block.level - shift)) }
      : block,
  )
}

type Range = { index: number; start: number; end: number }

class Walker {
  #offset = 0
  readonly #ranges: Range[]

  constructor(comments: readonly ExportComment[]) {
    this.#ranges = comments.flatMap((comment, index) =>
      comment.range && comment.range.start < comment.range.end
        ? [{ index, start: comment.range.start, end: comment.range.end }]
        : [],
    )
  }

  blocks(nodes: readonly JSONContent[]): Block[] {
    const out: Block[] = []
    let previous: Block | undefined
    for (const node of nodes) {
      // A suggested break before this block is the previous paragraph's mark in Word.
      const split = suggestedOf(node.attrs?.[SUGGEST_SPLIT], 'ins')
      const join = suggestedOf(node.attrs?.[SUGGEST_JOIN], 'del')
      if ((split ?? join) && (previous?.kind === 'paragraph' || previous?.kind === 'heading')) {
        previous.markSuggested = split ?? join
      }
      const blocks = this.block(node)
      out.push(...blocks)
      previous = blocks[blocks.length - 1] ?? previous
    }
    return out
  }

  block(node: JSONContent): Block[] {
    const content = node.content ?? []
    switch (node.type) {
      case 'paragraph': {
        const inlines = this.inlines(content)
        // The template's guidance is a placeholder, not the paper's text: it never goes out.
        return node.attrs?.guidance === true ? [] : [{ kind: 'paragraph', inlines }]
      }
      case 'heading': {
        const section = node.attrs?.section
        return [
          {
            kind: 'heading',
            level: numberAttr(node, 'level', 1),
            inlines: this.inlines(content),
            ...(isTemplateSection(section) ? { section } : {}),
          },
        ]
      }
      case 'codeBlock': {
        const language = node.attrs?.language
        return [
          {
            kind: 'code',
            language: typeof language === 'string' && language !== '' ? language : null,
            inlines: this.inlines(content),
          },
        ]
      }
      case 'bulletList':
      case 'orderedList':
        return (
          [
            {
              kind: 'list',
              ordered: node.type === 'orderedList',
              start: numberAttr(node, 'start', 1),
              items: content
                .map((item) => ({ blocks: this.blocks(item.content ?? []) }))
                .filter((item) => item.blocks.length > 0),
            },
          ] satisfies Block[]
        ).filter((list) => list.items.length > 0)
      case 'blockquote':
        return [{ kind: 'quote', blocks: this.blocks(content) }]
      case 'horizontalRule':
        return [{ kind: 'rule' }]
      case 'table':
        return [
          {
            kind: 'table',
            rows: content.map((row) => ({
              cells: (row.content ?? []).map((cell) => ({
                header: cell.type === 'tableHeader',
                colspan: numberAttr(cell, 'colspan', 1),
                rowspan: numberAttr(cell, 'rowspan', 1),
                blocks: this.blocks(cell.content ?? []),
              })),
            })),
          },
        ]
      default:
        // A node this version does not know (a newer schema): keep its text as paragraphs.
        return content.some((child) => child.type === 'text')
          ? [{ kind: 'paragraph', inlines: this.inlines(content) }]
          : this.blocks(content)
    }
  }

  inlines(nodes: readonly JSONContent[]): Inline[] {
    const inlines: Inline[] = []
    for (const node of nodes) {
      if (node.type === 'text' && typeof node.text === 'string') {
        const pieces = this.text(node.text, marksOf(node))
        const suggested = suggestionOf(node)
        if (suggested) for (const piece of pieces) piece.suggested = suggested
        inlines.push(...pieces)
      } else if (node.type === 'hardBreak') {
        inlines.push({ kind: 'break' })
      }
    }
    return inlines
  }

  text(text: string, marks: Marks): TextInline[] {
    const start = this.#offset
    const end = start + text.length
    this.#offset = end
    const touching = this.#ranges.filter((r) => r.start < end && r.end > start)
    if (touching.length === 0) return [{ kind: 'text', text, marks, comments: [], commentEnds: [] }]
    const cuts = new Set([start, end])
    for (const r of touching) {
      if (r.start > start) cuts.add(r.start)
      if (r.end < end) cuts.add(r.end)
    }
    const points = [...cuts].sort((a, b) => a - b)
    const pieces: TextInline[] = []
    for (const [i, from] of points.entries()) {
      const to = points[i + 1]
      if (to === undefined) break
      const over = touching.filter((r) => r.start <= from && r.end >= to)
      pieces.push({
        kind: 'text',
        text: text.slice(from - start, to - start),
        marks,
        comments: over.map((r) => r.index),
        commentEnds: over.filter((r) => r.end === to).map((r) => r.index),
      })
    }
    return pieces
  }
}

function numberAttr(node: JSONContent, name: string, fallback: number): number {
  const value = node.attrs?.[name]
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : fallback
}

function suggestionOf(node: JSONContent): Suggested | undefined {
  for (const mark of node.marks ?? []) {
    if (mark.type === SUGGEST_INSERT) return suggestedOf(mark.attrs, 'ins')
    if (mark.type === SUGGEST_DELETE) return suggestedOf(mark.attrs, 'del')
  }
  return undefined
}

function suggestedOf(value: unknown, change: Change): Suggested | undefined {
  if (!isAuthor(value)) return undefined
  return { change, author: value.name, organisation: value.organisation, at: value.at }
}

function marksOf(node: JSONContent): Marks {
  const marks: Marks = {}
  for (const mark of node.marks ?? []) {
    switch (mark.type) {
      case 'bold':
        marks.bold = true
        break
      case 'italic':
        marks.italic = true
        break
      case 'underline':
        marks.underline = true
        break
      case 'strike':
        marks.strike = true
        break
      case 'code':
        marks.code = true
        break
      case 'link': {
        const href = mark.attrs?.href
        if (typeof href === 'string' && href !== '') marks.href = href
        break
      }
    }
  }
  return marks
}

/** The comments some inline refers to; the others have lost their text. */
export function placedComments(document: ExportDocument): Set<number> {
  const placed = new Set<number>()
  const visitInlines = (inlines: readonly Inline[]) => {
    for (const inline of inlines) {
      if (inline.kind === 'text') for (const index of inline.commentEnds) placed.add(index)
    }
  }
  const visit = (blocks: readonly Block[]) => {
    for (const block of blocks) {
      switch (block.kind) {
        case 'paragraph':
        case 'heading':
        case 'code':
          visitInlines(block.inlines)
          break
        case 'list':
          for (const item of block.items) visit(item.blocks)
          break
        case 'quote':
          visit(block.blocks)
          break
        case 'table':
          for (const row of block.rows) for (const cell of row.cells) visit(cell.blocks)
          break
        case 'rule':
          break
      }
    }
  }
  if (document.keyMessages) {
    visitInlines(document.keyMessages.heading)
    visit(document.keyMessages.blocks)
  }
  visit(document.blocks)
  return placed
}

/** Only http(s) and mailto links survive into an export; others keep their text. */
export function safeHref(href: string | undefined): string | null {
  if (href === undefined) return null
  return /^(https?:|mailto:)/i.test(href.trim()) ? href.trim() : null
}
