import * as Y from 'yjs'
import type { Author } from '../comments.ts'
import { paperBody } from '../paper.ts'
import type { Written } from '../validate.ts'

/** One member's copy of a paper: the paper doc holding the body, and the separate comments doc. */
export type Replica = { name: string; body: Y.Doc; comments: Y.Doc }

/**
 * Replicas with fixed client ids: Yjs orders concurrent writes by client id, so fixed ids make a
 * seeded run, and which of two concurrent edits wins, the same on every run.
 */
export function replicas(...names: string[]): Replica[] {
  return names.map((name, i) => {
    const body = new Y.Doc()
    const comments = new Y.Doc()
    body.clientID = i + 1
    comments.clientID = i + 1
    return { name, body, comments }
  })
}

export function authorOf(replica: Replica): Author {
  return { memberId: `m-${replica.name}`, name: replica.name, organisation: 'Test' }
}

/** A block as Tiptap writes it: an element holding one Y.XmlText. */
export function block(content: string, kind: 'paragraph' | 'heading' = 'paragraph'): Y.XmlElement {
  const element = new Y.XmlElement(kind)
  if (kind === 'heading') element.setAttribute('level', '2')
  element.insert(0, [content === '' ? new Y.XmlText() : new Y.XmlText(content)])
  return element
}

/** Writes paragraphs at the end of the body, in one transaction. */
export function writeParagraphs(doc: Y.Doc, paragraphs: string[]): void {
  const body = paperBody(doc)
  doc.transact(() =>
    body.insert(
      body.length,
      paragraphs.map((content) => block(content)),
    ),
  )
}

/** The text node of the body's block at `index`, as this replica has it now. */
export function blockText(doc: Y.Doc, index: number): Y.XmlText {
  const element = paperBody(doc).get(index)
  const text = element instanceof Y.XmlElement ? element.get(0) : null
  if (!(text instanceof Y.XmlText)) throw new Error(`The body has no text block at ${index}`)
  return text
}

/** The plain text of a text node; the tests write no embeds. */
export function plainText(text: Y.XmlText): string {
  return (text.toDelta() as { insert: unknown }[])
    .map(({ insert }) => (typeof insert === 'string' ? insert : '\uFFFC'))
    .join('')
}

/** Sends `to` what `from` has and `to` lacks: one direction of a sync. */
export function send(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)))
}

/** Both directions of a sync of one doc. */
export function sync(a: Y.Doc, b: Y.Doc): void {
  send(a, b)
  send(b, a)
}

/** Brings both docs of every replica up to date with all the others. */
export function syncAll(all: Replica[]): void {
  const [hub, ...rest] = all
  if (hub === undefined) return
  for (const docs of ['body', 'comments'] as const) {
    for (const replica of rest) send(replica[docs], hub[docs])
    for (const replica of rest) send(hub[docs], replica[docs])
  }
}

/** The value of a write that must have been accepted. */
export function accepted<T>(written: Written<T>): T {
  if (!written.ok) throw new Error(`The write was refused: ${JSON.stringify(written.problems)}`)
  return written.value
}
