import * as prng from 'lib0/prng'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { anchoredText, createAnchorBetween, isAnchorPending, resolveAnchor } from './anchor.ts'
import {
  addReply,
  addThread,
  deleteComment,
  editComment,
  reopenThread,
  resolveThread,
} from './comment-writes.ts'
import { readThreads, type Thread } from './comments.ts'
import { paperBody } from './paper.ts'
import {
  accepted,
  authorOf,
  block,
  plainText,
  replicas,
  send,
  syncAll,
  writeParagraphs,
  type Replica,
} from './test-support/replicas.ts'

// Replay one seed with `npx vitest run shared/model/comments.property.test.ts -t "seed 17$"`.
const SEEDS = Array.from({ length: 100 }, (_, i) => i + 1)
const STEPS = 100
const NAMES = ['Ingrid', 'Paul', 'Sara', 'Jonas']

/** A character of the body by its Yjs identity, which survives every edit but its deletion. */
type CharId = { client: number; clock: number }

/** A character as a replica has it now; `char` is null once the character is deleted. */
type Char = CharId & { char: string | null; block: number; offset: number }

/** What the test recorded when a thread was made: its quote and the characters it was put on. */
type Made = { quote: string; chars: CharId[] }

type Stats = { threads: number; intact: number; changed: number; removed: number; pending: number }

type Run = {
  gen: prng.PRNG
  all: Replica[]
  made: Map<string, Made>
  deletedThreads: Set<string>
  replies: Map<string, string[]>
  deletedReplies: Set<string>
  now: number
  log: string[]
  problems: string[]
  stats: Stats
}

type Block = { index: number; text: Y.XmlText; start: number }

/** The body's text blocks in order, each with the body offset of its first character. */
function blocksOf(body: Y.Doc): Block[] {
  const blocks: Block[] = []
  let start = 0
  paperBody(body)
    .toArray()
    .forEach((element, index) => {
      const text = element instanceof Y.XmlElement ? element.get(0) : null
      if (text instanceof Y.XmlText) {
        blocks.push({ index, text, start })
        start += text.length
      }
    })
  return blocks
}

/**
 * Every character of the body's blocks, deleted ones included, read from the Yjs items rather
 * than through relative positions: the test's own account of where an anchor should be.
 */
function charsOf(body: Y.Doc): Char[] {
  const chars: Char[] = []
  let offset = 0
  blocksOf(body).forEach(({ text }, block) => {
    for (let item = text._start; item !== null; item = item.right) {
      if (item.content instanceof Y.ContentFormat) continue
      const live = !item.deleted && item.content instanceof Y.ContentString
      const str = live ? (item.content as Y.ContentString).str : null
      for (let i = 0; i < item.length; i++) {
        const char = str === null ? null : str[i]!
        chars.push({ client: item.id.client, clock: item.id.clock + i, char, block, offset })
        if (char !== null) offset++
      }
    }
  })
  return chars
}

const key = ({ client, clock }: CharId): string => `${client}:${clock}`

/** Live characters as anchoredText shows them: the pieces of each block, joined by line breaks. */
function joined(chars: Char[]): string {
  const pieces: string[] = []
  let last = -1
  for (const { char, block } of chars) {
    if (char === null) continue
    if (block !== last) pieces.push('')
    pieces[pieces.length - 1] += char
    last = block
  }
  return pieces.join('\n')
}

type Expected = {
  range: { start: number; end: number } | null
  text: string | null
  /** Every character of the quote is still there, and nothing was typed between them. */
  intact: boolean
}

/**
 * An anchor sticks to the first and last characters it was made on: it covers the live
 * characters from the first to the last, both included, in the body's order; when either is in
 * a block this replica no longer has (or not yet), or nothing is left between them, it is gone.
 */
function expectedOf(made: Made, chars: Char[], where: Map<string, number>): Expected {
  const first = where.get(key(made.chars[0]!))
  const last = where.get(key(made.chars.at(-1)!))
  const gone = { range: null, text: null, intact: false }
  if (first === undefined || last === undefined) return gone
  const live = chars.slice(first, last + 1).filter(({ char }) => char !== null)
  if (live.length === 0) return gone
  return {
    range: { start: live[0]!.offset, end: live.at(-1)!.offset + 1 },
    text: joined(live),
    intact:
      live.length === made.chars.length &&
      live.every((char, i) => key(char) === key(made.chars[i]!)),
  }
}

