import type { JSONContent } from '@tiptap/core'
import { updateYFragment } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import { createAnchorBetween, type TextPoint } from '../model/anchor.ts'
import { writeTemplateToBody } from '../model/body.ts'
import { addReply, addThread } from '../model/comment-writes.ts'
import { readThreads, type Author } from '../model/comments.ts'
import {
  BODY_FIELD,
  META,
  paperBody,
  paperMetaSpec,
  writePaperMeta,
  type PaperMeta,
} from '../model/paper.ts'
import { bodySchema } from '../model/schema.ts'
import {
  isAuthor,
  SUGGEST_DELETE,
  SUGGEST_INSERT,
  SUGGEST_JOIN,
  SUGGEST_SPLIT,
} from '../model/tracked.ts'
import { checkPatch, done, refused, type Problem, type Written } from '../model/validate.ts'
import type { ParsedComment } from './parse-docx.ts'
import type { ReviewPlan } from './review.ts'

/** Who each Word author is in the paper: a member, or an external reviewer (`word:<name>`). */
export type AuthorOf = (wordName: string) => Author

/**
 * The body with every Word author's suggestions signed as whoever `authorOf` says, and, when
 * that is not the `importer`, as imported by them (the relay lets editors write suggestions
 * under another's name only so signed).
 */
export function mapAuthors(body: JSONContent, authorOf: AuthorOf, importer?: Author): JSONContent {
  const sign = (value: unknown) => {
    if (!isAuthor(value) || !value.memberId.startsWith('word:')) return value
    const author = authorOf(value.name)
    const importedBy =
      importer === undefined || sameAuthor(author, importer) ? null : { ...importer }
    return { ...value, ...author, importedBy }
  }
  const visit = (node: JSONContent): JSONContent => {
    const out: JSONContent = { ...node }
    if (node.attrs !== undefined) {
      out.attrs = { ...node.attrs }
      for (const key of [SUGGEST_SPLIT, SUGGEST_JOIN]) {
        if (key in out.attrs) out.attrs[key] = sign(out.attrs[key])
      }
    }
    if (node.marks !== undefined) {
      out.marks = node.marks.map((mark) =>
        mark.type === SUGGEST_INSERT || mark.type === SUGGEST_DELETE
          ? { ...mark, attrs: sign(mark.attrs) as Record<string, unknown> }
          : mark,
      )
    }
    if (node.content !== undefined) out.content = node.content.map(visit)
    return out
  }
  return visit(body)
}

/** A new paper doc from an import: its meta and the imported body, in one transaction. */
export function writeImportedPaper(doc: Y.Doc, meta: PaperMeta, body: JSONContent): Written {
  const problems = checkPatch(paperMetaSpec, meta, META)
  if (problems.length > 0) return refused(problems)
  let result: Written = refused([])
  doc.transact(() => {
    result = writeTemplateToBody(doc, body)
    if (result.ok) result = writePaperMeta(doc, meta)
  })
  return result
}

/**
 * Writes a review's plan into the paper's body in one transaction (one undo step with `origin`
 * the editor's). Inserted text goes into the existing text first, so the comments anchored around
 * it keep their places; then the body is brought to the plan (y-tiptap's updateYFragment), which
 * only adds the suggestion marks and the suggested breaks.
 */
export function writeReview(
  paperDoc: Y.Doc,
  plan: Pick<ReviewPlan, 'body' | 'inserts'>,
  origin: unknown = null,
): Written {
  let node
  try {
    node = bodySchema().nodeFromJSON(plan.body)
    node.check()
  } catch (error) {
    // ProseMirror reports JSON that does not fit the schema only by throwing.
    return refused([
      { path: BODY_FIELD, message: `does not fit the body schema: ${String(error)}` },
    ])
  }
  const body = paperBody(paperDoc)
  paperDoc.transact(() => {
    const blocks = textblocks(body)
    const inserts = [...plan.inserts].sort((a, b) => b.block - a.block || b.index - a.index)
    for (const insert of inserts) {
      const point = pointIn(blocks[insert.block], insert.index)
      if (point !== null) point.text.insert(point.offset, insert.text)
    }
    updateYFragment(paperDoc, body, node, { mapping: new Map(), isOMark: new Map() })
  }, origin)
  return done(null)
}

export type CommentsWritten = { threads: number; replies: number; alreadyThere: number }

/**
 * The DOCX's comments as threads (replies under their thread), anchored at `rangeOf` (anchor
 * offsets in the body as written), by the mapped authors and signed by `importer`; comments the
 * paper already has (exported with it) are not added again, their new replies are.
 */
