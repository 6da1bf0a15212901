import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { anchoredText, createAnchor, isAnchorPending, resolveAnchor } from './anchor.ts'
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
  blockText,
  replicas,
  send,
  sync,
  syncAll,
  writeParagraphs,
  type Replica,
} from './test-support/replicas.ts'

const OPENING = 'An opening paragraph.'
const SENTENCE = 'Cities need stable funding for retrofits.'
const QUOTE = 'stable funding'
const AT = SENTENCE.indexOf(QUOTE)
/** Where the quote starts, counted from the start of the body. */
const OFFSET = OPENING.length + AT

/** Replicas that all hold the same three-paragraph body and an empty comments doc. */
function paperOn(...names: string[]): Replica[] {
  const all = replicas(...names)
  writeParagraphs(all[0]!.body, [OPENING, SENTENCE, 'A closing paragraph.'])
  syncAll(all)
  return all
}

/** Comments on the quote in the second paragraph, as this replica's body has it now. */
function commentOnQuote(replica: Replica, at = AT): string {
  const anchor = createAnchor(blockText(replica.body, 1), at, at + QUOTE.length)
  expect(anchoredText(anchor, replica.body)).toBe(QUOTE)
  return accepted(
    addThread(
      replica.comments,
      { anchor, quote: QUOTE, author: authorOf(replica), text: 'Which fund do we mean?' },
      1000,
    ),
  )
}

/** What a member sees of one thread: the thread and where it sits in their body. */
function seen(replica: Replica, threadId: string) {
  const thread = readThreads(replica.comments).value.find(({ id }) => id === threadId)
  if (thread === undefined || thread.anchor === null) return thread
  return {
    ...thread,
    resolved: resolveAnchor(thread.anchor, replica.body),
    anchored: anchoredText(thread.anchor, replica.body),
    pending: isAnchorPending(thread.anchor, replica.body),
  }
}

function onlyThread(replica: Replica): Thread {
  const threads = readThreads(replica.comments).value
  expect(threads).toHaveLength(1)
  return threads[0]!
}

type Edit = (body: Y.Doc) => void

const deletions: { name: string; edit: Edit; left: string | null }[] = [
  {
    name: 'deletes exactly the passage',
    edit: (body) => blockText(body, 1).delete(AT, QUOTE.length),
    left: null,
  },
  {
    name: 'deletes the passage with the words around it',
    edit: (body) => blockText(body, 1).delete(AT - 'need '.length, QUOTE.length + 10),
    left: null,
  },
  {
    name: 'deletes the first word of the passage',
    edit: (body) => blockText(body, 1).delete(AT, 'stable '.length),
    left: 'funding',
  },
  {
    name: 'deletes the middle of the passage',
    edit: (body) => blockText(body, 1).delete(AT + 'sta'.length, 'ble fun'.length),
    left: 'stading',
  },
  {
    name: 'deletes the last word and what follows it',
    edit: (body) =>
      blockText(body, 1).delete(AT + 'stable'.length, SENTENCE.length - AT - 'stable'.length),
    left: 'stable',
  },
  {
    name: 'deletes the whole paragraph',
    edit: (body) => paperBody(body).delete(1, 1),
    left: null,
  },
  {
    name: 'deletes the whole body',
    edit: (body) => paperBody(body).delete(0, paperBody(body).length),
    left: null,
  },
  {
    name: 'rewrites the sentence around the passage',
    edit: (body) => {
      const text = blockText(body, 1)
      body.transact(() => {
        text.delete(AT + QUOTE.length, SENTENCE.length - AT - QUOTE.length)
        text.insert(AT + QUOTE.length, ' for every town, not only cities.')
        text.delete(0, AT)
        text.insert(0, 'Regions want ')
      })
    },
    left: QUOTE,
  },
]

/** Ways the two replicas can meet again; the commenter is `a`, the editor `b`. */
const meetings: { name: string; meet: (a: Replica, b: Replica) => void }[] = [
  {
    name: 'the comment reaches the editor first',
    meet: (a, b) => {
      send(a.comments, b.comments)
      send(a.body, b.body)
      send(b.body, a.body)
      send(b.comments, a.comments)
    },
  },
  {
    name: 'the edit reaches the commenter first',
    meet: (a, b) => {
      send(b.body, a.body)
      send(b.comments, a.comments)
      send(a.comments, b.comments)
      send(a.body, b.body)
    },
  },
  {
    name: 'the comments sync before the bodies do',
    meet: (a, b) => {
      sync(a.comments, b.comments)
      sync(a.body, b.body)
    },
  },
]

