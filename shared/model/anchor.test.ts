import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  anchoredText,
  createAnchor,
  createAnchorBetween,
  decodeAnchor,
  isAnchorPending,
  resolveAnchor,
  type Anchor,
} from './anchor.ts'
import { paperBody } from './paper.ts'

const SENTENCE = 'Cities need stable funding for retrofits.'
const QUOTE = 'stable funding'
const AT = SENTENCE.indexOf(QUOTE)

/** A body shaped as Tiptap writes it: paragraphs, each holding one Y.XmlText. */
function paper(
  paragraphs: string[],
  options?: { gc: boolean },
): { doc: Y.Doc; texts: Y.XmlText[] } {
  const doc = new Y.Doc(options)
  const texts = paragraphs.map((content) => new Y.XmlText(content))
  const elements = texts.map((text) => {
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [text])
    return paragraph
  })
  paperBody(doc).insert(0, elements)
  return { doc, texts }
}

function commented(options?: { gc: boolean }): { doc: Y.Doc; text: Y.XmlText; anchor: Anchor } {
  const { doc, texts } = paper(['An opening paragraph.', SENTENCE, 'A closing paragraph.'], options)
  const text = texts[1]!
  return { doc, text, anchor: createAnchor(text, AT, AT + QUOTE.length) }
}

const OFFSET = 'An opening paragraph.'.length + AT

describe('an anchor in one paragraph', () => {
  it('resolves to the commented text, counted from the start of the body', () => {
    const { doc, anchor } = commented()
    expect(resolveAnchor(anchor, doc)).toEqual({ start: OFFSET, end: OFFSET + QUOTE.length })
    expect(anchoredText(anchor, doc)).toBe(QUOTE)
  })

  it('follows its text when text is inserted earlier in the paragraph', () => {
    const { doc, text, anchor } = commented()
    text.insert(0, 'Most ')
    expect(resolveAnchor(anchor, doc)).toEqual({
      start: OFFSET + 5,
      end: OFFSET + 5 + QUOTE.length,
    })
    expect(anchoredText(anchor, doc)).toBe(QUOTE)
  })

  it('follows its text when a paragraph is inserted before it', () => {
    const { doc, anchor } = commented()
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText('New. ')])
    paperBody(doc).insert(0, [paragraph])
    expect(resolveAnchor(anchor, doc)?.start).toBe(OFFSET + 5)
    expect(anchoredText(anchor, doc)).toBe(QUOTE)
  })

  it('does not swallow text typed right before its start', () => {
    const { doc, text, anchor } = commented()
    text.insert(AT, 'long-term ')
    expect(anchoredText(anchor, doc)).toBe(QUOTE)
  })

  it('grows to include text inserted inside it', () => {
    const { doc, text, anchor } = commented()
    text.insert(AT + 'stable '.length, 'public ')
    expect(anchoredText(anchor, doc)).toBe('stable public funding')
  })

  it('does not swallow text typed right after its end', () => {
    const { doc, text, anchor } = commented()
    text.insert(AT + QUOTE.length, ' and skills')
    expect(anchoredText(anchor, doc)).toBe(QUOTE)
  })

  it('stays put when text is inserted after it', () => {
    const { doc, text, anchor } = commented()
    text.insert(text.length, ' Now.')
    expect(resolveAnchor(anchor, doc)).toEqual({ start: OFFSET, end: OFFSET + QUOTE.length })
  })

  it('follows its text when text before it is deleted', () => {
    const { doc, text, anchor } = commented()
    text.delete(0, 'Cities '.length)
    expect(resolveAnchor(anchor, doc)?.start).toBe(OFFSET - 'Cities '.length)
    expect(anchoredText(anchor, doc)).toBe(QUOTE)
  })

  it('stays put when text after it is deleted, even right up to its end', () => {
    const { doc, text, anchor } = commented()
    text.delete(AT + QUOTE.length, text.length - AT - QUOTE.length)
    expect(anchoredText(anchor, doc)).toBe(QUOTE)
  })

  it('shrinks when its first or last characters are deleted', () => {
    const { doc, text, anchor } = commented()
    text.delete(AT, 'stable '.length)
    expect(anchoredText(anchor, doc)).toBe('funding')
    text.delete(AT + 'fund'.length, 'ing'.length)
    expect(anchoredText(anchor, doc)).toBe('fund')
  })

  it('is not moved by formatting of the commented text', () => {
    const { doc, text, anchor } = commented()
    text.format(AT, 'stable'.length, { bold: {} })
    text.format(0, text.length, { italic: {} })
    expect(anchoredText(anchor, doc)).toBe(QUOTE)
  })

  it.each([true, false])('resolves as removed once all its text is deleted (gc %s)', (gc) => {
    const { doc, text, anchor } = commented({ gc })
    text.delete(AT - 1, QUOTE.length + 2)
    expect(resolveAnchor(anchor, doc)).toBeNull()
    expect(anchoredText(anchor, doc)).toBeNull()
  })

  it.each([true, false])('resolves as removed once its paragraph is deleted (gc %s)', (gc) => {
    const { doc, anchor } = commented({ gc })
    paperBody(doc).delete(1, 1)
    expect(resolveAnchor(anchor, doc)).toBeNull()
  })

  it('finds its text again when the deletion is undone', () => {
    const { doc, text, anchor } = commented()
    const undo = new Y.UndoManager(text)
    text.delete(AT, QUOTE.length)
    expect(resolveAnchor(anchor, doc)).toBeNull()
    undo.undo()
    expect(anchoredText(anchor, doc)).toBe(QUOTE)
  })

  it('resolves the same on every replica, after edits made elsewhere', () => {
    const { doc: a, text, anchor } = commented()
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    const textOnB = (paperBody(b).get(1) as Y.XmlElement).get(0) as Y.XmlText
    textOnB.insert(0, 'All ')
    text.insert(AT + 'stable '.length, 'and fair ')
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(anchoredText(anchor, a)).toBe('stable and fair funding')
    expect(anchoredText(anchor, b)).toBe('stable and fair funding')
    expect(resolveAnchor(anchor, b)).toEqual(resolveAnchor(anchor, a))
  })
})

