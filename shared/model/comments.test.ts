import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { anchoredText, createAnchor, resolveAnchor, type Anchor } from './anchor.ts'
import {
  addReply,
  addThread,
  deleteComment,
  editComment,
  reopenThread,
  resolveThread,
  type NewThread,
} from './comment-writes.ts'
import { observeThreads, readThreads, type Author } from './comments.ts'
import { paperBody } from './paper.ts'
import type { Written } from './validate.ts'

const reviewer: Author = { memberId: 'm-ingrid', name: 'Ingrid', organisation: 'NTNU' }
const editor: Author = { memberId: 'm-paul', name: 'Paul', organisation: 'ERRIN' }
const SENTENCE = 'Cities need stable funding for retrofits.'

function paperWithText(): { body: Y.Doc; text: Y.XmlText; anchor: Anchor } {
  const body = new Y.Doc()
  const text = new Y.XmlText(SENTENCE)
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [text])
  paperBody(body).insert(0, [paragraph])
  return { body, text, anchor: createAnchor(text, 12, 26) }
}

function newThread(anchor: Anchor): NewThread {
  return { anchor, quote: 'stable funding', author: reviewer, text: 'Which fund do we mean?' }
}

function value<T>(written: Written<T>): T {
  if (!written.ok) throw new Error(JSON.stringify(written.problems))
  return written.value
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

describe('comment threads', () => {
  it('a new thread reads back open, with its anchor, quote, author and no replies', () => {
    const { anchor } = paperWithText()
    const comments = new Y.Doc()
    const id = value(addThread(comments, newThread(anchor), 1000))
    expect(readThreads(comments)).toEqual({
      value: [
        {
          id,
          anchor,
          quote: 'stable funding',
          author: reviewer,
          text: 'Which fund do we mean?',
          createdAt: 1000,
          editedAt: null,
          state: 'open',
          resolvedBy: null,
          resolvedAt: null,
          replies: [],
          suggestion: null,
          decision: null,
          tracked: null,
        },
      ],
      problems: [],
    })
  })

  it('commenting writes only to the comments doc, never to the body', () => {
    const { body, anchor } = paperWithText()
    const before = Y.encodeStateAsUpdate(body)
    addThread(new Y.Doc(), newThread(anchor))
    expect(Y.encodeStateAsUpdate(body)).toEqual(before)
  })

  it('a stored anchor travels to another replica and resolves there', () => {
    const { body, anchor } = paperWithText()
    const a = new Y.Doc()
    const b = new Y.Doc()
    addThread(a, newThread(anchor))
    sync(a, b)
    const travelled = readThreads(b).value[0]?.anchor
    expect(travelled).toBeInstanceOf(Object)
    expect(anchoredText(travelled!, body)).toBe('stable funding')
  })

  it('a thread whose text was deleted keeps its quote while its anchor resolves as removed', () => {
    const { body, text, anchor } = paperWithText()
    const comments = new Y.Doc()
    addThread(comments, newThread(anchor))
    text.delete(12, 14)
    const [thread] = readThreads(comments).value
    expect(thread?.quote).toBe('stable funding')
    expect(resolveAnchor(thread!.anchor!, body)).toBeNull()
  })

  it('replies are kept in order, and concurrent replies from two replicas are both kept', () => {
    const { anchor } = paperWithText()
    const a = new Y.Doc()
    const b = new Y.Doc()
    const id = value(addThread(a, newThread(anchor)))
    value(addReply(a, id, { author: editor, text: 'The Social Climate Fund.' }, 2000))
    sync(a, b)
    value(addReply(a, id, { author: editor, text: 'Or InvestEU.' }, 3000))
    value(addReply(b, id, { author: reviewer, text: 'Say so in the text.' }, 3000))
    sync(a, b)
    const texts = (doc: Y.Doc): string[] =>
      readThreads(doc).value[0]?.replies.map((reply) => reply.text) ?? []
    expect(texts(a)).toHaveLength(3)
    expect(texts(a)[0]).toBe('The Social Climate Fund.')
    expect(texts(b)).toEqual(texts(a))
  })

  it('resolving records who and when; reopening clears both', () => {
    const { anchor } = paperWithText()
    const doc = new Y.Doc()
    const id = value(addThread(doc, newThread(anchor)))
    value(resolveThread(doc, id, editor, 5000))
    expect(readThreads(doc).value[0]).toMatchObject({
      state: 'resolved',
      resolvedBy: editor,
      resolvedAt: 5000,
    })
    value(reopenThread(doc, id))
    expect(readThreads(doc).value[0]).toMatchObject({
      state: 'open',
      resolvedBy: null,
      resolvedAt: null,
    })
  })

  it('editing a comment or a reply changes its text and stamps the edit time', () => {
    const { anchor } = paperWithText()
    const doc = new Y.Doc()
    const threadId = value(addThread(doc, newThread(anchor), 1000))
    const replyId = value(addReply(doc, threadId, { author: editor, text: 'Tpyo' }, 2000))
    value(editComment(doc, { threadId, replyId: null }, 'Which EU fund do we mean?', 3000))
    value(editComment(doc, { threadId, replyId }, 'Typo', 4000))
    const [thread] = readThreads(doc).value
    expect(thread).toMatchObject({ text: 'Which EU fund do we mean?', editedAt: 3000 })
    expect(thread?.replies[0]).toMatchObject({ text: 'Typo', createdAt: 2000, editedAt: 4000 })
  })

  it('deleting a reply removes only it; deleting the first comment removes the thread', () => {
    const { anchor } = paperWithText()
    const doc = new Y.Doc()
    const threadId = value(addThread(doc, newThread(anchor)))
    const first = value(addReply(doc, threadId, { author: editor, text: 'One' }))
    value(addReply(doc, threadId, { author: editor, text: 'Two' }))
    value(deleteComment(doc, { threadId, replyId: first }))
    expect(readThreads(doc).value[0]?.replies.map((r) => r.text)).toEqual(['Two'])
    value(deleteComment(doc, { threadId, replyId: null }))
    expect(readThreads(doc).value).toEqual([])
  })

  it('a suggestion is kept with the thread, and a thread may be only a suggestion', () => {
    const { anchor } = paperWithText()
    const doc = new Y.Doc()
    value(
      addThread(doc, {
        ...newThread(anchor),
        text: '',
        suggestion: { text: 'predictable funding' },
      }),
    )
    expect(readThreads(doc).value[0]?.suggestion).toEqual({ text: 'predictable funding' })
  })

  it('threads are listed oldest first on every replica', () => {
    const { anchor } = paperWithText()
    const doc = new Y.Doc()
    value(addThread(doc, { ...newThread(anchor), text: 'Later' }, 2000))
    value(addThread(doc, { ...newThread(anchor), text: 'Earlier' }, 1000))
    expect(readThreads(doc).value.map((t) => t.text)).toEqual(['Earlier', 'Later'])
  })
})

describe('refused comment writes', () => {
  it('replying to, resolving or editing a thread deleted meanwhile is refused with a reason', () => {
    const doc = new Y.Doc()
    const problem = { path: 'threads.gone', message: 'no such thread; it may have been deleted' }
    expect(addReply(doc, 'gone', { author: editor, text: 'Hello' })).toEqual({
      ok: false,
      problems: [problem],
    })
    expect(resolveThread(doc, 'gone', editor)).toEqual({ ok: false, problems: [problem] })
    expect(reopenThread(doc, 'gone')).toEqual({ ok: false, problems: [problem] })
    expect(deleteComment(doc, { threadId: 'gone', replyId: null })).toEqual({
      ok: false,
      problems: [problem],
    })
  })

  it('editing a reply that is gone is refused', () => {
    const { anchor } = paperWithText()
    const doc = new Y.Doc()
    const threadId = value(addThread(doc, newThread(anchor)))
    expect(editComment(doc, { threadId, replyId: 'nope' }, 'x').ok).toBe(false)
  })

  it('a blank comment, a bad anchor or an incomplete author is refused and nothing is written', () => {
    const { anchor } = paperWithText()
    const doc = new Y.Doc()
    const blank = addThread(doc, { ...newThread(anchor), text: '  ' })
    expect(blank).toEqual({
      ok: false,
      problems: [{ path: 'threads.text', message: 'expected some text; got only blanks' }],
    })
    const badAnchor = { start: new Uint8Array([7]), end: anchor.end }
    expect(addThread(doc, { ...newThread(anchor), anchor: badAnchor }).ok).toBe(false)
    const author = { memberId: 'm-x', name: 'X' } as Author
    expect(addThread(doc, { ...newThread(anchor), author })).toEqual({
      ok: false,
      problems: [
        { path: 'threads.author.organisation', message: 'expected a string; got nothing' },
      ],
    })
    expect(doc.getMap('threads').size).toBe(0)
  })
})

describe('reading a comments doc with garbage in it', () => {
  it('keeps a thread with an undecodable anchor, its quote intact and the anchor null', () => {
    const { anchor } = paperWithText()
    const doc = new Y.Doc()
    const id = value(addThread(doc, newThread(anchor)))
    const thread = doc.getMap('threads').get(id) as Y.Map<unknown>
    thread.set('anchor', { start: new Uint8Array([0, 1]), end: anchor.end })
    const { value: threads, problems } = readThreads(doc)
    expect(threads[0]).toMatchObject({ id, anchor: null, quote: 'stable funding' })
    expect(problems).toEqual([
      { path: `threads.${id}.anchor`, message: 'the anchor cannot be decoded' },
    ])
  })

  it('reads every field of a thread full of wrong types as a default with a problem each', () => {
    const doc = new Y.Doc()
    const threads = doc.getMap('threads')
    threads.set('not-a-map', 42)
    const broken = new Y.Map<unknown>()
    threads.set('broken', broken)
    broken.set('anchor', 'here')
    broken.set('quote', new Y.Text('shared'))
    broken.set('author', 'Ingrid')
    broken.set('text', ['list'])
    broken.set('createdAt', '2025-01-01')
    broken.set('editedAt', false)
    broken.set('state', 'closed')
    broken.set('resolvedBy', { memberId: 'm', name: 3, organisation: 'NTNU' })
    broken.set('resolvedAt', Number.POSITIVE_INFINITY)
    const replies = new Y.Array<unknown>()
    broken.set('replies', replies)
    const reply = new Y.Map<unknown>()
    replies.push(['a string reply', reply])
    reply.set('id', 'r1')
    broken.set('suggestion', 'use other words')
    broken.set('decision', { outcome: 'maybe', by: null, at: 1, replaced: null })
    const { value: read, problems } = readThreads(doc)
    expect(read).toEqual([
      {
        id: 'broken',
        anchor: null,
        quote: '',
        author: { memberId: '', name: '', organisation: '' },
        text: '',
        createdAt: 0,
        editedAt: null,
        state: 'open',
        resolvedBy: null,
        resolvedAt: null,
        replies: [
          {
            id: 'r1',
            author: { memberId: '', name: '', organisation: '' },
            text: '',
            createdAt: 0,
            editedAt: null,
          },
        ],
        suggestion: null,
        decision: null,
        tracked: null,
      },
    ])
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'threads.not-a-map: expected a Y.Map; got number; skipped',
      'threads.broken.anchor: expected an anchor {start, end}; got "here"',
      'threads.broken.quote: expected a string; got Y.Text',
      'threads.broken.author: expected an object; got "Ingrid"',
      'threads.broken.text: expected a string; got array',
      'threads.broken.createdAt: expected a time in epoch milliseconds; got "2025-01-01"',
      'threads.broken.editedAt: expected a time in epoch milliseconds; got boolean',
      'threads.broken.state: expected one of open, resolved; got "closed"',
      'threads.broken.resolvedBy.name: expected a string; got number',
      'threads.broken.resolvedAt: expected a time in epoch milliseconds; got Infinity',
      'threads.broken.replies[0]: expected a Y.Map; got "a string reply"; skipped',
      'threads.broken.replies[1].author: expected an object; got nothing',
      'threads.broken.replies[1].text: expected a string; got nothing',
      'threads.broken.replies[1].createdAt: expected a time in epoch milliseconds; got nothing',
      'threads.broken.replies[1].editedAt: expected a time in epoch milliseconds; got nothing',
      'threads.broken.suggestion: expected an object; got "use other words"',
      'threads.broken.decision.outcome: expected one of accepted, rejected; got "maybe"',
      'threads.broken.decision.by: expected an object; got null',
    ])
  })

  it('a missing suggestion is no problem: it is optional', () => {
    const { anchor } = paperWithText()
    const doc = new Y.Doc()
    const id = value(addThread(doc, newThread(anchor)))
    ;(doc.getMap('threads').get(id) as Y.Map<unknown>).delete('suggestion')
    expect(readThreads(doc).problems).toEqual([])
  })
})

describe('observing threads', () => {
  it('tells the listener after a reply is added deep inside a thread', () => {
    const { anchor } = paperWithText()
    const doc = new Y.Doc()
    const id = value(addThread(doc, newThread(anchor)))
    const seen: number[] = []
    const stop = observeThreads(doc, ({ value: threads }) =>
      seen.push(threads[0]?.replies.length ?? -1),
    )
    value(addReply(doc, id, { author: editor, text: 'Agreed.' }))
    stop()
    value(addReply(doc, id, { author: editor, text: 'Unheard.' }))
    expect(seen).toEqual([1])
  })
})
