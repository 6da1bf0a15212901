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
import { computeReview, nextReview, reviewKey, threadAt, type ThreadMark } from './review-plugin.ts'

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
  return { ydoc, fragment, state, anchorOf, resolve }
}

const textOf = (state: EditorState, span: { from: number; to: number } | undefined) =>
  span === undefined ? null : state.doc.textBetween(span.from, span.to)

describe('the review highlights', () => {
  it('draws open threads and pending suggestions, not resolved ones unless active', () => {
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
    ).toBe(true)
    expect(threadAt(review, 1 + TEXT.indexOf('stabil') + 2)).toBe('open')
    expect(threadAt(review, 2)).toBeUndefined()
  })

  it('typing here moves the highlights with the text, keeping text typed at their edges outside', () => {
    const { state, anchorOf, resolve } = setup()
    const marks: ThreadMark[] = [
      { id: 'a', anchor: anchorOf('stabil'), open: true, suggestion: null },
    ]
    const review = resolve(state, marks, null)!
    const at = 1 + TEXT.indexOf('stabil')
    const tr = state.tr.insertText('svært ', at).insertText(' og', at + 'svært '.length + 6)
    const after = state.apply(tr)
    const next = nextReview(tr, review, after, resolve)
    expect(textOf(after, next.spans.get('a'))).toBe('stabil')
    expect(next.decorations.find().map((d) => after.doc.textBetween(d.from, d.to))).toEqual([
      'stabil',
    ])
  })

  it('a change from Yjs re-resolves every anchor, as Yjs replaces the whole document', () => {
    const { ydoc, fragment, state, anchorOf, resolve } = setup()
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
    const next = nextReview(tr, review, after, resolve)
    expect(textOf(after, next.spans.get('a'))).toBe('finansiering')
    expect(next.decorations.find()).toHaveLength(1)
    expect(ydoc.getXmlFragment('body').length).toBe(1)
  })

  it('new threads from the comments doc are drawn at once', () => {
    const { state, anchorOf, resolve } = setup()
    const empty = resolve(state, [], null)!
    const tr = state.tr.setMeta(reviewKey, {
      marks: [{ id: 'n', anchor: anchorOf('Byene'), open: true, suggestion: null }],
    })
    const next = nextReview(tr, empty, state.apply(tr), resolve)
    expect(textOf(state, next.spans.get('n'))).toBe('Byene')
  })
})