function received(body: Y.Doc, { client, clock }: CharId): boolean {
  return clock < Y.getState(body.store, client)
}

const asJSON = (value: unknown): string =>
  JSON.stringify(value, (_, v: unknown) => (v instanceof Uint8Array ? Array.from(v) : v))

/** Checks every thread this replica lists against the test's record and its body as it is now. */
function checkReplica(run: Run, replica: Replica): void {
  const fail = (message: string): void => void run.problems.push(`${replica.name}: ${message}`)
  const { value: threads, problems } = readThreads(replica.comments)
  if (problems.length > 0) fail(`reading the threads: ${asJSON(problems)}`)
  const chars = charsOf(replica.body)
  const where = new Map(chars.map((char, i) => [key(char), i]))
  for (const thread of threads) {
    const made = run.made.get(thread.id)
    if (made === undefined || thread.anchor === null) {
      fail(`thread ${thread.createdAt} is unknown or lost its anchor`)
      continue
    }
    const want = expectedOf(made, chars, where)
    const got = {
      range: resolveAnchor(thread.anchor, replica.body),
      text: anchoredText(thread.anchor, replica.body),
    }
    if (asJSON(got) !== asJSON({ range: want.range, text: want.text })) {
      fail(`thread ${thread.createdAt} resolves to ${asJSON(got)}; expected ${asJSON(want)}`)
    }
    const pending = isAnchorPending(thread.anchor, replica.body)
    const missing = [made.chars[0]!, made.chars.at(-1)!].some((id) => !received(replica.body, id))
    if (pending !== missing) {
      fail(`thread ${thread.createdAt} pending ${pending}, its characters missing ${missing}`)
    }
    if (pending) run.stats.pending++
    if (thread.quote !== made.quote) fail(`thread ${thread.createdAt} quote ${thread.quote}`)
    checkFields(thread, fail)
  }
}

/** Fields written together must be read together, whichever replica's write won. */
function checkFields(thread: Thread, fail: (message: string) => void): void {
  const resolved = [
    thread.state === 'resolved',
    thread.resolvedBy !== null,
    thread.resolvedAt !== null,
  ]
  if (new Set(resolved).size !== 1) fail(`thread ${thread.createdAt} half resolved: ${resolved}`)
  const comments = [
    { ...thread, original: `comment ${thread.createdAt}` },
    ...thread.replies.map((reply) => ({ ...reply, original: `reply ${reply.createdAt}` })),
  ]
  for (const { text, editedAt, original } of comments) {
    const expected = editedAt === null ? original : `edited at ${editedAt}`
    if (text !== expected) fail(`comment ${original} reads ${text}, edited at ${editedAt}`)
  }
}

type Action = (run: Run, replica: Replica) => Replica[] | null

const word = (run: Run): string => prng.word(run.gen, 1, 7)

/** Types a word into a random block, at a random offset. */
const typeText: Action = (run, replica) => {
  const blocks = blocksOf(replica.body)
  if (blocks.length === 0) return addBlock(run, replica)
  const { index, text } = prng.oneOf(run.gen, blocks)
  const at = prng.int32(run.gen, 0, text.length)
  const typed = prng.bool(run.gen) ? ` ${word(run)}` : `${word(run)} `
  text.insert(at, typed)
  run.log.push(`${replica.name} types ${asJSON(typed)} at ${index}:${at}`)
  return [replica]
}

