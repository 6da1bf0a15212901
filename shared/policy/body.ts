import type { JSONContent } from '@tiptap/core'
import * as Y from 'yjs'
import { BODY_FIELD } from '../model/paper.ts'
import {
  SUGGEST_DELETE,
  SUGGEST_FORMAT,
  SUGGEST_INSERT,
  SUGGEST_JOIN,
  SUGGEST_SPLIT,
  byMember,
  isAuthor,
  rejectTracked,
  type TrackedAuthor,
} from '../model/tracked.ts'
import type { ParsedBlock } from '../updates/index.ts'
import { writesAs, writesBody, type Member } from './members.ts'

const FORMAT_KEYS = new Set([SUGGEST_INSERT, SUGGEST_DELETE, SUGGEST_FORMAT])
const BLOCK_KEYS = new Set([SUGGEST_SPLIT, SUGGEST_JOIN])

/** What the relay knows when it checks a change to a paper's body. */
export type BodyContext = {
  /** The paper doc before the update. */
  before: Y.Doc
  /** The doc after it and which types changed (computed only when asked). */
  preview: () => { doc: Y.Doc; changed: Y.Transaction['changed'] }
  /** The update's structs, as read before applying it. */
  blocks: readonly ParsedBlock[]
  /** The member who made the suggestion with this id, if the paper has it already. */
  suggester: (id: string) => string | undefined
  /** The coordinator set the paper to "suggestions only": editors suggest too. */
  suggestionsOnly: boolean
}

/**
 * Why `member` may not make this change to a paper's text, or null.
 * - Every suggestion the change brings carries its author: a new suggestion is the writer's own,
 *   under their own name and organisation; an existing one keeps its author. So nobody puts
 *   words in another member's mouth, whatever their role.
 * - A reviewer (and everyone, on a paper set to suggestions only) changes nothing but their own
 *   suggestions: the text with their suggestions rejected is the text before, with theirs
 *   rejected. No unmarked insertion, no removal, no touching others' suggestions, no accepting.
 */
export function bodyChangeRefusal(member: Member, context: BodyContext): string | null {
  const authorship = authorshipRefusal(member, context)
  if (authorship !== null) return authorship
  if (member.role !== 'reviewer' && !context.suggestionsOnly) return null
  const { doc, changed } = context.preview()
  const region = touched(doc, changed)
  if (region === null) return 'You can only suggest changes to the text.'
  const mine = byMember(member.id)
  const before = region.whole
    ? [context.before.getXmlFragment(BODY_FIELD)]
    : region.tops.map((id) => typeAt(context.before, id))
  const after = region.whole
    ? [doc.getXmlFragment(BODY_FIELD)]
    : region.tops.map((id) => typeAt(doc, id))
  for (const [i, type] of after.entries()) {
    const was = before[i]
    if (type === null || was === null || was === undefined) return 'You can only suggest changes.'
    if (normal(rejectTracked(toJSON(was), mine)) !== normal(rejectTracked(toJSON(type), mine))) {
      return member.role === 'reviewer'
        ? 'A reviewer only suggests changes: type in suggesting mode, and leave others’ text and suggestions as they are.'
        : 'This paper takes suggestions only.'
    }
  }
  return null
}

/** New suggestion pieces must name their suggestion's author; new suggestions, the writer. */
function authorshipRefusal(member: Member, { blocks, suggester }: BodyContext): string | null {
  for (const block of blocks) {
    for (const struct of block.structs) {
      if (struct.kind !== 'item') continue
      let value: unknown = undefined
      if (struct.format !== null && FORMAT_KEYS.has(struct.format.key)) value = struct.format.value
      else if (struct.parentSub !== null && BLOCK_KEYS.has(struct.parentSub))
        value = struct.values?.[0]
      if (value === undefined || value === null) continue
      if (!isAuthor(value)) return 'Not a valid suggestion: it must say who made it, and when.'
      const owner = suggester(value.id)
      const signed = writesAs(member, authorOf(value)) || imports(member, value)
      if (owner !== undefined ? owner !== value.memberId : !signed) {
        return 'A suggestion is made under your own name.'
      }
    }
  }
  return null
}

/**
 * A suggestion under another author's name is an imported Word review: allowed to those who
 * write the text (editors, the coordinator), when it is signed by them as its importer.
 */
function imports(member: Member, value: TrackedAuthor): boolean {
  const by = value.importedBy
  return by != null && writesBody(member.role) && writesAs(member, by)
}

const authorOf = (value: TrackedAuthor) => ({
  memberId: value.memberId,
  name: value.name,
  organisation: value.organisation,
})

/** Every suggestion in a body and who made it (a paper's index, built once per loaded room). */
export function suggestersOf(doc: Y.Doc): Map<string, string> {
  const found = new Map<string, string>()
  const note = (value: unknown) => {
    if (isAuthor(value) && !found.has(value.id)) found.set(value.id, value.memberId)
  }
  const walk = (type: Y.XmlElement | Y.XmlFragment | Y.XmlText) => {
    if (type instanceof Y.XmlText) {
      for (let item = type._start; item !== null; item = item.right) {
        if (item.content instanceof Y.ContentFormat && FORMAT_KEYS.has(item.content.key)) {
          note(item.content.value)
        }
      }
      return
    }
    if (type instanceof Y.XmlElement) {
      for (const key of BLOCK_KEYS) note(type.getAttribute(key))
    }
    for (const child of type.toArray()) {
      if (child instanceof Y.XmlElement || child instanceof Y.XmlText) walk(child)
    }
  }
  walk(doc.getXmlFragment(BODY_FIELD))
  return found
}

