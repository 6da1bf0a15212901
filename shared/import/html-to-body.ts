import type { JSONContent } from '@tiptap/core'
import { SaxesParser } from 'saxes'
import { SUGGEST_DELETE, SUGGEST_INSERT, type TrackedAuthor } from '../model/tracked.ts'
import { MARK_CLOSE, MARK_OPEN, type Revision, type TrackedState } from './annotate.ts'
import { fail } from './import-error.ts'

/*
 * mammoth's HTML (through the style map in parse-docx.ts) to the body's Tiptap JSON, with the
 * markers annotate.ts put in turned back into suggestion marks, suggested breaks and the places
 * where comments start and end. mammoth writes well-formed markup (its own writer escapes every
 * text and attribute), so it is read with the same strict XML parser as the parts.
 */

type HtmlElement = { tag: string; attrs: Record<string, string>; children: HtmlNode[] }
type HtmlNode = HtmlElement | string

/** A place in the text where a comment starts or ends, until its offsets are counted. */
export type CommentPoint = { type: '#comment'; id: string; edge: 'start' | 'end' | 'reference' }

/** Tiptap JSON plus, in inline content, comment points (removed once counted). */
export type Draft = JSONContent & {
  /** The class the style map gave a paragraph (`title`, `recipients` …), until it is recognised. */
  class?: string
  /** The paragraph mark after this block was inserted (a split) or deleted (a join). */
  breakAfter?: { kind: 'split' | 'join'; author: TrackedAuthor }
}

export type Conversion = {
  blocks: Draft[]
  /** Notes (footnotes, endnotes) in the order of their numbers, each its blocks. */
  notes: Draft[][]
  /** How many text pieces were inserted and deleted again in tracked changes (no net text). */
  transient: number
}

type Marks = NonNullable<JSONContent['marks']>

/** A new suggestion's author value for a revision (with a fresh id). */
export type AuthorOf = (revision: Revision) => TrackedAuthor

export function htmlToBody(html: string, states: TrackedState[], authorOf: AuthorOf): Conversion {
  return new Converter(states, authorOf).convert(parseHtml(html))
}

function parseHtml(html: string): HtmlElement {
  const parser = new SaxesParser()
  const root: HtmlElement = { tag: '#root', attrs: {}, children: [] }
  const stack = [root]
  const top = () => stack[stack.length - 1] ?? root
  parser.on('opentag', (tag) => {
    const element: HtmlElement = {
      tag: tag.name.toLowerCase(),
      attrs: tag.attributes as Record<string, string>,
      children: [],
    }
    top().children.push(element)
    stack.push(element)
  })
  parser.on('closetag', () => void stack.pop())
  parser.on('text', (text) => void top().children.push(text))
  try {
    parser.write(`<root>${html}</root>`).close()
  } catch (error) {
    fail('corrupt', `the converted text is not well-formed: ${String(error)}`)
  }
  const first = root.children[0]
  return typeof first === 'object' ? first : root
}

const BLOCK_TAGS = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'table',
  'blockquote',
  'pre',
])

class Converter {
  readonly #states: TrackedState[]
  readonly #authorOf: AuthorOf
  #state = 0
  #transient = 0
  /** The suggestion the last tracked piece belonged to, until untracked text comes between. */
  #last: { key: string; author: TrackedAuthor } | null = null

  constructor(states: TrackedState[], authorOf: AuthorOf) {
    this.#states = states
    this.#authorOf = authorOf
  }

