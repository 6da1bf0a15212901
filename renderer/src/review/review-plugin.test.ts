import type { Node as PmNode } from '@tiptap/pm/model'
import { EditorState } from '@tiptap/pm/state'
import {
  prosemirrorJSONToYXmlFragment,
  yXmlFragmentToProseMirrorRootNode,
  ySyncPluginKey,
} from '@tiptap/y-tiptap'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  bodySchema,
  decodeAnchor,
  paperBody,
  type DecodedAnchor,
} from '../../../shared/model/index.ts'
import { anchorForRange, textRuns } from './anchor-map.ts'
import {
  computeReview,
  nextReview,
  reviewKey,
  setReview,
  threadAt,
  threadSpans,
  type ReviewState,
  type ThreadMark,
} from './review-plugin.ts'

const TEXT = 'Byene trenger stabil finansiering av energitiltak.'

function setup() {
  const ydoc = new Y.Doc()
  const fragment = paperBody(ydoc)
  prosemirrorJSONToYXmlFragment(
    bodySchema(),
    { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: TEXT }] }] },
    fragment,
  )
  const state = EditorState.create({
    doc: yXmlFragmentToProseMirrorRootNode(fragment, bodySchema()),
  })
  const anchorOf = (word: string): DecodedAnchor => {
    const from = 1 + TEXT.indexOf(word)
    const anchor = anchorForRange(textRuns(fragment, state.doc)!, from, from + word.length)!
    return decodeAnchor(anchor)!
  }
  const resolve = (s: EditorState, marks: readonly ThreadMark[], active: string | null) =>
    computeReview(s, marks, active, ydoc, fragment)
  const spansOf = (doc: PmNode, marks: readonly ThreadMark[]) =>
    threadSpans(doc, marks, ydoc, fragment)
  return { ydoc, fragment, state, anchorOf, resolve, spansOf }
}

const textOf = (state: EditorState, span: { from: number; to: number } | undefined) =>
  span === undefined ? null : state.doc.textBetween(span.from, span.to)