describe('a comment made while another replica deletes around it', () => {
  describe.each(meetings)('when $name', ({ meet }) => {
    it.each(deletions)('the editor $name: both show the thread alike', ({ edit, left }) => {
      const [commenter, editor] = paperOn('Ingrid', 'Paul') as [Replica, Replica]
      const id = commentOnQuote(commenter)
      edit(editor.body)
      meet(commenter, editor)

      const there = seen(commenter, id)
      expect(there).toMatchObject({ quote: QUOTE, anchored: left, pending: false })
      expect(seen(editor, id)).toEqual(there)
      expect(paperBody(editor.body).toJSON()).toBe(paperBody(commenter.body).toJSON())
      if (left === null) expect(there).toMatchObject({ resolved: null })
      else expect(there).toMatchObject({ resolved: { end: expect.any(Number) as number } })
    })
  })

  it('text typed inside the passage while it is deleted elsewhere keeps the comment', () => {
    const [commenter, editor, typist] = paperOn('Ingrid', 'Paul', 'Sara') as [
      Replica,
      Replica,
      Replica,
    ]
    const id = commentOnQuote(commenter)
    blockText(editor.body, 1).delete(AT, QUOTE.length)
    blockText(typist.body, 1).insert(AT + 'stable '.length, 'public ')
    syncAll([typist, editor, commenter])

    for (const replica of [commenter, editor, typist]) {
      expect(seen(replica, id)).toMatchObject({
        anchored: 'public ',
        resolved: { start: OFFSET, end: OFFSET + 'public '.length },
      })
    }
  })
})

const editsElsewhere: { name: string; edit: Edit; anchored: string; shift: number }[] = [
  {
    name: 'typed earlier in its paragraph',
    edit: (body) => blockText(body, 1).insert(0, 'Most '),
    anchored: QUOTE,
    shift: 'Most '.length,
  },
  {
    name: 'typed right before it',
    edit: (body) => blockText(body, 1).insert(AT, 'long-term '),
    anchored: QUOTE,
    shift: 'long-term '.length,
  },
  {
    name: 'added a paragraph before it',
    edit: (body) => paperBody(body).insert(0, [block('Summary.')]),
    anchored: QUOTE,
    shift: 'Summary.'.length,
  },
  {
    name: 'deleted the paragraph before it',
    edit: (body) => paperBody(body).delete(0, 1),
    anchored: QUOTE,
    shift: -OPENING.length,
  },
  {
    name: 'deleted words before it',
    edit: (body) => blockText(body, 1).delete(0, 'Cities '.length),
    anchored: QUOTE,
    shift: -'Cities '.length,
  },
  {
    name: 'typed inside it',
    edit: (body) => blockText(body, 1).insert(AT + 'stable '.length, 'public '),
    anchored: 'stable public funding',
    shift: 0,
  },
  {
    name: 'typed right after it',
    edit: (body) => blockText(body, 1).insert(AT + QUOTE.length, ' and skills'),
    anchored: QUOTE,
    shift: 0,
  },
  {
    name: 'deleted everything after it',
    edit: (body) => {
      body.transact(() => {
        blockText(body, 1).delete(AT + QUOTE.length, SENTENCE.length - AT - QUOTE.length)
        paperBody(body).delete(2, 1)
      })
    },
    anchored: QUOTE,
    shift: 0,
  },
]

describe('a comment made offline on a body others have edited meanwhile', () => {
  it.each(editsElsewhere)('lands on its text when someone $name', ({ edit, anchored, shift }) => {
    const [online, offline] = paperOn('Paul', 'Ingrid') as [Replica, Replica]
    edit(online.body)
    const id = commentOnQuote(offline)
    sync(online.comments, offline.comments)
    sync(online.body, offline.body)

    const resolved = { start: OFFSET + shift, end: OFFSET + shift + anchored.length }
    expect(seen(online, id)).toMatchObject({ quote: QUOTE, anchored, resolved })
    expect(seen(offline, id)).toEqual(seen(online, id))
  })
})