  convert(root: HtmlElement): Conversion {
    const notes: Draft[][] = []
    const blocks: Draft[] = []
    for (const node of root.children) {
      if (typeof node === 'object' && node.tag === 'ol' && isNoteList(node)) {
        for (const item of node.children) {
          if (typeof item === 'object') notes.push(this.blocks(item.children))
        }
      } else blocks.push(...this.blocks([node]))
    }
    return { blocks, notes, transient: this.#transient }
  }

  blocks(nodes: HtmlNode[]): Draft[] {
    const out: Draft[] = []
    let inline: HtmlNode[] = []
    const flush = () => {
      if (inline.length > 0) out.push(...this.#textblock('paragraph', {}, inline))
      inline = []
    }
    for (const node of nodes) {
      if (typeof node === 'string' || !BLOCK_TAGS.has(node.tag)) {
        inline.push(node)
        continue
      }
      flush()
      out.push(...this.#block(node))
    }
    flush()
    return out
  }

  #block(node: HtmlElement): Draft[] {
    const heading = /^h([1-6])$/.exec(node.tag)
    switch (node.tag) {
      case 'p':
        return this.#textblock('paragraph', {}, node.children, node.attrs.class)
      case 'ul':
      case 'ol':
        return this.#list(node)
      case 'table':
        return this.#table(node)
      case 'blockquote': {
        const content = this.blocks(node.children)
        return content.length > 0 ? [{ type: 'blockquote', content }] : []
      }
      case 'pre':
        return this.#textblock('codeBlock', {}, node.children)
      default: {
        // h2 is Word's Heading 1 (the body's level 2; the title is the paper's only level 1).
        const level = Math.max(2, Number(heading?.[1] ?? 2))
        return this.#textblock('heading', { level }, node.children, node.attrs.class)
      }
    }
  }

  #textblock(
    type: string,
    attrs: Record<string, unknown>,
    nodes: HtmlNode[],
    className?: string,
  ): Draft[] {
    // Each block starts untracked: annotate.ts puts a state marker before any tracked run.
    this.#state = 0
    const block: Draft = { type, content: [] }
    if (Object.keys(attrs).length > 0) block.attrs = attrs
    if (className !== undefined) block.class = className
    this.#inline(nodes, [], block)
    let content = mergeText(block.content ?? [])
    if (type === 'codeBlock') content = codeText(content)
    if (content.length === 0 && block.breakAfter === undefined) return []
    block.content = content
    return [block]
  }

  #inline(nodes: HtmlNode[], marks: Marks, block: Draft): void {
    for (const node of nodes) {
      if (typeof node === 'string') {
        this.#text(node, marks, block)
        continue
      }
      if (node.tag === 'br') {
        block.content?.push({ type: 'hardBreak' })
        continue
      }
      if (node.tag === 'img') continue
      if (node.tag === 'a' && isNoteReference(node)) {
        // A footnote reference: mammoth numbers it "[1]" in reference order, as the notes are listed.
        this.#inline(node.children, marks, block)
        continue
      }
      if (node.tag === 'a' && (node.attrs.href ?? '').startsWith('#')) {
        // The way back from a note to its reference, or a link inside the document: text only.
        if (/^#(footnote|endnote)-ref-/.test(node.attrs.href ?? '')) continue
        this.#inline(node.children, marks, block)
        continue
      }
      this.#inline(node.children, [...marks, ...markOf(node)], block)
    }
  }

  #text(text: string, marks: Marks, block: Draft): void {
    let rest = text
    while (rest !== '') {
      const open = rest.indexOf(MARK_OPEN)
      const piece = open < 0 ? rest : rest.slice(0, open)
      if (piece !== '') this.#piece(piece, marks, block)
      if (open < 0) return
      const close = rest.indexOf(MARK_CLOSE, open)
      if (close < 0) return
      this.#marker(rest.slice(open + 1, close), block)
      rest = rest.slice(close + 1)
    }
  }

