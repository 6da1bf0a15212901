import { dateLine, formatTime, labelsFor } from './labels.ts'
import {
  asDocument,
  placedComments,
  plainText,
  safeHref,
  type Block,
  type Change,
  type ExportDocument,
  type ExportInput,
  type Inline,
  type Marks,
} from './tree.ts'

export type MarkdownOptions = {
  /** Comments as footnotes (`[^c1]`) after the text they are about. */
  includeComments?: boolean
}

/**
 * The house template as GitHub-flavoured Markdown (pipe tables, `~~strike~~`, footnotes).
 * Underline has no Markdown; it is kept as `<u>`, which GitHub and pandoc read. A redline's
 * insertions and deletions are `<ins>` and `<del>`, for the same reason.
 */
export function toMarkdown(input: ExportInput, options: MarkdownOptions = {}): string {
  const document = asDocument(input)
  const labels = labelsFor(document.language)
  const withComments = options.includeComments === true && document.comments.length > 0
  const writer = new MarkdownWriter(withComments)
  const parts: string[] = [`# ${escapeText(document.title)}`]
  const meta: string[] = []
  if (document.recipients.length > 0) {
    meta.push(`**${labels.to}** ${escapeText(document.recipients.join(', '))}`)
  }
  meta.push(escapeText(dateLine(document.place, document.date, document.language)))
  if (document.redline) {
    meta.push(`*${escapeText(labels.redline(document.redline.from, document.redline.to))}*`)
  } else if (document.versionName) {
    meta.push(escapeText(labels.version(document.versionName)))
  }
  parts.push(meta.join('  \n'))
  if (document.keyMessages) {
    // A blockquote is the nearest Markdown has to the template's box.
    const box = [
      `## ${writer.inlines(document.keyMessages.heading)}`,
      ...writer.blocks(document.keyMessages.blocks, 2),
    ]
    parts.push(quote(box.join('\n\n')))
  }
  parts.push(...writer.blocks(document.blocks, 2))
  if (document.signatories.length > 0) {
    const lines = document.signatories.map((signatory) => {
      const details = [
        signatory.endorsedBy ? labels.endorsedBy(signatory.endorsedBy) : null,
        signatory.versionName ? labels.endorsedVersion(signatory.versionName) : null,
      ].filter((detail) => detail !== null)
      const suffix = details.length > 0 ? ` — ${escapeText(details.join(', '))}` : ''
      return `- **${escapeText(signatory.organisation)}**${suffix}`
    })
    parts.push(`## ${escapeText(labels.signatories)}`, lines.join('\n'))
  }
  if (withComments) parts.push(footnotes(document))
  return `${parts.filter((part) => part !== '').join('\n\n')}\n`
}

function footnotes(document: ExportDocument): string {
  const labels = labelsFor(document.language)
  const placed = placedComments(document)
  return document.comments
    .map((comment, index) => {
      const who = (author: string, organisation: string, at: number) =>
        `**${escapeText(organisation ? `${author} (${organisation})` : author)}**, ` +
        `${formatTime(at, document.language)}`
      const lines = [
        `[^c${index + 1}]: ${who(comment.author, comment.organisation, comment.createdAt)}`,
      ]
      if (comment.resolved) lines[0] += ` (${labels.resolved})`
      if (!placed.has(index) && comment.quote) {
        lines.push(`*${escapeText(labels.commentOnRemovedText)}: «${escapeText(comment.quote)}»*`)
      }
      lines.push(escapeText(comment.text))
      for (const reply of comment.replies) {
        lines.push(`${labels.reply}: ${who(reply.author, reply.organisation, reply.createdAt)}`)
        lines.push(escapeText(reply.text))
      }
      // Footnote continuation lines are indented by four spaces.
      return lines.map((line, i) => (i === 0 ? line : `    ${line}`)).join('\n\n')
    })
    .join('\n\n')
}

class MarkdownWriter {
  /** Whether to put footnote markers where comments end. */
  readonly #comments: boolean

  constructor(comments: boolean) {
    this.#comments = comments
  }

  /** `level`: the Markdown heading level of a relative heading level 1. */
  blocks(blocks: readonly Block[], level: number, inherited?: Change): string[] {
    return blocks.map((block) => this.block(block, level, inherited))
  }

