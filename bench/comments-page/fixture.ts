// The comments benchmark's paper and threads, built in Node and shipped to the page as stored Yjs
// bytes (the anchors are relative positions into the body, so the page's body doc must be loaded
// from the same bytes). Seeded, so every run and both modes see the same paper and threads.
import * as Y from 'yjs'
import {
  addReply,
  addThread,
  createAnchor,
  paperBody,
  resolveThread,
  writeTemplateToBody,
  type Author,
} from '../../shared/model/index.ts'

/** Where to type: a paragraph (index among the body's blocks) and a character offset in it. */
export type TypingPoint = { paragraph: number; offset: number }

export type Fixture = {
  body: Uint8Array
  comments: Uint8Array
  threads: number
  open: number
  suggestions: number
  replies: number
  /** Inside an open thread's text near the middle of the paper: the local keystrokes go here. */
  local: TypingPoint
  /** Three quarters into the paper: the remote keystrokes go here. */
  remote: TypingPoint
}

const AUTHORS: Author[] = [
  { memberId: 'm-anne', name: 'Anne Berg', organisation: 'NTNU' },
  { memberId: 'm-kari', name: 'Kari Nilsen', organisation: 'Trondheim kommune' },
  { memberId: 'm-lucas', name: 'Lucas Moreau', organisation: 'EUROCITIES' },
  { memberId: 'm-sofia', name: 'Sofia Rossi', organisation: 'ERRIN' },
  { memberId: 'm-jan', name: 'Jan de Vries', organisation: 'European University Association' },
  { memberId: 'm-eva', name: 'Eva Lindqvist', organisation: 'EIP Smart Cities' },
]
const CREATED = Date.UTC(2026, 10, 2, 9)
const MAX_WORDS = 8

/** mulberry32: a small seeded generator, so the threads are the same in every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * The paper as paragraphs, and `count` threads on random word ranges (1 to 8 words inside one
 * paragraph, each word equally likely to start one): about 20% suggest a replacement, 20% are
 * resolved and 30% have a reply.
 */
export function buildFixture(paragraphs: readonly string[], count: number, seed: number): Fixture {
  const bodyDoc = new Y.Doc()
  const written = writeTemplateToBody(bodyDoc, {
    type: 'doc',
    content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
  })
  if (!written.ok) throw new Error(`the paper does not fit: ${JSON.stringify(written.problems)}`)
  const texts = paperBody(bodyDoc)
    .toArray()
    .map((block) => (block instanceof Y.XmlElement ? block.get(0) : null))
  const words = paragraphs.flatMap((text, paragraph) =>
    [...text.matchAll(/\S+/g)].map((m) => ({
      paragraph,
      from: m.index,
      to: m.index + m[0].length,
    })),
  )

  const random = seeded(seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
  const commentsDoc = new Y.Doc()
  const stats = { open: 0, suggestions: 0, replies: 0 }
  const ranges: { paragraph: number; from: number; to: number; open: boolean }[] = []
  for (let i = 0; i < count; i++) {
    const first = Math.floor(random() * words.length)
    const start = words[first]!
    let end = start
    const length = 1 + Math.floor(random() * MAX_WORDS)
    for (let k = 1; k < length; k++) {
      const next = words[first + k]
      if (next === undefined || next.paragraph !== start.paragraph) break
      end = next
    }
    const text = texts[start.paragraph]
    if (!(text instanceof Y.XmlText)) throw new Error(`paragraph ${start.paragraph} has no text`)
    const quote = paragraphs[start.paragraph]!.slice(start.from, end.to)
    const suggests = random() < 0.2
    const resolved = random() < 0.2
    const replied = random() < 0.3
    const author = pick(AUTHORS)
    const now = CREATED + i * 60_000
    const added = addThread(
      commentsDoc,
      {
        anchor: createAnchor(text, start.from, end.to),
        quote,
        author,
        text: `Comment ${i + 1}: can we say this more precisely, with the figures from the annex?`,
        suggestion: suggests ? { text: `${quote} (revised)` } : null,
      },
      now,
    )
    if (!added.ok) throw new Error(`thread ${i}: ${JSON.stringify(added.problems)}`)
    if (replied) {
      addReply(commentsDoc, added.value, { author: pick(AUTHORS), text: 'Agreed.' }, now + 1000)
      stats.replies++
    }
    if (resolved) resolveThread(commentsDoc, added.value, pick(AUTHORS), now + 2000)
    else stats.open++
    if (suggests) stats.suggestions++
    ranges.push({ paragraph: start.paragraph, from: start.from, to: end.to, open: !resolved })
  }

  const middle = Math.floor(paragraphs.length / 2)
  const inside = ranges
    .filter((range) => range.open && range.paragraph >= middle && range.to - range.from > 2)
    .sort((a, b) => a.paragraph - b.paragraph || a.from - b.from)[0]
  const local = inside
    ? { paragraph: inside.paragraph, offset: Math.floor((inside.from + inside.to) / 2) }
    : { paragraph: middle, offset: Math.floor((paragraphs[middle]?.length ?? 0) / 2) }
  const late = Math.floor((paragraphs.length * 3) / 4)
  return {
    body: Y.encodeStateAsUpdate(bodyDoc),
    comments: Y.encodeStateAsUpdate(commentsDoc),
    threads: count,
    ...stats,
    local,
    remote: { paragraph: late, offset: Math.floor((paragraphs[late]?.length ?? 0) / 2) },
  }
}
