import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap'
import * as prng from 'lib0/prng'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  anchoredText,
  bodySchema,
  decodeAnchor,
  paperBody,
  positionPaperTemplate,
  type Anchor,
} from '../../../shared/model/index.ts'
import { anchorForRange, resolveSpans, textRuns } from './anchor-map.ts'

function paper(): { doc: Y.Doc; fragment: Y.XmlFragment } {
  const doc = new Y.Doc()
  const fragment = paperBody(doc)
  const template = positionPaperTemplate('nb')
  template.content!.push({
    type: 'table',
    content: [
      {
        type: 'tableRow',
        content: [
          {
            type: 'tableCell',
            content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Bærekraft' }] }],
          },
          { type: 'tableCell', content: [{ type: 'paragraph' }] },
        ],
      },
    ],
  })
  template.content!.push({
    type: 'paragraph',
    content: [
      { type: 'text', text: 'Første linje' },
      { type: 'hardBreak' },
      { type: 'text', text: 'og ', marks: [{ type: 'bold' }] },
      { type: 'text', text: 'neste' },
    ],
  })
  prosemirrorJSONToYXmlFragment(bodySchema(), template, fragment)
  return { doc, fragment }
}

const editorDoc = (fragment: Y.XmlFragment) =>
  yXmlFragmentToProseMirrorRootNode(fragment, bodySchema())

describe('mapping the body between Yjs and the editor', () => {
  it('finds every text node at the position where the editor has its text', () => {
    const { fragment } = paper()
    const doc = editorDoc(fragment)
    const runs = textRuns(fragment, doc)!
    expect(runs.length).toBeGreaterThan(8)
    for (const run of runs) {
      expect(doc.textBetween(run.pos, run.pos + run.length, '', '\uFFFC')).toBe(
        run.text
          .toDelta()
          .map((d: { insert: unknown }) => d.insert)
          .join(''),
      )
    }
  })

  it('says when the two are out of step instead of guessing', () => {
    const { fragment } = paper()
    const before = editorDoc(fragment)
    const first = fragment.get(1) as Y.XmlElement
    ;(first.get(0) as Y.XmlElement).insert(0, [new Y.XmlText('ny')])
    expect(textRuns(fragment, before)).toBeNull()
  })

  it('anchors made from editor ranges resolve back to the same range and the same text', () => {
    const { doc: ydoc, fragment } = paper()
    const doc = editorDoc(fragment)
    const runs = textRuns(fragment, doc)!
    const gen = prng.create(7)
    const anchors = new Map<string, Anchor>()
    const expected = new Map<string, string>()
    for (let i = 0; i < 300; i++) {
      const a = prng.uint32(gen, 0, doc.content.size)
      const b = prng.uint32(gen, 0, doc.content.size)
      const [from, to] = a < b ? [a, b] : [b, a]
      const anchor = anchorForRange(runs, from, to)
      if (anchor === null) {
        expect(doc.textBetween(from, to, '', '')).toBe('')
        continue
      }
      anchors.set(String(i), anchor)
      // A line break just outside the text is trimmed: leaves are left out of this comparison.
      expected.set(String(i), doc.textBetween(from, to, '\n', ''))
    }
    expect(anchors.size).toBeGreaterThan(200)
    const decoded = new Map([...anchors].map(([id, anchor]) => [id, decodeAnchor(anchor)!]))
    const spans = resolveSpans(decoded, ydoc, runs)
    for (const [id, anchor] of anchors) {
      const span = spans.get(id)!
      // Block breaks aside (the editor counts one for an empty paragraph, the model none), the
      // span holds the model's anchored text and the text that was selected.
      const flat = (text: string) => text.replaceAll('\n', '')
      expect(flat(doc.textBetween(span.from, span.to, '\n', ''))).toBe(
        flat(anchoredText(anchor, ydoc)!),
      )
      expect(flat(doc.textBetween(span.from, span.to, '\n', ''))).toBe(flat(expected.get(id)!))
    }
  })

  it('has no span for an anchor whose text was deleted, and follows text that moved', () => {
    const { doc: ydoc, fragment } = paper()
    const runs = textRuns(fragment, editorDoc(fragment))!
    const target = runs[2]!
    const anchor = anchorForRange(runs, target.pos + 1, target.pos + 4)!
    const decoded = new Map([['t', decodeAnchor(anchor)!]])
    fragment.insert(0, [new Y.XmlElement('paragraph')])
    ;(fragment.get(0) as Y.XmlElement).insert(0, [new Y.XmlText('Innledning')])
    const moved = editorDoc(fragment)
    const span = resolveSpans(decoded, ydoc, textRuns(fragment, moved)!).get('t')!
    expect(span.from).toBe(target.pos + 1 + 'Innledning'.length + 2)
    target.text.delete(0, 6)
    const gone = textRuns(fragment, editorDoc(fragment))!
    expect(resolveSpans(decoded, ydoc, gone).has('t')).toBe(false)
  })
})