/** Deletes a range in one block, or from one block into a later one, joining the two. */
const deleteText: Action = (run, replica) => {
  const blocks = blocksOf(replica.body)
  if (blocks.length === 0) return null
  const i = prng.int32(run.gen, 0, blocks.length - 1)
  const across = prng.int32(run.gen, 0, 3) === 0
  const j = Math.min(blocks.length - 1, across ? i + prng.int32(run.gen, 1, 2) : i)
  const from = blocks[i]!
  const to = blocks[j]!
  const a = prng.int32(run.gen, 0, from.text.length)
  if (i === j) {
    if (a === from.text.length) return null
    const n = prng.int32(run.gen, 1, Math.min(20, from.text.length - a))
    from.text.delete(a, n)
    run.log.push(`${replica.name} deletes ${n} at ${from.index}:${a}`)
    return [replica]
  }
  const b = prng.int32(run.gen, 0, to.text.length)
  const rest = plainText(to.text).slice(b)
  replica.body.transact(() => {
    from.text.delete(a, from.text.length - a)
    paperBody(replica.body).delete(from.index + 1, to.index - from.index)
    if (rest !== '') from.text.insert(from.text.length, rest)
  })
  run.log.push(`${replica.name} deletes from ${from.index}:${a} to ${to.index}:${b}, joining`)
  return [replica]
}

/** Splits a block in two, as Enter does: the rest moves to a new block, new characters. */
const splitBlock: Action = (run, replica) => {
  const blocks = blocksOf(replica.body)
  if (blocks.length === 0) return null
  const { index, text } = prng.oneOf(run.gen, blocks)
  const at = prng.int32(run.gen, 0, text.length)
  const rest = plainText(text).slice(at)
  replica.body.transact(() => {
    text.delete(at, text.length - at)
    paperBody(replica.body).insert(index + 1, [block(rest)])
  })
  run.log.push(`${replica.name} splits ${index} at ${at}`)
  return [replica]
}

const addBlock: Action = (run, replica) => {
  const body = paperBody(replica.body)
  const index = prng.int32(run.gen, 0, body.length)
  const kind = prng.int32(run.gen, 0, 4) === 0 ? 'heading' : 'paragraph'
  body.insert(index, [block(`${word(run)} ${word(run)}.`, kind)])
  run.log.push(`${replica.name} adds a ${kind} at ${index}`)
  return [replica]
}

const deleteBlock: Action = (run, replica) => {
  const body = paperBody(replica.body)
  if (body.length === 0) return null
  const index = prng.int32(run.gen, 0, body.length - 1)
  body.delete(index, 1)
  run.log.push(`${replica.name} deletes block ${index}`)
  return [replica]
}

/** Comments on a random range of this replica's body, possibly over several blocks. */
const comment: Action = (run, replica) => {
  const live = charsOf(replica.body).filter(({ char }) => char !== null)
  if (live.length === 0) return null
  const s = prng.int32(run.gen, 0, live.length - 1)
  const e = prng.int32(run.gen, s + 1, Math.min(live.length, s + 30))
  const blocks = blocksOf(replica.body)
  const startBlock = blocks[live[s]!.block]!
  const endBlock = blocks[live[e - 1]!.block]!
  const anchor = createAnchorBetween(
    { text: startBlock.text, offset: s - startBlock.start },
    { text: endBlock.text, offset: e - endBlock.start },
  )
  const chars = live.slice(s, e)
  const quote = joined(chars)
  const shown = anchoredText(anchor, replica.body)
  if (shown !== quote) run.problems.push(`${replica.name}: new anchor shows ${shown} not ${quote}`)
  const text = `comment ${run.now}`
  const id = accepted(
    addThread(replica.comments, { anchor, quote, author: authorOf(replica), text }, run.now),
  )
  run.made.set(id, { quote, chars: chars.map(({ client, clock }) => ({ client, clock })) })
  run.log.push(`${replica.name} comments on ${asJSON(quote)} (thread ${run.now})`)
  return [replica]
}

function someThread(run: Run, replica: Replica): Thread | null {
  const threads = readThreads(replica.comments).value
  return threads.length === 0 ? null : prng.oneOf(run.gen, threads)
}

const reply: Action = (run, replica) => {
  const thread = someThread(run, replica)
  if (thread === null) return null
  const text = `reply ${run.now}`
  const id = accepted(
    addReply(replica.comments, thread.id, { author: authorOf(replica), text }, run.now),
  )
  run.replies.set(thread.id, [...(run.replies.get(thread.id) ?? []), id])
  run.log.push(`${replica.name} replies to thread ${thread.createdAt}`)
  return [replica]
}

const resolve: Action = (run, replica) => {
  const thread = someThread(run, replica)
  if (thread === null) return null
  accepted(resolveThread(replica.comments, thread.id, authorOf(replica), run.now))
  run.log.push(`${replica.name} resolves thread ${thread.createdAt}`)
  return [replica]
}