describe('the review highlights', () => {
  it('draws open threads and pending suggestions, never resolved ones, not even the active one', () => {
    const { state, anchorOf, resolve } = setup()
    const marks: ThreadMark[] = [
      { id: 'open', anchor: anchorOf('stabil'), open: true, suggestion: null },
      { id: 'suggests', anchor: anchorOf('finansiering'), open: true, suggestion: 'støtte' },
      { id: 'done', anchor: anchorOf('energitiltak'), open: false, suggestion: null },
    ]
    const review = resolve(state, marks, null)!
    const inline = review.decorations.find().filter((d) => d.from !== d.to)
    expect(inline.map((d) => (d.spec as { threadId: string }).threadId).sort()).toEqual([
      'open',
      'suggests',
    ])
    expect(review.decorations.find().filter((d) => d.from === d.to)).toHaveLength(1)
    expect(textOf(state, review.spans.get('done'))).toBe('energitiltak')
    const active = resolve(state, marks, 'done')!
    expect(
      active.decorations.find().some((d) => (d.spec as { threadId: string }).threadId === 'done'),
    ).toBe(false)
    expect(threadAt(review, 1 + TEXT.indexOf('stabil') + 2)).toBe('open')
    expect(threadAt(review, 2)).toBeUndefined()
  })

  it('typing here moves the highlights with the text, keeping text typed at their edges outside', () => {
    const { state, anchorOf, resolve, spansOf } = setup()
    const marks: ThreadMark[] = [
      { id: 'a', anchor: anchorOf('stabil'), open: true, suggestion: null },
    ]
    const review = resolve(state, marks, null)!
    const at = 1 + TEXT.indexOf('stabil')
    const tr = state.tr.insertText('svært ', at).insertText(' og', at + 'svært '.length + 6)
    const after = state.apply(tr)
    const next = nextReview(tr, review, after, spansOf)
    expect(textOf(after, next.spans.get('a'))).toBe('stabil')
    expect(next.decorations.find().map((d) => after.doc.textBetween(d.from, d.to))).toEqual([
      'stabil',
    ])
  })

  it('a change from Yjs re-resolves every anchor, as Yjs replaces the whole document', () => {
    const { ydoc, fragment, state, anchorOf, resolve, spansOf } = setup()
    const marks: ThreadMark[] = [
      { id: 'a', anchor: anchorOf('finansiering'), open: true, suggestion: null },
    ]
    const review = resolve(state, marks, null)!
    // A partner's edit arrives: Yjs changes first, then the editor gets a whole new document.
    ;((fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Alle ')
    const remote = yXmlFragmentToProseMirrorRootNode(fragment, bodySchema())
    const tr = state.tr.replaceWith(0, state.doc.content.size, remote.content)
    tr.setMeta(ySyncPluginKey, { isChangeOrigin: true })
    const after = state.apply(tr)
    // Mapping through a whole-document replacement would lose the highlight; re-resolving keeps it.
    expect(review.decorations.map(tr.mapping, tr.doc).find()).toHaveLength(0)
    const next = nextReview(tr, review, after, spansOf)
    expect(textOf(after, next.spans.get('a'))).toBe('finansiering')
    expect(next.decorations.find()).toHaveLength(1)
    expect(ydoc.getXmlFragment('body').length).toBe(1)
  })

  it('a change from Yjs redraws only the threads that moved otherwise than the text', () => {
    const { fragment, state, anchorOf, resolve, spansOf } = setup()
    const marks: ThreadMark[] = [
      { id: 'first', anchor: anchorOf('Byene'), open: true, suggestion: null },
      { id: 'open', anchor: anchorOf('stabil'), open: true, suggestion: null },
      { id: 'suggests', anchor: anchorOf('energitiltak'), open: true, suggestion: 'tiltak' },
    ]
    const text = (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText
    const remoteEdit = (before: EditorState, edit: () => void) => {
      edit()
      const remote = yXmlFragmentToProseMirrorRootNode(fragment, bodySchema())
      const tr = before.tr.replaceWith(0, before.doc.content.size, remote.content)
      return tr.setMeta(ySyncPluginKey, { isChangeOrigin: true })
    }
    // A decoration mapped through the change keeps its spec object; one drawn afresh has a new one.
    const specs = (review: ReviewState) =>
      new Map(
        review.decorations.find().map((d) => [`${d.spec.threadId} ${d.from === d.to}`, d.spec]),
      )
    const kept = (before: ReviewState, after: ReviewState) =>
      [...specs(after)].filter(([key, spec]) => specs(before).get(key) === spec).map(([key]) => key)
    const review = resolve(state, marks, null)!

    // Text typed before two of the threads only moves them.
    const tr = remoteEdit(state, () => text.insert(TEXT.indexOf('stabil'), 'meget '))
    const after = state.apply(tr)
    const next = nextReview(tr, review, after, spansOf)
    expect(kept(review, next).sort()).toEqual([
      'first false',
      'open false',
      'suggests false',
      'suggests true',
    ])
    expect(next.decorations.find().map((d) => after.doc.textBetween(d.from, d.to))).toEqual([
      'Byene',
      'stabil',
      'energitiltak',
      '',
    ])

    // Text typed at the end of the suggestion's: its widget would go after it, but belongs before.
    const end = 'Byene trenger meget stabil finansiering av energitiltak'.length
    const tr2 = remoteEdit(after, () => text.insert(end, ' i kommunene'))
    const after2 = after.apply(tr2)
    const next2 = nextReview(tr2, next, after2, spansOf)
    expect(kept(next, next2).sort()).toEqual(['first false', 'open false'])
    const drawn = (review: ReviewState) =>
      review.decorations.find().map((d) => [d.from, d.to, d.spec.threadId, d.spec.key])
    expect(drawn(next2)).toEqual(drawn(resolve(after2, marks, null)!))
    const widget = next2.decorations.find().find((d) => d.from === d.to)!
    expect(after2.doc.textBetween(1, widget.from)).toBe(
      'Byene trenger meget stabil finansiering av energitiltak',
    )

    // A letter repeated just after a thread's text ("stabill"): the docs' difference could be
    // placed inside the text or after it; placed after, as Yjs did, nothing is redrawn.
    const tr3 = remoteEdit(after2, () => text.insert('Byene trenger meget stabil'.length, 'l'))
    const after3 = after2.apply(tr3)
    const next3 = nextReview(tr3, next2, after3, spansOf)
    expect(textOf(after3, next3.spans.get('open'))).toBe('stabil')
    expect(kept(next2, next3)).toHaveLength(4)
  })

  it('threads changed while the body is a step behind are drawn where they were', () => {
    const { fragment, state, anchorOf, resolve, spansOf } = setup()
    const marks: ThreadMark[] = [
      { id: 'a', anchor: anchorOf('stabil'), open: true, suggestion: null },
    ]
    const review = resolve(state, marks, null)!
    const added = { id: 'b', anchor: anchorOf('Byene'), open: true, suggestion: null }
    // The body has a partner's edit the editor has not got yet.
    ;((fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Alle ')
    const tr = setReview(state.tr, { marks: [...marks, added], active: 'a' })
    const behind = state.apply(tr)
    const next = nextReview(tr, review, behind, spansOf)
    const classes = (r: ReviewState) =>
      r.decorations.find().map((d) => {
        const { type } = d as unknown as { type: { attrs: { class: string } } }
        return [behind.doc.textBetween(d.from, d.to), type.attrs.class]
      })
    expect(classes(next)).toEqual([['stabil', 'comment-highlight is-active']])
    expect([...next.spans.keys()]).toEqual(['a'])
  })

  it('new threads from the comments doc are drawn at once', () => {
    const { state, anchorOf, resolve, spansOf } = setup()
    const empty = resolve(state, [], null)!
    const tr = state.tr.setMeta(reviewKey, {
      marks: [{ id: 'n', anchor: anchorOf('Byene'), open: true, suggestion: null }],
    })
    const next = nextReview(tr, empty, state.apply(tr), spansOf)
    expect(textOf(state, next.spans.get('n'))).toBe('Byene')
  })
})
