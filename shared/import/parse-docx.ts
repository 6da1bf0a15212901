import type { JSONContent } from '@tiptap/core'
import { uuidv4 } from 'lib0/random'
import mammoth from 'mammoth'
import { SUGGEST_JOIN, SUGGEST_SPLIT, type TrackedAuthor } from '../model/tracked.ts'
import { annotatePart, newAnnotations, type DroppedCounts, type Revision } from './annotate.ts'
import { openDocx, partText, repack } from './docx-package.ts'
import { recogniseHouse, type HouseFrame } from './house-structure.ts'
import { htmlToBody, mergeText, type CommentPoint, type Draft } from './html-to-body.ts'
import { fail, ImportFailure, type ImportError } from './import-error.ts'
import { readCoreProperties, readWordComments, readWordPeople } from './word-comments.ts'
import { NS, attr, descendants, parseXml, serialiseXml } from './xml.ts'
import { STYLE_MAP } from './style-map.ts'

/** What a Word document holds, as the paper would hold it, before anything is written. */
export type ParsedDocx = {
  title: string | null
  recipients: string[]
  dated: HouseFrame['dated']
  versionName: string | null
  language: 'nb' | 'en' | null
  organisations: string[]
  /**
   * The body (Tiptap JSON, the body schema) with Word's tracked changes as suggestions, each by
   * the Word author as an external reviewer (`memberId` `word:<name>`) until mapped.
   */
  body: JSONContent
  comments: ParsedComment[]
  /** Everyone who made a tracked change or a comment, in order of appearance. */
  authors: WordAuthor[]
  stats: ImportStats
  /** What the paper cannot hold, and so leaves out. */
  dropped: DroppedCounts & { transient: number; unknownStyles: string[] }
  /** Who saved the document last (docProps/core.xml), for changes made without tracking. */
  lastModifiedBy: string | null
}

export type WordAuthor = { name: string; userId: string | null }

export type ParsedComment = {
  id: string
  author: string
  initials: string
  /** Epoch milliseconds. */
  at: number
  text: string
  /** The comment this one answers (a reply), or null for a thread's first comment. */
  parentId: string | null
  done: boolean
  /** `[start, end)` in the body's anchor coordinates (shared/model/anchor.ts), or null. */
  range: { start: number; end: number } | null
  quote: string
}

export type ImportStats = {
  headings: number
  paragraphs: number
  lists: number
  tables: number
  notes: number
}

/** The member id of a Word author kept as an external reviewer. */
export function externalMemberId(name: string): string {
  return `word:${name}`
}

export type ParseOptions = {
  /** Epoch ms for changes and comments without a date. */
  now: number
  newId?: () => string
}

/** Reads a .docx; the error is a value with messages in nb and en. */
export async function parseDocx(
  bytes: Uint8Array,
  options: ParseOptions,
): Promise<{ ok: true; value: ParsedDocx } | { ok: false; error: ImportError }> {
  try {
    return { ok: true, value: await parse(bytes, options) }
  } catch (error) {
    if (error instanceof ImportFailure) return { ok: false, error: error.error }
    throw error
  }
}