  block(block: Block, level: number, inherited?: Change): string {
    const change = block.change ?? inherited
    switch (block.kind) {
      case 'paragraph':
        return escapeLineStarts(this.inlines(block.inlines, change))
      case 'heading':
        return `${'#'.repeat(Math.min(6, block.level + level - 1))} ${this.inlines(block.inlines, change)}`
      case 'code': {
        const text = plainText(block.inlines)
        const fence = '`'.repeat(Math.max(3, longestRun(text, '`') + 1))
        return `${fence}${block.language ?? ''}\n${text}\n${fence}`
      }
      case 'quote':
        return quote(this.blocks(block.blocks, level, change).join('\n\n'))
      case 'rule':
        return '---'
      case 'list':
        return block.items
          .map((item, index) => {
            const marker = block.ordered ? `${block.start + index}.` : '-'
            const itemChange = item.change ?? change
            // A nested list follows its paragraph without a blank line, so the list stays tight.
            const body = item.blocks
              .map((child, i) => {
                const text = this.block(child, level, itemChange)
                return i === 0 ? text : `${child.kind === 'list' ? '\n' : '\n\n'}${text}`
              })
              .join('')
            const pad = ' '.repeat(marker.length + 1)
            const lines = body
              .split('\n')
              .map((line, i) => (i === 0 || line === '' ? line : pad + line))
            return `${marker} ${lines.join('\n')}`
          })
          .join('\n')
      case 'table':
        return this.table(block, change)
    }
  }

  table(block: Extract<Block, { kind: 'table' }>, change?: Change): string {
    const rows = block.rows.map((row) =>
      row.cells.flatMap((cell) => {
        const text = this.blocks(cell.blocks, 6, row.change ?? change)
          .join('<br>')
          .replace(/\n/g, '<br>')
          .replace(/\|/g, '\\|')
        // A merged cell spans empty cells after it: pipe tables cannot merge.
        return [text, ...Array.from({ length: cell.colspan - 1 }, () => '')]
      }),
    )
    const columns = Math.max(1, ...rows.map((row) => row.length))
    const line = (cells: string[]) =>
      `| ${Array.from({ length: columns }, (_, i) => cells[i] ?? '').join(' | ')} |`
    const [head = [], ...rest] = rows
    return [line(head), line(Array.from({ length: columns }, () => '---')), ...rest.map(line)].join(
      '\n',
    )
  }

  inlines(inlines: readonly Inline[], inherited?: Change): string {
    let out = ''
    for (const inline of inlines) {
      const change = inline.change ?? inherited
      let piece: string
      if (inline.kind === 'break') {
        piece = '\\\n'
      } else {
        const { marks } = inline
        piece = marks.code ? code(inline.text) : escapeText(inline.text)
        if (piece.trim() !== '') piece = wrapMarks(piece, marks)
        const href = safeHref(marks.href)
        if (href !== null) piece = `[${piece}](${href.replace(/[()\s]/g, encodeURIComponent)})`
        if (this.#comments) for (const index of inline.commentEnds) piece += `[^c${index + 1}]`
      }
      out += change ? `<${change}>${piece}</${change}>` : piece
    }
    return out
  }
}

/** Emphasis markers must touch the text, so surrounding spaces move outside them. */
function wrapMarks(text: string, marks: Marks): string {
  const [, lead = '', core = '', trail = ''] = /^(\s*)([\s\S]*?)(\s*)$/.exec(text) ?? []
  let inner = core
  if (marks.strike) inner = `~~${inner}~~`
  if (marks.underline) inner = `<u>${inner}</u>`
  if (marks.italic) inner = `*${inner}*`
  if (marks.bold) inner = `**${inner}**`
  return `${lead}${inner}${trail}`
}

function code(text: string): string {
  const ticks = '`'.repeat(longestRun(text, '`') + 1)
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : ''
  return `${ticks}${pad}${text}${pad}${ticks}`
}

function longestRun(text: string, char: string): number {
  let longest = 0
  let run = 0
  for (const c of text) {
    run = c === char ? run + 1 : 0
    longest = Math.max(longest, run)
  }
  return longest
}

function quote(text: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? '>' : `> ${line}`))
    .join('\n')
}

/** Escapes the characters Markdown would read as inline syntax. */
export function escapeText(text: string): string {
  return text.replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`)
}

/** Escapes what would start a heading or a list at the start of a paragraph's lines. */
function escapeLineStarts(text: string): string {
  return text
    .replace(/^(\s*)([#+-])(?=\s|$)/gm, '$1\\$2')
    .replace(/^(\s*)(\d+)\.(?=\s|$)/gm, '$1$2\\.')
}
