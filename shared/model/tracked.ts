import { Extension, Mark, type JSONContent } from '@tiptap/core'

/*
 * Tracked changes ("suggesting mode") in the body, as ProseMirror marks and node attributes, so
 * that they live in the same Y.XmlFragment as the text (y-tiptap keeps text marks as formatting
 * attributes and node attributes as element attributes; it does not keep node marks, which is why
 * block-level changes are attributes here):
 * - `suggestInsert` on text: suggested new text;
 * - `suggestDelete` on text: text suggested for removal, still shown;
 * - `suggestFormat` on text: its formatting (bold, italic, a link...) is a suggested change; the
 *   mark keeps the formatting the text had before, to go back to if it is rejected;
 * - `suggestSplit` on a textblock: the paragraph break before it is a suggested new one (the
 *   block was split off the one before it);
 * - `suggestJoin` on a textblock: the paragraph break before it is suggested for removal (it
 *   would join the block before it).
 * Each carries who suggested it and when (`TrackedAuthor`), and an id shared by the pieces of one
 * suggestion (a word typed, a phrase struck through).
 */

export const SUGGEST_INSERT = 'suggestInsert'
export const SUGGEST_DELETE = 'suggestDelete'
export const SUGGEST_SPLIT = 'suggestSplit'
export const SUGGEST_JOIN = 'suggestJoin'
export const SUGGEST_FORMAT = 'suggestFormat'

/** The marks that track changes (the others are formatting). */
export const TRACKED_MARKS: readonly string[] = [SUGGEST_INSERT, SUGGEST_DELETE, SUGGEST_FORMAT]

export type TrackedKind = 'insert' | 'delete' | 'format' | 'split' | 'join'

/** Who made a suggestion and when: the mark's or attribute's value. */
export type TrackedAuthor = {
  /** Shared by the pieces of one suggestion. */
  id: string
  memberId: string
  name: string
  organisation: string
  /** Epoch milliseconds. */
  at: number
  /**
   * The member who brought it in from a Word review on the author's behalf (the author being
   * another member, or an external reviewer); absent or null when the author made it here.
   */
  importedBy?: { memberId: string; name: string; organisation: string } | null
}

/** The textblocks that can be split off or joined (the body's paragraphs and headings). */
export const TRACKED_BLOCKS = ['paragraph', 'heading'] as const

const authorAttributes = {
  id: { default: '' },
  memberId: { default: '' },
  name: { default: '' },
  organisation: { default: '' },
  at: { default: 0 },
  importedBy: { default: null },
}

function dataOf(attrs: Record<string, unknown>) {
  return {
    'data-suggestion': String(attrs.id ?? ''),
    'data-member': String(attrs.memberId ?? ''),
    title: `${String(attrs.name ?? '')} (${String(attrs.organisation ?? '')})`,
  }
}

/** Suggested new text: shown underlined in its author's colour. */
export const SuggestInsert = Mark.create({
  name: SUGGEST_INSERT,
  inclusive: false,
  // One member's suggested text may be struck by another: the marks go together.
  excludes: SUGGEST_INSERT,
  addAttributes: () => authorAttributes,
  parseHTML: () => [{ tag: 'ins[data-suggestion]' }],
  renderHTML: ({ HTMLAttributes }) => [
    'ins',
    { ...dataOf(HTMLAttributes), class: 'suggest-insert' },
    0,
  ],
})

/** Text suggested for removal: shown struck through until someone decides. */
export const SuggestDelete = Mark.create({
  name: SUGGEST_DELETE,
  inclusive: false,
  excludes: SUGGEST_DELETE,
  addAttributes: () => authorAttributes,
  parseHTML: () => [{ tag: 'del[data-suggestion]' }],
  renderHTML: ({ HTMLAttributes }) => [
    'del',
    { ...dataOf(HTMLAttributes), class: 'suggest-delete' },
    0,
  ],
})

/** A mark of the text's formatting, as `suggestFormat` keeps the formatting before. */
export type FormatMark = { type: string; attrs?: Record<string, unknown> }