async function parse(bytes: Uint8Array, options: ParseOptions): Promise<ParsedDocx> {
  const pkg = openDocx(bytes)
  const annotations = newAnnotations()
  for (const name of ['word/document.xml', 'word/footnotes.xml', 'word/endnotes.xml']) {
    const text = partText(pkg, name)
    if (text === null) continue
    const root = parseXml(text, name)
    annotatePart(root, annotations)
    pkg.parts.set(name, new TextEncoder().encode(serialiseXml(root)))
  }
  const zipped = repack(pkg)
  const converted = await runMammoth(zipped)
  const newId = options.newId ?? uuidv4
  const authorOf = (revision: Revision): TrackedAuthor => ({
    id: newId(),
    memberId: externalMemberId(revision.author),
    name: revision.author,
    organisation: '',
    at: timeOf(revision.date, options.now),
  })
  const conversion = htmlToBody(converted.html, annotations.states, authorOf)
  const frame = recogniseHouse(conversion.blocks)
  const language = frame.language ?? documentLanguage(partText(pkg, 'word/styles.xml'))
  const blocks = [...frame.blocks, ...notesSection(conversion.notes, language)]
  const { body, points } = finish(blocks)
  const core = readCoreProperties(pkg)
  const wordComments = readWordComments(pkg)
  const comments = wordComments.map((comment): ParsedComment => {
    const range = rangeOf(comment.id, points, body)
    return {
      id: comment.id,
      author: comment.author,
      initials: comment.initials,
      at: timeOf(comment.date, options.now),
      text: comment.text,
      parentId: comment.parentId,
      done: comment.done,
      range,
      quote: range === null ? '' : textBetween(body, range.start, range.end),
    }
  })
  if (!pkg.parts.has('word/commentsExtended.xml')) threadByRange(comments)
  const people = new Map(readWordPeople(pkg).map((person) => [person.author, person.userId]))
  const names: string[] = []
  const note = (name: string) => void (names.includes(name) ? null : names.push(name))
  for (const state of annotations.states) {
    if (state.insert) note(state.insert.author)
    if (state.delete) note(state.delete.author)
  }
  for (const comment of wordComments) note(comment.author)
  return {
    title: frame.title ?? core.title,
    recipients: frame.recipients,
    dated: frame.dated,
    versionName: frame.versionName,
    language,
    organisations: frame.organisations,
    body,
    comments,
    authors: names.map((name) => ({ name, userId: people.get(name) ?? null })),
    stats: statsOf(body, conversion.notes.length),
    dropped: {
      ...annotations.counts,
      transient: conversion.transient,
      unknownStyles: converted.unknownStyles,
    },
    lastModifiedBy: core.lastModifiedBy,
  }
}

/**
 * Without commentsExtended.xml (LibreOffice writes none, so a re-saved file has lost who answers
 * whom) the answers of a thread are the comments on exactly the same text: the earliest is the
 * thread, the others reply to it in order.
 */
function threadByRange(comments: ParsedComment[]): void {
  const first = new Map<string, ParsedComment>()
  const ordered = [...comments].sort((a, b) => a.at - b.at)
  for (const comment of ordered) {
    if (comment.range === null || comment.parentId !== null) continue
    const key = `${comment.range.start}:${comment.range.end}`
    const thread = first.get(key)
    if (thread === undefined) first.set(key, comment)
    else comment.parentId = thread.id
  }
  // Threads before their replies, as a reader lists them.
  comments.sort((a, b) => a.at - b.at)
}

async function runMammoth(zipped: Uint8Array): Promise<{ html: string; unknownStyles: string[] }> {
  // Node's mammoth reads `buffer`, the browser build `arrayBuffer`: both are given.
  const buffer = zipped.buffer.slice(zipped.byteOffset, zipped.byteOffset + zipped.byteLength)
  const input = { buffer: zipped, arrayBuffer: buffer } as unknown as { arrayBuffer: ArrayBuffer }
  let result: Awaited<ReturnType<typeof mammoth.convertToHtml>>
  try {
    result = await mammoth.convertToHtml(input, {
      styleMap: STYLE_MAP,
      // Pictures are left out (the paper holds none): never read, only counted by annotate.ts.
      convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
    })
  } catch (error) {
    fail('corrupt', `mammoth: ${error instanceof Error ? error.message : String(error)}`)
  }
  const unknownStyles = new Set<string>()
  for (const message of result.messages) {
    // Run styles only format; a paragraph style read as plain text may have meant a heading.
    const style = /^Unrecognised paragraph style: '([^']*)'/.exec(message.message)
    if (style?.[1]) unknownStyles.add(style[1])
  }
  return { html: result.value, unknownStyles: [...unknownStyles] }
}

/** Footnotes and endnotes as a numbered list under "Noter" / "Notes" at the end. */
function notesSection(notes: Draft[][], language: 'nb' | 'en' | null): Draft[] {
  if (notes.length === 0) return []
  const heading = language === 'nb' ? 'Noter' : 'Notes'
  return [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: heading }] },
    {
      type: 'orderedList',
      content: notes.map((blocks) => ({
        type: 'listItem',
        content:
          blocks[0]?.type === 'paragraph'
            ? [trimStart(blocks[0]), ...blocks.slice(1)]
            : [{ type: 'paragraph', content: [] }, ...blocks],
      })),
    },
  ]
}

/** LibreOffice starts a note's text with a tab after its number. */
function trimStart(block: Draft): Draft {
  const [first, ...rest] = block.content ?? []
  if (first?.type !== 'text') return block
  const text = (first.text ?? '').trimStart()
  return { ...block, content: text === '' ? rest : [{ ...first, text }, ...rest] }
}

type Points = Map<string, { start?: number; end?: number; reference?: number }>

