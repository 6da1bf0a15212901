import { fontFaces, houseCss } from './css.ts'
import { dateLine, formatTime, labelsFor, type Labels } from './labels.ts'
import {
  asDocument,
  placedComments,
  safeHref,
  type Block,
  type Change,
  type ExportDocument,
  type ExportInput,
  type Inline,
} from './tree.ts'
import type { ExportComment, ExportFont } from './types.ts'

export type HtmlOptions = {
  /** Embedded fonts (see shared/export-node/fonts.ts); without them the system's fonts stand in. */
  fonts?: readonly ExportFont[]
  /** Comments as highlighted text with numbered notes at the end. */
  includeComments?: boolean
}

/** The house template as one HTML file for Chromium's print engine (PDF). */
export function toPrintHtml(input: ExportInput, options: HtmlOptions = {}): string {
  return page(asDocument(input), options, false)
}

/** The house template as one self-contained HTML file to read on screen (and print). */
export function toStandaloneHtml(input: ExportInput, options: HtmlOptions = {}): string {
  return page(asDocument(input), options, true)
}

/** The paper's `<article>` alone, for an app view styled with `houseCss`. */
export function toHtmlFragment(input: ExportInput, options: HtmlOptions = {}): string {
  return article(asDocument(input), options.includeComments === true)
}

function page(document: ExportDocument, options: HtmlOptions, screen: boolean): string {
  const css = `${fontFaces(options.fonts ?? [])}\n${houseCss({ footer: document.title, screen })}`
  return `<!doctype html>
<html lang="${document.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(document.title)}</title>
<style>
${css}
</style>
</head>
<body>
${article(document, options.includeComments === true)}
</body>
</html>
`
}

function article(document: ExportDocument, includeComments: boolean): string {
  const labels = labelsFor(document.language)
  const writer = new HtmlWriter(includeComments ? document.comments.length : 0)
  const parts = [titleBlock(document, labels)]
  if (document.keyMessages) {
    parts.push(
      `<section class="key-messages"><h2>${writer.inlines(document.keyMessages.heading)}</h2>\n` +
        `${writer.blocks(document.keyMessages.blocks)}</section>`,
    )
  }
  parts.push(writer.blocks(document.blocks))
  if (document.signatories.length > 0) parts.push(signatories(document, labels))
  if (includeComments && document.comments.length > 0) {
    parts.push(commentList(document, labels, placedComments(document)))
  }
  return `<article class="paper">\n${parts.join('\n')}\n</article>`
}

function titleBlock(document: ExportDocument, labels: Labels): string {
  const lines = [
    `<p class="kind">${escape(labels.documentKind)}</p>`,
    `<h1>${escape(document.title)}</h1>`,
  ]
  if (document.recipients.length > 0) {
    lines.push(
      `<p class="recipients"><span class="label">${escape(labels.to)}</span> ` +
        `${escape(document.recipients.join(', '))}</p>`,
    )
  }
  lines.push(
    `<p class="dateline">${escape(dateLine(document.place, document.date, document.language))}</p>`,
  )
  if (document.redline) {
    const note = labels.redline(document.redline.from, document.redline.to)
    lines.push(`<p class="redline-note">${escape(note)}</p>`)
  } else if (document.versionName) {
    lines.push(`<p class="version">${escape(labels.version(document.versionName))}</p>`)
  }
  return `<header class="title-block">\n${lines.join('\n')}\n</header>`
}

/** Signatories up to which the PDF keeps the whole block on one page. */
const KEEP_TOGETHER = 4

function signatories(document: ExportDocument, labels: Labels): string {
  const items = document.signatories.map((signatory) => {
    const details = [
      signatory.endorsedBy ? escape(labels.endorsedBy(signatory.endorsedBy)) : null,
      signatory.versionName
        ? `<span class="version">${escape(labels.endorsedVersion(signatory.versionName))}</span>`
        : null,
    ].filter((detail) => detail !== null)
    const by = details.length > 0 ? `<span class="by">${details.join(', ')}</span>` : ''
    return `<li><span class="org">${escape(signatory.organisation)}</span>${by}</li>`
  })
  // A short list (two rows) moves to the next page whole; a longer one may continue there row by
  // row rather than leave most of a page empty. The heading never stays behind alone.
  const keep = document.signatories.length <= KEEP_TOGETHER ? ' keep-together' : ''
  return (
    `<section class="signatories${keep}"><h2>${escape(labels.signatories)}</h2>\n` +
    `<ul>\n${items.join('\n')}\n</ul></section>`
  )
}

function commentList(document: ExportDocument, labels: Labels, placed: Set<number>): string {
  const items = document.comments.map((comment, index) => {
    const quote =
      !placed.has(index) && comment.quote
        ? `<div class="quote">${escape(labels.commentOnRemovedText)}: «${escape(comment.quote)}»</div>`
        : ''
    const replies = comment.replies.map(
      (reply) => `<li>${header(reply, document)}<div>${escape(reply.text)}</div></li>`,
    )
    const replyList = replies.length > 0 ? `<ul class="replies">${replies.join('')}</ul>` : ''
    const resolved = comment.resolved
      ? ` <span class="when">(${escape(labels.resolved)})</span>`
      : ''
    return (
      `<li id="comment-${index + 1}">${header(comment, document)}${resolved}${quote}` +
      `<div>${escape(comment.text)}</div>${replyList}</li>`
    )
  })
  return (
    `<section class="comments"><h2>${escape(labels.comments)}</h2>\n` +
    `<ol>\n${items.join('\n')}\n</ol></section>`
  )
}

