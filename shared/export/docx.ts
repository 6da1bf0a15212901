import {
  BorderStyle,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  ExternalHyperlink,
  Footer,
  HeadingLevel,
  InsertedTextRun,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  TabStopType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
  type ICommentOptions,
  type IRunOptions,
  type ParagraphChild,
} from 'docx'
import {
  ACCENT,
  BOX_FILL,
  BULLET_REFERENCE,
  houseStyles,
  numbering,
  orderedReference,
  PAGE,
  TABLE_STYLES,
  TEXT_WIDTH,
} from './docx-styles.ts'
import { dateLine, labelsFor } from './labels.ts'
import {
  asDocument,
  placedComments,
  safeHref,
  type Block,
  type Change,
  type ExportDocument,
  type ExportInput,
  type Inline,
  type KeyMessages,
  type Suggested,
  type TableRow as TreeRow,
} from './tree.ts'

export type DocxOptions = {
  /** Comments (with replies) as Word comments on the text they are about. */
  includeComments?: boolean
}

const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
]

/** The house template as a Word document; a redline's changes become tracked changes. */
export async function toDocx(input: ExportInput, options: DocxOptions = {}): Promise<Uint8Array> {
  const document = asDocument(input)
  const writer = new DocxWriter(document, options.includeComments === true)
  const children = writer.render()
  const labels = labelsFor(document.language)
  const doc = new Document({
    title: document.title,
    creator: 'Samstemt',
    description: labels.documentKind,
    externalStyles: TABLE_STYLES,
    styles: houseStyles(document.language),
    numbering: numbering(writer.starts),
    comments: { children: writer.comments },
    features: document.redline ? { trackRevisions: true } : {},
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: {
              top: PAGE.top,
              right: PAGE.right,
              bottom: PAGE.bottom,
              left: PAGE.left,
              footer: 567,
            },
          },
        },
        footers: { default: footer(document.title) },
        children,
      },
    ],
  })
  return Packer.pack(doc, 'uint8array')
}

function footer(title: string): Footer {
  return new Footer({
    children: [
      new Paragraph({
        style: 'Footer',
        tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
        children: [
          new TextRun(title),
          new TextRun({ children: ['\t', PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES] }),
        ],
      }),
    ],
  })
}

/** What a body holds, and a table cell can hold. */
type BodyChild = Paragraph | Table

type Context = { change?: Change; style?: string; bold?: boolean }

class DocxWriter {
  readonly comments: ICommentOptions[] = []
  readonly starts = new Set<number>()
  readonly #document: ExportDocument
  readonly #withComments: boolean
  /** Word comment ids of each thread: the thread's own, then its replies'. */
  readonly #commentIds: number[][] = []
  readonly #opened = new Set<number>()
  #nextRevision = 1
  #listInstance = 0
  readonly #revisionDate: string
  /** Threads whose text is gone from the paper. */
  #unplaced: number[] = []

  constructor(document: ExportDocument, withComments: boolean) {
    this.#document = document
    this.#withComments = withComments
    this.#revisionDate = `${document.date.slice(0, 10)}T00:00:00Z`
    if (withComments) {
      const placed = placedComments(document)
      this.#unplaced = document.comments.flatMap((_, index) => (placed.has(index) ? [] : [index]))
      this.#collectComments()
    }
  }