/**
 * The drafts as the body: suggested breaks moved onto the block after them, comment points
 * replaced by their offsets (anchor coordinates: text characters, block boundaries count nothing),
 * and the converter's own keys removed.
 */
function finish(blocks: Draft[]): { body: JSONContent; points: Points } {
  const points: Points = new Map()
  let offset = 0
  let pending: Draft['breakAfter'] = undefined
  const visit = (node: Draft): Draft => {
    const out: Draft = { ...node }
    const { breakAfter } = node
    delete out.class
    delete out.breakAfter
    if (isTextblock(node)) {
      if (pending !== undefined) {
        out.attrs = {
          ...out.attrs,
          [pending.kind === 'split' ? SUGGEST_SPLIT : SUGGEST_JOIN]: pending.author,
        }
        pending = undefined
      }
      const content: JSONContent[] = []
      for (const child of node.content ?? []) {
        if (child.type === '#comment') {
          const point = child as unknown as CommentPoint
          const entry = points.get(point.id) ?? {}
          entry[point.edge] ??= offset
          if (point.edge === 'end') entry.end = offset
          points.set(point.id, entry)
        } else {
          if (child.type === 'text') offset += child.text?.length ?? 0
          content.push(child)
        }
      }
      out.content = mergeText(content)
      if (breakAfter !== undefined) pending = breakAfter
      return out
    }
    if (node.content !== undefined) out.content = node.content.map((c) => visit(c as Draft))
    return out
  }
  const content = blocks.map(visit)
  return { body: { type: 'doc', content }, points }
}

function isTextblock(node: JSONContent): boolean {
  return node.type === 'paragraph' || node.type === 'heading' || node.type === 'codeBlock'
}

function rangeOf(
  id: string,
  points: Points,
  body: JSONContent,
): { start: number; end: number } | null {
  const point = points.get(id)
  if (point === undefined) return null
  if (point.start !== undefined && point.end !== undefined && point.start < point.end) {
    return { start: point.start, end: point.end }
  }
  // A comment on no text (a point, or only a reference mark): the word before it.
  const at = point.start ?? point.reference ?? point.end
  if (at === undefined) return null
  const text = textBetween(body, 0, Number.MAX_SAFE_INTEGER)
  let start = at
  while (start > 0 && /\s/.test(text.charAt(start - 1))) start--
  let end = start
  while (start > 0 && !/\s/.test(text.charAt(start - 1))) start--
  if (start === end) {
    end = at
    while (end < text.length && !/\s/.test(text.charAt(end))) end++
  }
  return start < end ? { start, end } : null
}

/** The body's text between two anchor offsets (blocks joined with nothing, as anchors count). */
export function textBetween(body: JSONContent, start: number, end: number): string {
  let text = ''
  const visit = (node: JSONContent) => {
    if (node.type === 'text') text += node.text ?? ''
    for (const child of node.content ?? []) visit(child)
  }
  visit(body)
  return text.slice(start, end)
}

function statsOf(body: JSONContent, notes: number): ImportStats {
  const stats: ImportStats = { headings: 0, paragraphs: 0, lists: 0, tables: 0, notes }
  const visit = (node: JSONContent, inList: boolean) => {
    if (node.type === 'heading') stats.headings++
    if (node.type === 'paragraph') stats.paragraphs++
    if ((node.type === 'bulletList' || node.type === 'orderedList') && !inList) stats.lists++
    if (node.type === 'table') stats.tables++
    const list = inList || node.type === 'bulletList' || node.type === 'orderedList'
    for (const child of node.content ?? []) visit(child, list)
  }
  visit(body, false)
  return stats
}

function timeOf(date: string | null, now: number): number {
  if (date === null) return now
  // Word writes local time marked as UTC; LibreOffice sometimes no zone at all: read it as UTC.
  const time = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(date) ? date : `${date}Z`)
  return Number.isFinite(time) ? time : now
}

/** The document's language from its default run properties (w:lang), where it says. */
function documentLanguage(styles: string | null): 'nb' | 'en' | null {
  if (styles === null) return null
  const root = parseXml(styles, 'word/styles.xml')
  for (const lang of descendants(root, NS.w, 'lang')) {
    const value = (attr(lang, NS.w, 'val') ?? '').toLowerCase()
    if (/^(nb|no|nn)\b/.test(value)) return 'nb'
    if (/^en\b/.test(value)) return 'en'
  }
  return null
}