describe('concurrent actions on one thread', () => {
  it('a resolve on one replica and a reply on another are both kept', () => {
    const [ingrid, paul] = paperOn('Ingrid', 'Paul') as [Replica, Replica]
    const id = commentOnQuote(ingrid)
    sync(ingrid.comments, paul.comments)
    accepted(resolveThread(ingrid.comments, id, authorOf(ingrid), 2000))
    accepted(addReply(paul.comments, id, { author: authorOf(paul), text: 'InvestEU.' }, 2001))
    sync(paul.comments, ingrid.comments)

    for (const replica of [ingrid, paul]) {
      expect(onlyThread(replica)).toMatchObject({
        state: 'resolved',
        resolvedBy: authorOf(ingrid),
        resolvedAt: 2000,
        replies: [{ text: 'InvestEU.', author: authorOf(paul) }],
      })
    }
  })

  it('an edit of the comment on one replica and a resolve on another are both kept', () => {
    const [ingrid, paul] = paperOn('Ingrid', 'Paul') as [Replica, Replica]
    const id = commentOnQuote(ingrid)
    sync(ingrid.comments, paul.comments)
    accepted(editComment(ingrid.comments, { threadId: id, replyId: null }, 'Which EU fund?', 2000))
    accepted(resolveThread(paul.comments, id, authorOf(paul), 2001))
    sync(paul.comments, ingrid.comments)

    for (const replica of [ingrid, paul]) {
      expect(onlyThread(replica)).toMatchObject({
        text: 'Which EU fund?',
        editedAt: 2000,
        state: 'resolved',
        resolvedBy: authorOf(paul),
      })
    }
  })

  it('a reply to a thread deleted meanwhile on another replica is dropped everywhere', () => {
    const [ingrid, paul] = paperOn('Ingrid', 'Paul') as [Replica, Replica]
    const id = commentOnQuote(ingrid)
    sync(ingrid.comments, paul.comments)
    accepted(deleteComment(ingrid.comments, { threadId: id, replyId: null }))
    accepted(addReply(paul.comments, id, { author: authorOf(paul), text: 'Agreed.' }, 2000))
    sync(paul.comments, ingrid.comments)

    expect(readThreads(ingrid.comments).value).toEqual([])
    expect(readThreads(paul.comments).value).toEqual([])
  })
})

/** Brings three replicas together in a roundabout order: c hears a, then b, then all meet. */
function gossip(a: Y.Doc, b: Y.Doc, c: Y.Doc): void {
  send(a, c)
  send(b, c)
  send(c, a)
  sync(a, b)
}

describe('concurrent edits of one comment', () => {
  it.each([
    { which: 'the first comment', reply: false },
    { which: 'a reply', reply: true },
  ])('of $which converge to one of the two texts, with its edit time', ({ reply }) => {
    const [ingrid, paul, sara] = paperOn('Ingrid', 'Paul', 'Sara') as [Replica, Replica, Replica]
    const threadId = commentOnQuote(ingrid)
    const replyId = reply
      ? accepted(addReply(ingrid.comments, threadId, { author: authorOf(ingrid), text: 'Tpyo' }))
      : null
    syncAll([ingrid, paul, sara])
    const ref = { threadId, replyId }
    accepted(editComment(ingrid.comments, ref, 'Ingrid’s words', 2000))
    accepted(editComment(paul.comments, ref, 'Paul’s words', 3000))
    gossip(ingrid.comments, paul.comments, sara.comments)

    const comment = (replica: Replica) => {
      const thread = onlyThread(replica)
      return reply ? thread.replies[0] : thread
    }
    const result = comment(ingrid)
    expect([
      { text: 'Ingrid’s words', editedAt: 2000 },
      { text: 'Paul’s words', editedAt: 3000 },
    ]).toContainEqual({ text: result?.text, editedAt: result?.editedAt })
    expect(comment(paul)).toEqual(result)
    expect(comment(sara)).toEqual(result)
  })

  it('a concurrent resolve and reopen converge to one state, with matching who and when', () => {
    const [ingrid, paul, sara] = paperOn('Ingrid', 'Paul', 'Sara') as [Replica, Replica, Replica]
    const id = commentOnQuote(ingrid)
    accepted(resolveThread(ingrid.comments, id, authorOf(ingrid), 1500))
    syncAll([ingrid, paul, sara])
    accepted(reopenThread(ingrid.comments, id))
    accepted(resolveThread(paul.comments, id, authorOf(paul), 3000))
    gossip(ingrid.comments, paul.comments, sara.comments)

    const { state, resolvedBy, resolvedAt } = onlyThread(ingrid)
    expect([
      { state: 'open', resolvedBy: null, resolvedAt: null },
      { state: 'resolved', resolvedBy: authorOf(paul), resolvedAt: 3000 },
    ]).toContainEqual({ state, resolvedBy, resolvedAt })
    expect(onlyThread(paul)).toEqual(onlyThread(ingrid))
    expect(onlyThread(sara)).toEqual(onlyThread(ingrid))
  })
})