  #marker(token: string, block: Draft): void {
    const kind = token.charAt(0)
    const value = token.slice(1)
    if (kind === 's') this.#state = Number(value)
    else if (kind === 'm') {
      const state = this.#states[Number(value)]
      const revision = state?.insert ?? state?.delete
      // A mark inserted and deleted again changes nothing.
      if (revision && (state?.insert === null || state?.delete === null)) {
        block.breakAfter = {
          kind: revision.kind === 'insert' ? 'split' : 'join',
          author: this.#author(revision),
        }
      }
    } else if (kind === 'c' || kind === 'e' || kind === 'r') {
      const edge = kind === 'c' ? 'start' : kind === 'e' ? 'end' : 'reference'
      const point: CommentPoint = { type: '#comment', id: value, edge }
      block.content?.push(point as JSONContent)
    }
  }

  #piece(text: string, marks: Marks, block: Draft): void {
    const state = this.#states[this.#state] ?? { insert: null, delete: null }
    if (state.insert !== null && state.delete !== null) {
      // Inserted and deleted again: in no version of the text, so not in the paper either.
      this.#transient++
      return
    }
    const tracked = state.insert ?? state.delete
    const all: Marks = [...marks]
    if (tracked !== null) {
      const type = tracked.kind === 'insert' ? SUGGEST_INSERT : SUGGEST_DELETE
      all.push({ type, attrs: this.#author(tracked) })
    } else this.#last = null
    block.content?.push(
      all.length > 0 ? { type: 'text', text, marks: all } : { type: 'text', text },
    )
  }

  /**
   * One suggestion per run of changes by one author at one time with no untracked text between:
   * a replacement (deletion then insertion), or an insertion over several paragraphs.
   */
  #author(revision: Revision): TrackedAuthor {
    const key = `${revision.author}\u0000${revision.date ?? ''}`
    if (this.#last?.key === key) return this.#last.author
    const author = this.#authorOf(revision)
    this.#last = { key, author }
    return author
  }

  #list(node: HtmlElement): Draft[] {
    const items: Draft[] = []
    for (const item of node.children) {
      if (typeof item === 'string' || item.tag !== 'li') continue
      const content = this.blocks(item.children)
      if (content.length === 0) continue
      if (content[0]?.type !== 'paragraph') content.unshift({ type: 'paragraph', content: [] })
      items.push({ type: 'listItem', content })
    }
    if (items.length === 0) return []
    return [{ type: node.tag === 'ol' ? 'orderedList' : 'bulletList', content: items }]
  }

  #table(node: HtmlElement): Draft[] {
    const rows: Draft[] = []
    const visit = (element: HtmlElement) => {
      for (const c of element.children) {
        if (typeof c === 'string') continue
        if (c.tag === 'tr') rows.push(this.#row(c))
        else visit(c)
      }
    }
    visit(node)
    const filled = rows.filter((row) => (row.content ?? []).length > 0)
    return filled.length > 0 ? [{ type: 'table', content: filled }] : []
  }

  #row(node: HtmlElement): Draft {
    const cells: Draft[] = []
    for (const c of node.children) {
      if (typeof c === 'string' || (c.tag !== 'td' && c.tag !== 'th')) continue
      const content = this.blocks(c.children)
      const attrs: Record<string, unknown> = {}
      const colspan = Number(c.attrs.colspan ?? 1)
      const rowspan = Number(c.attrs.rowspan ?? 1)
      if (colspan > 1) attrs.colspan = colspan
      if (rowspan > 1) attrs.rowspan = rowspan
      cells.push({
        type: c.tag === 'th' ? 'tableHeader' : 'tableCell',
        ...(Object.keys(attrs).length > 0 ? { attrs } : {}),
        content: content.length > 0 ? content : [{ type: 'paragraph', content: [] }],
      })
    }
    return { type: 'tableRow', content: cells }
  }
}

function markOf(node: HtmlElement): Marks {
  switch (node.tag) {
    case 'strong':
    case 'b':
      return [{ type: 'bold' }]
    case 'em':
    case 'i':
      return [{ type: 'italic' }]
    case 'u':
      return [{ type: 'underline' }]
    case 's':
    case 'del':
    case 'strike':
      return [{ type: 'strike' }]
    case 'a': {
      const href = (node.attrs.href ?? '').trim()
      return /^(https?:|mailto:)/i.test(href) ? [{ type: 'link', attrs: { href } }] : []
    }
    default:
      return []
  }
}

function isNoteList(node: HtmlElement): boolean {
  const items = node.children.filter((c): c is HtmlElement => typeof c === 'object')
  return items.length > 0 && items.every((li) => /^(footnote|endnote)-\d+$/.test(li.attrs.id ?? ''))
}

function isNoteReference(node: HtmlElement): boolean {
  return /^#(footnote|endnote)-\d+$/.test(node.attrs.href ?? '')
}

/** A code block holds plain text: line breaks become newlines, formatting goes. */
function codeText(content: JSONContent[]): JSONContent[] {
  const text = content
    .map((node) =>
      node.type === 'hardBreak' ? '\n' : node.type === 'text' ? (node.text ?? '') : '',
    )
    .join('')
  const points = content.filter((node) => node.type === '#comment')
  return [...points, ...(text === '' ? [] : [{ type: 'text', text }])]
}

/** Adjacent text nodes with the same marks become one, as ProseMirror keeps them. */
export function mergeText(content: JSONContent[]): JSONContent[] {
  const out: JSONContent[] = []
  for (const node of content) {
    const last = out[out.length - 1]
    if (
      node.type === 'text' &&
      last?.type === 'text' &&
      JSON.stringify(last.marks ?? []) === JSON.stringify(node.marks ?? [])
    ) {
      out[out.length - 1] = { ...last, text: (last.text ?? '') + (node.text ?? '') }
    } else out.push(node)
  }
  return out
}