/** Formatting suggested: shown with a dotted underline in its author's colour. */
export const SuggestFormat = Mark.create({
  name: SUGGEST_FORMAT,
  inclusive: false,
  excludes: SUGGEST_FORMAT,
  addAttributes: () => ({
    ...authorAttributes,
    /** The formatting before the suggestion: JSON of a FormatMark list. */
    before: { default: '[]' },
  }),
  parseHTML: () => [{ tag: 'span[data-suggestion][data-format-before]' }],
  renderHTML: ({ HTMLAttributes }) => [
    'span',
    {
      ...dataOf(HTMLAttributes),
      'data-format-before': String(HTMLAttributes.before ?? '[]'),
      class: 'suggest-format',
    },
    0,
  ],
})

/** The formatting a `suggestFormat` mark goes back to (nothing, if unreadable). */
export function formatBefore(attrs: Record<string, unknown>): FormatMark[] {
  try {
    const value: unknown = JSON.parse(String(attrs.before ?? '[]'))
    if (!Array.isArray(value)) return []
    return value.filter(
      (mark): mark is FormatMark =>
        typeof mark === 'object' &&
        mark !== null &&
        typeof (mark as FormatMark).type === 'string' &&
        !TRACKED_MARKS.includes((mark as FormatMark).type),
    )
  } catch {
    return []
  }
}

/** The block attributes of suggested breaks; null on ordinary blocks. */
export const TrackedBlocks = Extension.create({
  name: 'trackedBlocks',
  addGlobalAttributes() {
    const attribute = (name: string) => ({
      default: null,
      // The block split off is the one with the suggested break: the other keeps its own.
      keepOnSplit: false,
      parseHTML: (element: HTMLElement) => readAuthor(element.getAttribute(`data-${name}`)),
      renderHTML: (attributes: Record<string, unknown>) => {
        const value = attributes[name]
        return isAuthor(value) ? { [`data-${name}`]: JSON.stringify(value) } : {}
      },
    })
    return [
      {
        types: [...TRACKED_BLOCKS],
        attributes: {
          [SUGGEST_SPLIT]: attribute(SUGGEST_SPLIT),
          [SUGGEST_JOIN]: attribute(SUGGEST_JOIN),
        },
      },
    ]
  },
})

export function isAuthor(value: unknown): value is TrackedAuthor {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return (
    typeof v.id === 'string' &&
    v.id !== '' &&
    typeof v.memberId === 'string' &&
    typeof v.name === 'string' &&
    typeof v.organisation === 'string' &&
    typeof v.at === 'number'
  )
}

function readAuthor(text: string | null): TrackedAuthor | null {
  if (text === null) return null
  try {
    const value: unknown = JSON.parse(text)
    return isAuthor(value) ? value : null
  } catch {
    return null
  }
}

/** One open suggestion (all its pieces), in document order of its first piece. */
export type TrackedSuggestion = {
  id: string
  author: TrackedAuthor
  /** The kinds its pieces have (a replacement is a deletion and an insertion with one id). */
  kinds: TrackedKind[]
  /** The text it inserts and the text it removes, for a card. */
  inserted: string
  deleted: string
}

/** Which suggestions to decide: a predicate on the author value of each piece. */
export type Which = (author: TrackedAuthor) => boolean

export const all: Which = () => true
export const byId =
  (id: string): Which =>
  (author) =>
    author.id === id
export const byMember =
  (memberId: string): Which =>
  (author) =>
    author.memberId === memberId

/** Every open suggestion of a body (Tiptap JSON), in document order. */
export function listTracked(body: JSONContent): TrackedSuggestion[] {
  const found = new Map<string, TrackedSuggestion>()
  const note = (author: TrackedAuthor, kind: TrackedKind, inserted = '', deleted = '') => {
    let entry = found.get(author.id)
    if (entry === undefined) {
      entry = { id: author.id, author, kinds: [], inserted: '', deleted: '' }
      found.set(author.id, entry)
    }
    if (!entry.kinds.includes(kind)) entry.kinds.push(kind)
    entry.inserted += inserted
    entry.deleted += deleted
  }
  const walk = (node: JSONContent) => {
    for (const [attr, kind] of [
      [SUGGEST_SPLIT, 'split'],
      [SUGGEST_JOIN, 'join'],
    ] as const) {
      const value = node.attrs?.[attr]
      if (isAuthor(value)) note(value, kind)
    }
    if (node.type === 'text') {
      for (const mark of node.marks ?? []) {
        if (mark.type === SUGGEST_INSERT && isAuthor(mark.attrs))
          note(mark.attrs, 'insert', node.text ?? '')
        if (mark.type === SUGGEST_DELETE && isAuthor(mark.attrs))
          note(mark.attrs, 'delete', '', node.text ?? '')
        if (mark.type === SUGGEST_FORMAT && isAuthor(mark.attrs)) note(mark.attrs, 'format')
      }
    }
    for (const child of node.content ?? []) walk(child)
  }
  walk(body)
  return [...found.values()]
}