const reopen: Action = (run, replica) => {
  const thread = someThread(run, replica)
  if (thread === null) return null
  accepted(reopenThread(replica.comments, thread.id))
  run.log.push(`${replica.name} reopens thread ${thread.createdAt}`)
  return [replica]
}

const edit: Action = (run, replica) => {
  const thread = someThread(run, replica)
  if (thread === null) return null
  const replyId =
    thread.replies.length > 0 && prng.bool(run.gen) ? prng.oneOf(run.gen, thread.replies).id : null
  accepted(
    editComment(
      replica.comments,
      { threadId: thread.id, replyId },
      `edited at ${run.now}`,
      run.now,
    ),
  )
  run.log.push(
    `${replica.name} edits ${replyId === null ? 'thread' : 'a reply of'} ${thread.createdAt}`,
  )
  return [replica]
}

const remove: Action = (run, replica) => {
  const thread = someThread(run, replica)
  if (thread === null) return null
  if (thread.replies.length > 0 && prng.int32(run.gen, 0, 3) > 0) {
    const { id } = prng.oneOf(run.gen, thread.replies)
    accepted(deleteComment(replica.comments, { threadId: thread.id, replyId: id }))
    run.deletedReplies.add(id)
    run.log.push(`${replica.name} deletes a reply of thread ${thread.createdAt}`)
  } else {
    accepted(deleteComment(replica.comments, { threadId: thread.id, replyId: null }))
    run.deletedThreads.add(thread.id)
    run.log.push(`${replica.name} deletes thread ${thread.createdAt}`)
  }
  return [replica]
}

/**
 * Syncs this replica with another, one way or both, and both docs or only one: the paper and
 * the comments sync separately, so comments may arrive before their text, and edits before
 * the comments on them.
 */
const meet: Action = (run, replica) => {
  const other = prng.oneOf(
    run.gen,
    run.all.filter((r) => r !== replica),
  )
  const what = prng.oneOf(run.gen, [
    ['body', 'comments'],
    ['body', 'comments'],
    ['comments'],
    ['body'],
  ] as const)
  const both = prng.bool(run.gen)
  for (const doc of what) {
    send(replica[doc], other[doc])
    if (both) send(other[doc], replica[doc])
  }
  run.log.push(`${replica.name} ${both ? '<->' : '->'} ${other.name}: ${what.join(' and ')}`)
  return both ? [replica, other] : [other]
}

const ACTIONS: [number, Action][] = [
  [16, typeText],
  [8, deleteText],
  [3, splitBlock],
  [4, addBlock],
  [1, deleteBlock],
  [12, comment],
  [6, reply],
  [4, resolve],
  [3, reopen],
  [5, edit],
  [3, remove],
  [24, meet],
]
const TOTAL_WEIGHT = ACTIONS.reduce((sum, [weight]) => sum + weight, 0)

function pick(run: Run): Action {
  let roll = prng.int32(run.gen, 0, TOTAL_WEIGHT - 1)
  for (const [weight, action] of ACTIONS) {
    if (roll < weight) return action
    roll -= weight
  }
  throw new Error('unreachable')
}

/** Plays `steps` random actions on four replicas, then syncs them all and checks them. */
function play(seed: number, steps: number): Run {
  const run: Run = {
    gen: prng.create(seed),
    all: replicas(...NAMES),
    made: new Map(),
    deletedThreads: new Set(),
    replies: new Map(),
    deletedReplies: new Set(),
    now: 1000,
    log: [],
    problems: [],
    stats: { threads: 0, intact: 0, changed: 0, removed: 0, pending: 0 },
  }
  const sentences = Array.from({ length: 5 }, () =>
    Array.from({ length: 8 }, () => word(run)).join(' '),
  )
  writeParagraphs(run.all[0]!.body, sentences)
  syncAll(run.all)
  for (let step = 0; step < steps && run.problems.length === 0; step++) {
    run.now++
    const replica = prng.oneOf(run.gen, run.all)
    for (const touched of pick(run)(run, replica) ?? []) checkReplica(run, touched)
  }
  if (run.problems.length === 0) checkConverged(run)
  return run
}