/** Adds the suggestions an accepted update brought to the index. */
export function noteSuggestions(index: Map<string, string>, blocks: readonly ParsedBlock[]): void {
  for (const block of blocks) {
    for (const struct of block.structs) {
      if (struct.kind !== 'item') continue
      const value =
        struct.format !== null && FORMAT_KEYS.has(struct.format.key)
          ? struct.format.value
          : struct.parentSub !== null && BLOCK_KEYS.has(struct.parentSub)
            ? struct.values?.[0]
            : undefined
      if (isAuthor(value) && !index.has(value.id)) index.set(value.id, value.memberId)
    }
  }
}

type Region = { whole: true } | { whole: false; tops: Y.ID[] }

/**
 * The top-level blocks of the body the change touched, by id, or the whole body when blocks were
 * added, removed or moved or a block's attributes changed; null when something outside the body
 * changed.
 */
function touched(
  doc: Y.Doc,
  changed: Y.Transaction['changed'],
): (Region & { tops: Y.ID[] }) | null {
  const body: unknown = doc.getXmlFragment(BODY_FIELD)
  const tops = new Map<string, Y.ID>()
  let whole = false
  for (const [type, keys] of changed) {
    if ((type as unknown) === body) {
      whole = true
      continue
    }
    // A block's own attributes are its suggested breaks, decided in the body around it
    // (rejecting a split joins the block to the one before): the whole body is compared.
    if (type._item?.parent === body && [...keys].some((key) => key !== null)) {
      whole = true
      continue
    }
    let current: { _item: Y.Item | null } = type
    let top: Y.Item | null = null
    for (let item = current._item; item !== null; item = current._item) {
      if (item.parent === body) {
        top = item
        break
      }
      if (!(item.parent instanceof Y.AbstractType)) break
      current = item.parent
    }
    if (top === null) return null
    tops.set(`${top.id.client}:${top.id.clock}`, top.id)
  }
  return whole ? { whole: true, tops: [] } : { whole: false, tops: [...tops.values()] }
}

function typeAt(doc: Y.Doc, id: Y.ID): Y.XmlElement | Y.XmlText | null {
  if (id.clock >= Y.getState(doc.store, id.client)) return null
  const item = Y.getItem(doc.store, id)
  if (!(item instanceof Y.Item) || item.deleted || !(item.content instanceof Y.ContentType))
    return null
  const type = item.content.type
  return type instanceof Y.XmlElement || type instanceof Y.XmlText ? type : null
}

/** Tiptap JSON of a body part, as y-tiptap reads it (`yXmlFragmentToProsemirrorJSON`). */
function toJSON(type: Y.XmlFragment | Y.XmlElement | Y.XmlText): JSONContent {
  if (type instanceof Y.XmlText) {
    return { type: '#text', content: textOf(type) }
  }
  const children = type
    .toArray()
    .flatMap((child) =>
      child instanceof Y.XmlText
        ? textOf(child)
        : child instanceof Y.XmlElement
          ? [toJSON(child)]
          : [],
    )
  const node: JSONContent = { type: type instanceof Y.XmlElement ? type.nodeName : 'doc' }
  if (type instanceof Y.XmlElement) node.attrs = type.getAttributes()
  if (children.length > 0) node.content = children
  return node
}

function textOf(text: Y.XmlText): JSONContent[] {
  return (text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]).map(
    ({ insert, attributes }) => {
      const node: JSONContent = { type: 'text', text: typeof insert === 'string' ? insert : '' }
      if (attributes) {
        node.marks = Object.entries(attributes).map(([type, attrs]) => ({
          type,
          attrs: (attrs ?? {}) as Record<string, unknown>,
        }))
      }
      return node
    },
  )
}

/**
 * One text for equal content: null attributes and empty text dropped, neighbouring text with
 * the same marks joined, keys sorted.
 */
function normal(node: JSONContent): string {
  return sortedJson(tidy(node))
}

function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${sortedJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

function tidy(node: JSONContent): JSONContent {
  const out: JSONContent = { type: node.type }
  if (node.text !== undefined) out.text = node.text
  if (node.attrs) {
    const attrs = Object.fromEntries(Object.entries(node.attrs).filter(([, v]) => v != null))
    if (Object.keys(attrs).length > 0) out.attrs = attrs
  }
  if (node.marks && node.marks.length > 0) out.marks = tidyMarks(node.marks)
  if (node.content) {
    const content: JSONContent[] = []
    for (const child of node.content.map(tidy)) {
      if (child.type === 'text' && child.text === '') continue
      const previous = content[content.length - 1]
      if (
        previous?.type === 'text' &&
        child.type === 'text' &&
        sortedJson(previous.marks ?? []) === sortedJson(child.marks ?? [])
      ) {
        content[content.length - 1] = {
          ...previous,
          text: (previous.text ?? '') + (child.text ?? ''),
        }
      } else {
        content.push(child)
      }
    }
    if (content.length > 0) out.content = content
  }
  return out
}

/** Marks in one order, without empty attributes: y-tiptap and ProseMirror JSON write them so. */
function tidyMarks(marks: NonNullable<JSONContent['marks']>): NonNullable<JSONContent['marks']> {
  return marks
    .map((mark) => {
      const attrs = Object.fromEntries(
        Object.entries(mark.attrs ?? {}).filter(([, v]) => v != null),
      )
      return Object.keys(attrs).length > 0 ? { type: mark.type, attrs } : { type: mark.type }
    })
    .sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0))
}