function header(
  comment: Pick<ExportComment, 'author' | 'organisation' | 'createdAt'>,
  document: ExportDocument,
): string {
  const who = comment.organisation ? `${comment.author} (${comment.organisation})` : comment.author
  return (
    `<span class="who">${escape(who)}</span> ` +
    `<span class="when">${escape(formatTime(comment.createdAt, document.language))}</span>`
  )
}

class HtmlWriter {
  readonly #comments: number

  /** `comments`: how many comments to mark in the text (0 for none). */
  constructor(comments: number) {
    this.#comments = comments
  }

  blocks(blocks: readonly Block[], inherited?: Change): string {
    return blocks.map((block) => this.block(block, inherited)).join('\n')
  }

  block(block: Block, inherited?: Change): string {
    const change = block.change ?? inherited
    const cls = block.change ? ` class="block-${block.change}"` : ''
    switch (block.kind) {
      case 'paragraph':
        return `<p${cls}>${this.inlines(block.inlines, change)}</p>`
      case 'heading': {
        const tag = `h${block.level + 1}`
        return `<${tag}${cls}>${this.inlines(block.inlines, change)}</${tag}>`
      }
      case 'code':
        return `<pre${cls}><code>${this.inlines(block.inlines, change)}</code></pre>`
      case 'list': {
        const tag = block.ordered ? 'ol' : 'ul'
        const start = block.ordered && block.start !== 1 ? ` start="${block.start}"` : ''
        const items = block.items.map((item) => {
          const itemChange = item.change ?? change
          const itemCls = item.change ? ` class="block-${item.change}"` : ''
          return `<li${itemCls}>${this.itemBlocks(item.blocks, itemChange)}</li>`
        })
        return `<${tag}${cls}${start}>\n${items.join('\n')}\n</${tag}>`
      }
      case 'quote':
        return `<blockquote${cls}>\n${this.blocks(block.blocks, change)}\n</blockquote>`
      case 'rule':
        return `<hr${cls}>`
      case 'table': {
        const rows = block.rows.map((row) => {
          const rowChange = row.change ?? change
          const rowCls = row.change ? ` class="block-${row.change}"` : ''
          const cells = row.cells.map((cell) => {
            const tag = cell.header ? 'th' : 'td'
            const span =
              (cell.colspan > 1 ? ` colspan="${cell.colspan}"` : '') +
              (cell.rowspan > 1 ? ` rowspan="${cell.rowspan}"` : '')
            return `<${tag}${span}>${this.itemBlocks(cell.blocks, rowChange)}</${tag}>`
          })
          return `<tr${rowCls}>${cells.join('')}</tr>`
        })
        return `<table${cls}>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`
      }
    }
  }

  /** A single paragraph in a list item or cell is written without its <p>, as editors do. */
  itemBlocks(blocks: readonly Block[], change?: Change): string {
    const [only] = blocks
    if (blocks.length === 1 && only?.kind === 'paragraph' && !only.change) {
      return this.inlines(only.inlines, change)
    }
    return this.blocks(blocks, change)
  }

  inlines(inlines: readonly Inline[], inherited?: Change): string {
    let html = ''
    for (const inline of inlines) {
      // The paper's own open suggestions show as a redline, with who suggested them.
      const suggested = inline.kind === 'text' && !inline.change ? inline.suggested : undefined
      const change = inline.change ?? suggested?.change ?? inherited
      let piece: string
      if (inline.kind === 'break') {
        piece = '<br>'
      } else {
        piece = escape(inline.text)
        const { marks } = inline
        if (marks.code) piece = `<code>${piece}</code>`
        if (marks.strike) piece = `<s>${piece}</s>`
        if (marks.underline) piece = `<u>${piece}</u>`
        if (marks.italic) piece = `<em>${piece}</em>`
        if (marks.bold) piece = `<strong>${piece}</strong>`
        const href = safeHref(marks.href)
        if (href !== null) piece = `<a href="${escape(href)}">${piece}</a>`
        const comments = inline.comments.filter((index) => index < this.#comments)
        if (comments.length > 0) piece = `<mark class="comment">${piece}</mark>`
        for (const index of inline.commentEnds.filter((i) => i < this.#comments)) {
          piece += `<sup class="comment-ref"><a href="#comment-${index + 1}">${index + 1}</a></sup>`
        }
      }
      const by = suggested
        ? ` title="${escape(`${suggested.author} (${suggested.organisation})`)}"`
        : ''
      html += change ? `<${change}${by}>${piece}</${change}>` : piece
    }
    return html
  }
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

export function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c)
}