/**
 * The body with the chosen suggestions rejected: suggested text removed, struck text kept as
 * ordinary text, suggested breaks joined again, suggested joins left apart. What was agreed is the
 * body with every open suggestion rejected (named versions and their hash are computed on it).
 */
export function rejectTracked(body: JSONContent, which: Which = all): JSONContent {
  return decide(body, which, 'reject')
}

/** The body with the chosen suggestions accepted. */
export function acceptTracked(body: JSONContent, which: Which = all): JSONContent {
  return decide(body, which, 'accept')
}

function decide(node: JSONContent, which: Which, how: 'accept' | 'reject'): JSONContent {
  const drop = how === 'reject' ? SUGGEST_INSERT : SUGGEST_DELETE
  const keep = how === 'reject' ? SUGGEST_DELETE : SUGGEST_INSERT
  const chosen = (value: unknown) => isAuthor(value) && which(value)
  if (node.type === 'text') {
    let marks = node.marks ?? []
    if (marks.some((mark) => mark.type === drop && chosen(mark.attrs))) return { ...node, text: '' }
    const format = marks.find((mark) => mark.type === SUGGEST_FORMAT && chosen(mark.attrs))
    if (format !== undefined) {
      // Accepted: the formatting stays as it is; rejected: back to what it was.
      const tracked = marks.filter((mark) => mark !== format && TRACKED_MARKS.includes(mark.type))
      marks =
        how === 'accept'
          ? marks.filter((mark) => mark !== format)
          : [...formatBefore(format.attrs ?? {}), ...tracked]
    }
    const left = marks.filter((mark) => !(mark.type === keep && chosen(mark.attrs)))
    const rest = { ...node }
    delete rest.marks
    return left.length > 0 ? { ...rest, marks: left } : rest
  }
  if (node.content === undefined) return node
  const children: JSONContent[] = []
  for (const child of node.content) {
    const decided = decide(child, which, how)
    if (decided.type === 'text' && decided.text === '') continue
    // A suggested break that goes (rejected split, accepted join) joins the block to the one before.
    const split = child.attrs?.[SUGGEST_SPLIT]
    const join = child.attrs?.[SUGGEST_JOIN]
    const joins = (how === 'reject' && chosen(split)) || (how === 'accept' && chosen(join))
    const previous = children[children.length - 1]
    const cleared = withoutBreaks(decided, chosen)
    if (joins && previous !== undefined && isTextblock(previous) && isTextblock(cleared)) {
      children[children.length - 1] = {
        ...previous,
        content: [...(previous.content ?? []), ...(cleared.content ?? [])],
      }
      continue
    }
    const last = children[children.length - 1]
    if (
      last?.type === 'text' &&
      cleared.type === 'text' &&
      JSON.stringify(last.marks ?? []) === JSON.stringify(cleared.marks ?? [])
    ) {
      // Text that differed only by a decided suggestion is one text again.
      children[children.length - 1] = { ...last, text: (last.text ?? '') + (cleared.text ?? '') }
      continue
    }
    children.push(cleared)
  }
  return { ...node, content: children }
}

function withoutBreaks(node: JSONContent, chosen: (value: unknown) => boolean): JSONContent {
  if (node.attrs === undefined) return node
  const attrs = { ...node.attrs }
  for (const attr of [SUGGEST_SPLIT, SUGGEST_JOIN]) if (chosen(attrs[attr])) attrs[attr] = null
  return { ...node, attrs }
}

function isTextblock(node: JSONContent): boolean {
  return (TRACKED_BLOCKS as readonly string[]).includes(node.type ?? '')
}