describe('a comment that arrives before the text it is on', () => {
  /** Paul has the body as it was; Ingrid writes a new paragraph and comments on it. */
  function commentOnNewText(): { ingrid: Replica; paul: Replica; id: string } {
    const [ingrid, paul] = paperOn('Ingrid', 'Paul') as [Replica, Replica]
    paperBody(ingrid.body).insert(3, [block('Heat pumps need installers.')])
    const anchor = createAnchor(blockText(ingrid.body, 3), 0, 'Heat pumps'.length)
    const id = accepted(
      addThread(ingrid.comments, {
        anchor,
        quote: 'Heat pumps',
        author: authorOf(ingrid),
        text: 'Which kinds?',
      }),
    )
    return { ingrid, paul, id }
  }

  it('is listed with its quote and pending, then resolves once the body arrives', () => {
    const { ingrid, paul, id } = commentOnNewText()
    send(ingrid.comments, paul.comments)
    expect(seen(paul, id)).toMatchObject({
      quote: 'Heat pumps',
      resolved: null,
      anchored: null,
      pending: true,
    })
    send(ingrid.body, paul.body)
    expect(seen(paul, id)).toMatchObject({
      resolved: { start: expect.any(Number) as number },
      anchored: 'Heat pumps',
      pending: false,
    })
    expect(seen(paul, id)).toEqual(seen(ingrid, id))
  })

  it('is pending when only its end lies in text not yet received', () => {
    const [ingrid, paul] = paperOn('Ingrid', 'Paul') as [Replica, Replica]
    const text = blockText(ingrid.body, 1)
    text.insert(SENTENCE.length, ' Soon.')
    const from = SENTENCE.indexOf('retrofits')
    const anchor = createAnchor(text, from, SENTENCE.length + ' Soon'.length)
    const quote = anchoredText(anchor, ingrid.body)!
    expect(quote).toBe('retrofits. Soon')
    const id = accepted(
      addThread(ingrid.comments, { anchor, quote, author: authorOf(ingrid), text: 'When?' }),
    )
    send(ingrid.comments, paul.comments)
    expect(seen(paul, id)).toMatchObject({ resolved: null, anchored: null, pending: true })
    send(ingrid.body, paul.body)
    expect(seen(paul, id)).toMatchObject({ anchored: quote, pending: false })
  })

  it('reads as removed, no longer pending, when its text was deleted before the body arrived', () => {
    const { ingrid, paul, id } = commentOnNewText()
    paperBody(ingrid.body).delete(3, 1)
    send(ingrid.comments, paul.comments)
    expect(seen(paul, id)).toMatchObject({ pending: true })
    send(ingrid.body, paul.body)
    expect(seen(paul, id)).toMatchObject({ quote: 'Heat pumps', resolved: null, pending: false })
  })

  it('is pending on a replica that got the body from a third one lagging behind', () => {
    const [ingrid, paul, sara] = paperOn('Ingrid', 'Paul', 'Sara') as [Replica, Replica, Replica]
    send(ingrid.body, sara.body)
    const text = blockText(ingrid.body, 2)
    text.insert(0, 'Finally, ')
    const anchor = createAnchor(text, 0, 'Finally'.length)
    const id = accepted(
      addThread(ingrid.comments, {
        anchor,
        quote: 'Finally',
        author: authorOf(ingrid),
        text: 'Drop this?',
      }),
    )
    send(ingrid.comments, sara.comments)
    send(sara.comments, paul.comments)
    send(sara.body, paul.body)
    expect(seen(paul, id)).toMatchObject({ pending: true, anchored: null })
    send(ingrid.body, sara.body)
    send(sara.body, paul.body)
    expect(seen(paul, id)).toMatchObject({ pending: false, anchored: 'Finally' })
  })
})