  render(): FileChild[] {
    const document = this.#document
    const labels = labelsFor(document.language)
    const out: FileChild[] = [
      new Paragraph({ style: 'DocumentKind', children: [new TextRun(labels.documentKind)] }),
      new Paragraph({
        heading: HeadingLevel.TITLE,
        children: this.#onUnplacedComments([new TextRun(document.title)]),
      }),
    ]
    if (document.recipients.length > 0) {
      out.push(
        new Paragraph({
          style: 'Recipients',
          children: [
            new TextRun({ text: labels.to, bold: true }),
            new TextRun({ children: ['\t', document.recipients.join(', ')] }),
          ],
        }),
      )
    }
    out.push(
      new Paragraph({
        style: 'DateLine',
        children: [new TextRun(dateLine(document.place, document.date, document.language))],
      }),
    )
    if (document.redline) {
      const note = labels.redline(document.redline.from, document.redline.to)
      out.push(
        new Paragraph({ style: 'DateLine', children: [new TextRun({ text: note, bold: true })] }),
      )
    } else if (document.versionName) {
      out.push(
        new Paragraph({
          style: 'DateLine',
          children: [new TextRun(labels.version(document.versionName))],
        }),
      )
    }
    out.push(new Paragraph({ children: [], spacing: { after: 120 } }))
    if (document.keyMessages) out.push(this.#keyMessages(document.keyMessages))
    out.push(...this.blocks(document.blocks, 0, {}))
    if (document.signatories.length > 0) {
      out.push(
        new Paragraph({
          heading: HeadingLevel.HEADING_1,
          children: [new TextRun(labels.signatories)],
          keepNext: true,
          keepLines: true,
        }),
      )
      // The block stays on one page: every paragraph but the last keeps with the next.
      const last = document.signatories.length - 1
      for (const [i, signatory] of document.signatories.entries()) {
        const details = [
          signatory.endorsedBy ? labels.endorsedBy(signatory.endorsedBy) : null,
          signatory.versionName ? labels.endorsedVersion(signatory.versionName) : null,
        ].filter((detail) => detail !== null)
        out.push(
          new Paragraph({
            style: 'Signatory',
            keepNext: i < last,
            keepLines: true,
            children: [
              new TextRun({ text: signatory.organisation, bold: true }),
              ...(details.length > 0
                ? [new TextRun({ text: details.join(', '), break: 1, color: '5B6470' })]
                : []),
            ],
          }),
        )
      }
    }
    return out
  }

  #keyMessages(key: KeyMessages): Table {
    const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }
    return new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: [TEXT_WIDTH],
      borders: {
        top: none,
        bottom: none,
        left: none,
        right: none,
        insideHorizontal: none,
        insideVertical: none,
      },
      rows: [
        new TableRow({
          cantSplit: true,
          children: [
            new TableCell({
              shading: { type: ShadingType.CLEAR, fill: BOX_FILL, color: 'auto' },
              borders: {
                left: { style: BorderStyle.SINGLE, size: 32, color: ACCENT },
                top: none,
                bottom: none,
                right: none,
              },
              margins: { top: 170, bottom: 85, left: 284, right: 284 },
              children: [
                new Paragraph({
                  style: 'KeyMessagesHeading',
                  children: this.inlines(key.heading, {}),
                }),
                ...this.blocks(key.blocks, 0, {}),
              ],
            }),
          ],
        }),
      ],
    })
  }

  blocks(blocks: readonly Block[], depth: number, context: Context): BodyChild[] {
    return blocks.flatMap((block) => this.block(block, depth, context))
  }

  block(block: Block, depth: number, context: Context): BodyChild[] {
    const change = block.change ?? context.change
    const inner: Context = { ...context, change }
    // A paragraph inside a wholly inserted or deleted list, quote or table is marked too.
    const mark = this.#paragraphMark(change)
    switch (block.kind) {
      case 'paragraph':
        return [
          new Paragraph({
            style: context.style,
            children: this.inlines(block.inlines, inner),
            run: mark ?? this.#suggestedMark(block.markSuggested),
          }),
        ]
      case 'heading':
        return [
          new Paragraph({
            heading: HEADINGS[Math.min(block.level, HEADINGS.length) - 1],
            children: this.inlines(block.inlines, inner),
            run: mark ?? this.#suggestedMark(block.markSuggested),
          }),
        ]
      case 'code':
        return [
          new Paragraph({
            style: 'SourceCode',
            children: this.inlines(block.inlines, inner),
            run: mark,
          }),
        ]
      case 'quote':
        return this.blocks(block.blocks, depth, { ...inner, style: 'Quote' })
      case 'rule':
        return [
          new Paragraph({
            children: [],
            border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: 'C5CDD6', space: 1 } },
            run: mark,
          }),
        ]
      case 'list':
        return this.#list(block, depth, inner)
      case 'table':
        return [this.#table(block.rows, inner)]
    }
  }

  /**
   * `instance`: the numbering instance of the enclosing ordered list. A list nested in an ordered
   * list shares it (Word restarts a level after each item above it); any other ordered list gets
   * its own, so it counts from its own start and not on from the list before it.
   */
  #list(
    block: Extract<Block, { kind: 'list' }>,
    depth: number,
    context: Context,
    parentInstance?: number,
  ): BodyChild[] {
    const level = Math.min(depth, 8)
    const suffix = level === 0 ? '' : String(Math.min(level + 1, 3))
    const style = `${block.ordered ? 'ListNumber' : 'ListBullet'}${suffix}`
    const reference = block.ordered ? orderedReference(block.start) : BULLET_REFERENCE
    if (block.ordered) this.starts.add(block.start)
    const instance = block.ordered ? (parentInstance ?? ++this.#listInstance) : 0
    const childInstance = block.ordered ? instance : undefined
    const out: BodyChild[] = []
    for (const item of block.items) {
      const change = item.change ?? context.change
      const inner: Context = { change }
      item.blocks.forEach((child, index) => {
        if (index === 0 && child.kind === 'paragraph') {
          out.push(
            new Paragraph({
              style,
              numbering: { reference, level, instance },
              children: this.inlines(child.inlines, { change: child.change ?? change }),
              run:
                this.#paragraphMark(child.change ?? change) ??
                this.#suggestedMark(child.markSuggested),
            }),
          )
        } else if (child.kind === 'list') {
          out.push(...this.#list(child, depth + 1, inner, childInstance))
        } else {
          const continued = this.block(child, depth + 1, { ...inner, style: 'ListContinue' })
          out.push(...continued)
        }
      })
    }
    return out
  }

  #table(rows: readonly TreeRow[], context: Context): Table {
    const columns = Math.max(
      1,
      ...rows.map((row) => row.cells.reduce((sum, cell) => sum + cell.colspan, 0)),
    )
    const width = Math.floor(TEXT_WIDTH / columns)
    return new Table({
      style: 'TableGrid',
      width: { size: width * columns, type: WidthType.DXA },
      columnWidths: Array.from({ length: columns }, () => width),
      rows: rows.map((row, index) => {
        const change = row.change ?? context.change
        const header = row.cells.length > 0 && row.cells.every((cell) => cell.header)
        return new TableRow({
          tableHeader: header && index === 0,
          cantSplit: true,
          ...(change === 'ins' ? { insertion: this.#revision() } : {}),
          ...(change === 'del' ? { deletion: this.#revision() } : {}),
          children: row.cells.map(
            (cell) =>
              new TableCell({
                columnSpan: cell.colspan > 1 ? cell.colspan : undefined,
                rowSpan: cell.rowspan > 1 ? cell.rowspan : undefined,
                width: { size: width * cell.colspan, type: WidthType.DXA },
                shading: cell.header
                  ? { type: ShadingType.CLEAR, fill: 'E9EEF4', color: 'auto' }
                  : undefined,
                children: this.#cellBlocks(cell.blocks, { change, bold: cell.header }),
              }),
          ),
        })
      }),
    })
  }

  #cellBlocks(blocks: readonly Block[], context: Context): BodyChild[] {
    const children = this.blocks(blocks, 0, context)
    // Word needs at least one paragraph in every cell.
    return children.length > 0 ? children : [new Paragraph({ children: [] })]
  }

  inlines(inlines: readonly Inline[], context: Context): ParagraphChild[] {
    const out: ParagraphChild[] = []
    for (const inline of inlines) {
      const change = inline.change ?? context.change
      if (inline.kind === 'break') {
        out.push(this.#run({ break: 1 }, change))
        continue
      }
      const suggested = change === undefined ? inline.suggested : undefined
      const starting = this.#withComments
        ? inline.comments.filter((index) => !this.#opened.has(index))
        : []
      for (const index of starting) {
        this.#opened.add(index)
        for (const id of this.#commentIds[index] ?? []) out.push(new CommentRangeStart(id))
      }
      const { marks } = inline
      const lines = inline.text.split('\n')
      const runs = lines.map((text, i) =>
        this.#run(
          {
            text,
            break: i > 0 ? 1 : undefined,
            bold: marks.bold || context.bold ? true : undefined,
            italics: marks.italic,
            underline: marks.underline ? {} : undefined,
            strike: marks.strike,
            font: marks.code ? 'Consolas' : undefined,
            shading: marks.code
              ? { type: ShadingType.CLEAR, fill: 'F1F3F5', color: 'auto' }
              : undefined,
            style: safeHref(marks.href) !== null ? 'Hyperlink' : undefined,
          },
          change,
          suggested,
        ),
      )
      const href = safeHref(marks.href)
      if (href !== null) out.push(new ExternalHyperlink({ link: href, children: runs }))
      else out.push(...runs)
      if (this.#withComments) {
        for (const index of inline.commentEnds) {
          for (const id of this.#commentIds[index] ?? []) {
            out.push(new CommentRangeEnd(id), new TextRun({ children: [new CommentReference(id)] }))
          }
        }
      }
    }
    return out
  }

  #run(options: IRunOptions, change: Change | undefined, suggested?: Suggested): ParagraphChild {
    const kind = change ?? suggested?.change
    const revision = suggested ? this.#suggestion(suggested) : this.#revision()
    if (kind === 'ins') return new InsertedTextRun({ ...options, ...revision })
    if (kind === 'del') return new DeletedTextRun({ ...options, ...revision })
    return new TextRun(options)
  }

  #revision() {
    return { id: this.#nextRevision++, author: 'Samstemt', date: this.#revisionDate }
  }

  /** An open suggestion of the paper as a tracked change by its author, at its time. */
  #suggestion(suggested: Suggested) {
    return {
      id: this.#nextRevision++,
      author: byline(suggested.author, suggested.organisation),
      date: new Date(suggested.at).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    }
  }

  #suggestedMark(suggested: Suggested | undefined) {
    if (suggested === undefined) return undefined
    const revision = this.#suggestion(suggested)
    return suggested.change === 'ins' ? { insertion: revision } : { deletion: revision }
  }

  /** Marks a whole inserted or deleted paragraph's mark, so accepting removes the paragraph too. */
  #paragraphMark(change: Change | undefined) {
    if (change === 'ins') return { insertion: this.#revision() }
    if (change === 'del') return { deletion: this.#revision() }
    return undefined
  }

  #collectComments(): void {
    let id = 0
    const removed = labelsFor(this.#document.language).commentOnRemovedText
    for (const [index, comment] of this.#document.comments.entries()) {
      const note =
        this.#unplaced.includes(index) && comment.quote
          ? [
              new Paragraph({
                style: 'CommentText',
                children: [new TextRun({ text: `${removed}: «${comment.quote}»`, italics: true })],
              }),
            ]
          : []
      const threadId = id++
      const ids = [threadId]
      this.comments.push({
        id: threadId,
        author: byline(comment.author, comment.organisation),
        initials: initials(comment.author),
        date: new Date(comment.createdAt),
        resolved: comment.resolved === true,
        children: [...note, ...paragraphs(comment.text)],
      })
      for (const reply of comment.replies) {
        const replyId = id++
        ids.push(replyId)
        this.comments.push({
          id: replyId,
          parentId: threadId,
          author: byline(reply.author, reply.organisation),
          initials: initials(reply.author),
          date: new Date(reply.createdAt),
          resolved: comment.resolved === true,
          children: paragraphs(reply.text),
        })
      }
      this.#commentIds.push(ids)
    }
  }

  /** Comments whose text is gone sit on the title. */
  #onUnplacedComments(children: ParagraphChild[]): ParagraphChild[] {
    const ids = this.#unplaced.flatMap((index) => this.#commentIds[index] ?? [])
    return [
      ...ids.map((id) => new CommentRangeStart(id)),
      ...children,
      ...ids.flatMap((id) => [
        new CommentRangeEnd(id),
        new TextRun({ children: [new CommentReference(id)] }),
      ]),
    ]
  }
}

/** "Name (Organisation)", how Word shows who made a change or a comment. */
function byline(author: string, organisation: string): string {
  return organisation ? `${author} (${organisation})` : author
}

function paragraphs(text: string): Paragraph[] {
  return text
    .split('\n')
    .map((line) => new Paragraph({ style: 'CommentText', children: [new TextRun(line)] }))
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter((part) => part !== '')
    .map((part) => part.charAt(0).toLocaleUpperCase())
    .join('')
    .slice(0, 3)
}
