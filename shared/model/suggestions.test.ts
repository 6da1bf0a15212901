import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createAnchor } from './anchor.ts'
import { threadRights } from '../policy/comments.ts'
import { waitingCommentIds, waitingComments } from './comment-sync.ts'
import {
  addReply,
  addThread,
  decideSuggestion,
  editComment,
  resolveThread,
} from './comment-writes.ts'
import { readThreads, type Author, type Thread } from './comments.ts'
import { paperBody } from './paper.ts'
import type { Written } from './validate.ts'

const reviewer: Author = { memberId: 'm-ingrid', name: 'Ingrid', organisation: 'NTNU' }
const editor: Author = { memberId: 'm-paul', name: 'Paul', organisation: 'ERRIN' }
const coordinator: Author = { memberId: 'm-kari', name: 'Kari', organisation: 'Stavanger' }

function value<T>(written: Written<T>): T {
  if (!written.ok) throw new Error(JSON.stringify(written.problems))
  return written.value
}

function commentsWithSuggestion(): { doc: Y.Doc; id: string } {
  const body = new Y.Doc()
  const text = new Y.XmlText('Cities need stable funding for retrofits.')
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [text])
  paperBody(body).insert(0, [paragraph])
  const doc = new Y.Doc()
  const id = value(
    addThread(doc, {
      anchor: createAnchor(text, 12, 26),
      quote: 'stable funding',
      author: reviewer,
      text: 'Sharper word?',
      suggestion: { text: 'predictable funding' },
    }),
  )
  return { doc, id }
}

const thread = (doc: Y.Doc): Thread => readThreads(doc).value[0]!

describe('deciding a suggestion', () => {
  it('a new suggestion waits for a decision', () => {
    const { doc } = commentsWithSuggestion()
    expect(thread(doc).decision).toBeNull()
    expect(readThreads(doc).problems).toEqual([])
  })

  it('accepting records who, when and the text it replaced, and resolves the thread', () => {
    const { doc, id } = commentsWithSuggestion()
    value(
      decideSuggestion(doc, id, { outcome: 'accepted', by: editor, replaced: 'stable funding' }, 5),
    )
    expect(thread(doc)).toMatchObject({
      state: 'resolved',
      resolvedBy: editor,
      resolvedAt: 5,
      decision: { outcome: 'accepted', by: editor, at: 5, replaced: 'stable funding' },
    })
  })

  it('rejecting resolves the thread too, and a decided suggestion cannot be decided again', () => {
    const { doc, id } = commentsWithSuggestion()
    value(decideSuggestion(doc, id, { outcome: 'rejected', by: coordinator }, 7))
    expect(thread(doc).decision).toMatchObject({ outcome: 'rejected', replaced: null })
    const again = decideSuggestion(doc, id, { outcome: 'accepted', by: editor })
    expect(again.ok).toBe(false)
    expect(thread(doc).decision?.outcome).toBe('rejected')
  })

  it('a thread without a suggestion has nothing to decide', () => {
    const { doc } = commentsWithSuggestion()
    const plain = value(
      addThread(doc, { ...thread(doc), anchor: thread(doc).anchor!, suggestion: null, text: 'Hm' }),
    )
    expect(decideSuggestion(doc, plain, { outcome: 'accepted', by: editor }).ok).toBe(false)
  })
})

describe('who may do what with a thread', () => {
  it('only the author edits or deletes; author, editors and the coordinator resolve', () => {
    const { doc } = commentsWithSuggestion()
    const t = thread(doc)
    const author = threadRights({ memberId: reviewer.memberId, role: 'reviewer' }, t)
    const otherReviewer = threadRights({ memberId: 'm-other', role: 'reviewer' }, t)
    const anEditor = threadRights({ memberId: editor.memberId, role: 'editor' }, t)
    expect(author).toMatchObject({ edit: true, delete: true, resolve: true, decide: false })
    expect(otherReviewer).toMatchObject({ reply: true, edit: false, delete: false, resolve: false })
    expect(anEditor).toMatchObject({ edit: false, delete: false, resolve: true, decide: true })
  })

  it('nobody decides a suggestion on a locked body, or one already decided', () => {
    const { doc, id } = commentsWithSuggestion()
    const viewer = { memberId: coordinator.memberId, role: 'coordinator' } as const
    expect(threadRights(viewer, thread(doc), true).decide).toBe(false)
    value(decideSuggestion(doc, id, { outcome: 'rejected', by: coordinator }))
    expect(threadRights(viewer, thread(doc)).decide).toBe(false)
  })
})

describe('comments waiting for the relay', () => {
  const committedNow = (doc: Y.Doc) => Y.decodeStateVector(Y.encodeStateVector(doc))

  it('counts new threads and replies until the relay has committed them', () => {
    const { doc, id } = commentsWithSuggestion()
    expect(waitingComments(doc, new Map())).toBe(1)
    value(addReply(doc, id, { author: editor, text: 'Agreed' }))
    expect(waitingComments(doc, new Map())).toBe(2)
    expect(waitingComments(doc, committedNow(doc))).toBe(0)
  })

  it('counts a resolution, an edit or a reply on a thread the relay already has, once each', () => {
    const { doc, id } = commentsWithSuggestion()
    const committed = committedNow(doc)
    value(resolveThread(doc, id, editor))
    expect(waitingComments(doc, committed)).toBe(1)
    value(editComment(doc, { threadId: id, replyId: null }, 'Sharper word, please?'))
    expect(waitingComments(doc, committed)).toBe(1)
    value(addReply(doc, id, { author: editor, text: 'Done' }))
    expect(waitingComments(doc, committed)).toBe(2)
  })

  it('counts nothing in a doc without threads', () => {
    expect(waitingComments(new Y.Doc(), new Map())).toBe(0)
  })

  it('names each waiting thread and reply, so each card can say it is not sent yet', () => {
    const { doc, id } = commentsWithSuggestion()
    const committed = committedNow(doc)
    const reply = value(addReply(doc, id, { author: editor, text: 'Done' }))
    expect([...waitingCommentIds(doc, committed)]).toEqual([`${id}/${reply}`])
    expect([...waitingCommentIds(doc, new Map())].sort()).toEqual([id, `${id}/${reply}`].sort())
    expect(waitingCommentIds(doc, committedNow(doc)).size).toBe(0)
  })
})