export function writeImportedComments(
  commentsDoc: Y.Doc,
  paperDoc: Y.Doc,
  comments: readonly ParsedComment[],
  options: {
    authorOf: AuthorOf
    importer: Author
    rangeOf: (comment: ParsedComment) => { start: number; end: number } | null
  },
): Written<CommentsWritten> {
  const written: CommentsWritten = { threads: 0, replies: 0, alreadyThere: 0 }
  const existing = readThreads(commentsDoc).value
  const threadOf = new Map<string, string>()
  const nodes = textNodes(paperBody(paperDoc))
  const problems: Problem[] = []
  commentsDoc.transact(() => {
    for (const comment of comments) {
      const author = options.authorOf(comment.author)
      const importedBy = sameAuthor(author, options.importer) ? null : options.importer
      if (comment.parentId !== null && threadOf.has(comment.parentId)) {
        const threadId = threadOf.get(comment.parentId) ?? ''
        const thread = existing.find((t) => t.id === threadId)
        if (thread?.replies.some((reply) => reply.text.trim() === comment.text.trim())) continue
        const reply = addReply(
          commentsDoc,
          threadId,
          { author, text: comment.text, importedBy },
          comment.at,
        )
        if (reply.ok) written.replies++
        else problems.push(...reply.problems)
        continue
      }
      const same = existing.find(
        (thread) =>
          thread.text.trim() === comment.text.trim() &&
          bylineMatches(comment.author, thread.author),
      )
      if (same !== undefined) {
        threadOf.set(comment.id, same.id)
        written.alreadyThere++
        continue
      }
      const range = options.rangeOf(comment)
      const anchor = range === null ? null : anchorAt(nodes, range.start, range.end)
      if (anchor === null || comment.text.trim() === '') continue
      const thread = addThread(
        commentsDoc,
        {
          anchor,
          quote: range === null ? comment.quote : textBetweenNodes(nodes, range.start, range.end),
          author,
          text: comment.text,
          importedBy,
        },
        comment.at,
      )
      if (thread.ok) {
        threadOf.set(comment.id, thread.value)
        written.threads++
      } else problems.push(...thread.problems)
    }
  })
  return problems.length > 0 ? refused(problems) : done(written)
}

function sameAuthor(a: Author, b: Author): boolean {
  return a.memberId === b.memberId && a.name === b.name && a.organisation === b.organisation
}

/** Our export writes "Name (Organisation)" as a Word comment's author. */
export function bylineMatches(wordName: string, author: Author): boolean {
  return wordName === author.name || wordName === `${author.name} (${author.organisation})`
}

type TextNode = { text: Y.XmlText; start: number; length: number }

function textNodes(body: Y.XmlFragment): TextNode[] {
  const nodes: TextNode[] = []
  let offset = 0
  const visit = (parent: Y.XmlFragment | Y.XmlElement) => {
    for (const child of parent.toArray()) {
      if (child instanceof Y.XmlText) {
        nodes.push({ text: child, start: offset, length: child.length })
        offset += child.length
      } else if (child instanceof Y.XmlElement) visit(child)
    }
  }
  visit(body)
  return nodes
}

function anchorAt(nodes: TextNode[], start: number, end: number) {
  const from = nodes.find((n) => start >= n.start && start < n.start + n.length)
  const to = nodes.find((n) => end > n.start && end <= n.start + n.length)
  if (from === undefined || to === undefined) return null
  const a: TextPoint = { text: from.text, offset: start - from.start }
  const b: TextPoint = { text: to.text, offset: end - to.start }
  try {
    return createAnchorBetween(a, b)
  } catch {
    return null
  }
}

function textBetweenNodes(nodes: TextNode[], start: number, end: number): string {
  const pieces: string[] = []
  for (const node of nodes) {
    const from = Math.max(start, node.start) - node.start
    const to = Math.min(end, node.start + node.length) - node.start
    if (from < to) pieces.push(plain(node.text).slice(from, to))
  }
  return pieces.join('\n')
}

function plain(text: Y.XmlText): string {
  return (text.toDelta() as { insert: unknown }[])
    .map(({ insert }) => (typeof insert === 'string' ? insert : '\uFFFC'))
    .join('')
}

const TEXTBLOCKS = new Set(['paragraph', 'heading', 'codeBlock'])

function textblocks(body: Y.XmlFragment): Y.XmlElement[] {
  const found: Y.XmlElement[] = []
  const visit = (parent: Y.XmlFragment | Y.XmlElement) => {
    for (const child of parent.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue
      if (TEXTBLOCKS.has(child.nodeName)) found.push(child)
      else visit(child)
    }
  }
  visit(body)
  return found
}

/** The text node and offset of character `index` of a textblock (line breaks count nothing). */
function pointIn(block: Y.XmlElement | undefined, index: number): TextPoint | null {
  if (block === undefined) return null
  let seen = 0
  let last: TextPoint | null = null
  for (const child of block.toArray()) {
    if (!(child instanceof Y.XmlText)) continue
    if (index <= seen + child.length) return { text: child, offset: index - seen }
    seen += child.length
    last = { text: child, offset: child.length }
  }
  return last
}