/** After a full sync every replica lists the same threads, on the same text, as the record says. */
function checkConverged(run: Run): void {
  syncAll(run.all)
  run.log.push('everyone syncs')
  const [first, ...others] = run.all as [Replica, ...Replica[]]
  const threads = readThreads(first.comments).value
  for (const replica of others) {
    if (asJSON(paperBody(replica.body).toJSON()) !== asJSON(paperBody(first.body).toJSON())) {
      run.problems.push(`${replica.name}: the body differs from ${first.name}'s`)
    }
    if (asJSON(readThreads(replica.comments)) !== asJSON(readThreads(first.comments))) {
      run.problems.push(`${replica.name}: the threads differ from ${first.name}'s`)
    }
  }
  for (const replica of run.all) checkReplica(run, replica)

  const alive = [...run.made.keys()].filter((id) => !run.deletedThreads.has(id)).sort()
  const listed = threads.map(({ id }) => id).sort()
  if (asJSON(listed) !== asJSON(alive)) {
    run.problems.push(`threads listed ${listed.length}, made and not deleted ${alive.length}`)
  }
  const chars = charsOf(first.body)
  const where = new Map(chars.map((char, i) => [key(char), i]))
  for (const thread of threads) {
    const kept = (run.replies.get(thread.id) ?? []).filter((id) => !run.deletedReplies.has(id))
    if (asJSON(thread.replies.map(({ id }) => id).sort()) !== asJSON(kept.sort())) {
      run.problems.push(`thread ${thread.createdAt}: replies lost or resurrected`)
    }
    const shown = run.all.map(({ body }) => [
      resolveAnchor(thread.anchor!, body),
      anchoredText(thread.anchor!, body),
    ])
    if (run.all.some(({ body }) => isAnchorPending(thread.anchor!, body))) {
      run.problems.push(`thread ${thread.createdAt} is pending after a full sync`)
    }
    if (new Set(shown.map(asJSON)).size !== 1) {
      run.problems.push(`thread ${thread.createdAt} shows differently: ${asJSON(shown)}`)
    }
    const text = anchoredText(thread.anchor!, first.body)
    const { intact } = expectedOf(run.made.get(thread.id)!, chars, where)
    if (intact && text !== thread.quote) {
      run.problems.push(
        `thread ${thread.createdAt} untouched, yet shows ${text} not ${thread.quote}`,
      )
    }
    if (intact) run.stats.intact++
    else if (text === null) run.stats.removed++
    else run.stats.changed++
  }
  run.stats.threads = run.made.size
}

/** The fewest steps of this seed that still fail, with what they did: a replayable report. */
function shortestFailure(seed: number): string {
  for (let steps = 0; steps <= STEPS; steps++) {
    const run = play(seed, steps)
    if (run.problems.length > 0) {
      return `seed ${seed} fails after ${steps} steps:\n  ${run.log.join('\n  ')}\n${run.problems.join('\n')}`
    }
  }
  return `seed ${seed} fails only with all ${STEPS} steps`
}

describe('comments on four replicas, in random interleavings of edits, comments and syncs', () => {
  const totals: Stats = { threads: 0, intact: 0, changed: 0, removed: 0, pending: 0 }

  it.each(SEEDS)('all replicas show the same threads at the same text (seed %i)', (seed) => {
    const run = play(seed, STEPS)
    const report = run.problems.length === 0 ? '' : shortestFailure(seed)
    expect(run.problems, report).toEqual([])
    expect(run.made.size, `seed ${seed} made too few threads`).toBeGreaterThanOrEqual(5)
    for (const name of Object.keys(totals) as (keyof Stats)[]) totals[name] += run.stats[name]
  })

  it('exercises every outcome: untouched, changed, removed and pending anchors', () => {
    expect(totals.threads).toBeGreaterThanOrEqual(SEEDS.length * 8)
    expect(totals.intact).toBeGreaterThanOrEqual(SEEDS.length * 2)
    expect(totals.changed).toBeGreaterThanOrEqual(SEEDS.length * 2)
    expect(totals.removed).toBeGreaterThanOrEqual(SEEDS.length * 2)
    expect(totals.pending).toBeGreaterThanOrEqual(SEEDS.length)
  })
})