describe('an anchor over two paragraphs', () => {
  it('resolves across the paragraph break and follows inserts before it', () => {
    const { doc, texts } = paper(['First paragraph.', 'Second paragraph.'])
    const anchor = createAnchorBetween(
      { text: texts[0]!, offset: 'First '.length },
      { text: texts[1]!, offset: 'Second'.length },
    )
    expect(anchoredText(anchor, doc)).toBe('paragraph.\nSecond')
    texts[0]!.insert(0, 'The ')
    expect(resolveAnchor(anchor, doc)).toEqual({ start: 10, end: 26 })
    expect(anchoredText(anchor, doc)).toBe('paragraph.\nSecond')
  })

  it('resolves as removed when the paragraph holding its start is deleted', () => {
    const { doc, texts } = paper(['First paragraph.', 'Second paragraph.'])
    const anchor = createAnchorBetween(
      { text: texts[0]!, offset: 0 },
      { text: texts[1]!, offset: 3 },
    )
    paperBody(doc).delete(0, 1)
    expect(resolveAnchor(anchor, doc)).toBeNull()
  })
})

describe('anchors and the replica they are resolved in', () => {
  it('is pending, not resolvable, until the body holding its text has arrived', () => {
    const { doc, anchor } = commented()
    const early = new Y.Doc()
    expect(resolveAnchor(anchor, early)).toBeNull()
    expect(isAnchorPending(anchor, early)).toBe(true)
    Y.applyUpdate(early, Y.encodeStateAsUpdate(doc))
    expect(isAnchorPending(anchor, early)).toBe(false)
    expect(anchoredText(anchor, early)).toBe(QUOTE)
  })

  it('does not resolve against a text outside the body', () => {
    const doc = new Y.Doc()
    const elsewhere = new Y.XmlElement('paragraph')
    doc.getXmlFragment('notes').insert(0, [elsewhere])
    const text = new Y.XmlText('a note')
    elsewhere.insert(0, [text])
    expect(resolveAnchor(createAnchor(text, 0, 1), doc)).toBeNull()
  })
})

describe('creating and decoding anchors', () => {
  it('refuses an empty or reversed range and offsets outside the text', () => {
    const { text } = commented()
    expect(() => createAnchor(text, 3, 3)).toThrow(RangeError)
    expect(() => createAnchor(text, 4, 3)).toThrow(RangeError)
    expect(() => createAnchor(text, -1, 3)).toThrow(RangeError)
    expect(() => createAnchor(text, 0, text.length + 1)).toThrow(RangeError)
  })

  it('refuses a text node that is not in a doc', () => {
    expect(() => createAnchor(new Y.XmlText('loose'), 0, 2)).toThrow(RangeError)
  })

  it('can anchor the whole text, from its first to its last character', () => {
    const { doc, text } = commented()
    expect(anchoredText(createAnchor(text, 0, text.length), doc)).toBe(SENTENCE)
  })

  it('decodes what it encodes and nothing else', () => {
    const { anchor } = commented()
    expect(decodeAnchor(anchor)).not.toBeNull()
    const garbage = [new Uint8Array([]), new Uint8Array([9, 9]), new Uint8Array([0, 1])]
    for (const bytes of garbage) {
      expect(decodeAnchor({ start: bytes, end: anchor.end })).toBeNull()
      expect(resolveAnchor({ start: bytes, end: anchor.end }, new Y.Doc())).toBeNull()
    }
    expect(
      decodeAnchor({ start: new Uint8Array([...anchor.start, 0]), end: anchor.end }),
    ).toBeNull()
  })

  it('refuses positions naming a root type, which resolving would create in the body doc', () => {
    const { anchor } = commented()
    const doc = new Y.Doc()
    const root = Y.encodeRelativePosition(
      Y.createRelativePositionFromTypeIndex(doc.getText('x'), 0),
    )
    expect(decodeAnchor({ start: root, end: anchor.end })).toBeNull()
    const body = new Y.Doc()
    resolveAnchor({ start: root, end: anchor.end }, body)
    expect(body.share.has('x')).toBe(false)
  })
})
