import type { JSONContent } from '@tiptap/core'
import { describe, expect, it } from 'vitest'
import { positionPaperTemplate } from '../model/template.ts'
import { bodyBlocks, placedComments, plainText, toDocument, type Block } from './tree.ts'
import type { ExportComment, ExportSource } from './types.ts'

const text = (value: string, marks?: JSONContent['marks']): JSONContent => ({
  type: 'text',
  text: value,
  ...(marks ? { marks } : {}),
})
const paragraph = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content })
const heading = (level: number, value: string): JSONContent => ({
  type: 'heading',
  attrs: { level },
  content: [text(value)],
})

/** The template as a drafter leaves it: every guidance paragraph written over. */
function written(template: JSONContent): JSONContent[] {
  const strip = (node: JSONContent): JSONContent => ({
    ...node,
    ...(node.attrs?.guidance === true ? { attrs: {} } : {}),
    ...(node.content ? { content: node.content.map(strip) } : {}),
  })
  return strip(template).content ?? []
}

function source(body: JSONContent['content'], extra: Partial<ExportSource> = {}): ExportSource {
  return {
    title: 'Tittel',
    recipients: [],
    language: 'nb',
    date: '2026-11-27',
    place: null,
    body: { type: 'doc', content: body },
    signatories: [],
    versionName: null,
    ...extra,
  }
}

function comment(id: string, start: number, end: number): ExportComment {
  return {
    id,
    author: 'Kari',
    organisation: 'UiS',
    text: id,
    createdAt: 0,
    replies: [],
    range: { start, end },
  }
}

function texts(block: Block | undefined): { text: string; comments: number[]; ends: number[] }[] {
  if (block?.kind !== 'paragraph') return []
  return block.inlines.flatMap((inline) =>
    inline.kind === 'text'
      ? [{ text: inline.text, comments: inline.comments, ends: inline.commentEnds }]
      : [],
  )
}

describe('the document tree', () => {
  it('splits text where comments start and end, counting text only, as resolveAnchor does', () => {
    // "Første" is 6 characters; the block boundary counts nothing, so "Andre" starts at 6.
    const blocks = bodyBlocks(
      { type: 'doc', content: [paragraph(text('Første')), paragraph(text('Andre avsnitt'))] },
      [comment('a', 3, 8), comment('b', 6, 14)],
    )
    expect(texts(blocks[0])).toEqual([
      { text: 'Før', comments: [], ends: [] },
      { text: 'ste', comments: [0], ends: [] },
    ])
    expect(texts(blocks[1])).toEqual([
      { text: 'An', comments: [0, 1], ends: [0] },
      { text: 'dre av', comments: [1], ends: [1] },
      { text: 'snitt', comments: [], ends: [] },
    ])
  })

  it('counts a hard break as nothing and keeps marks on each piece', () => {
    const [block] = bodyBlocks(
      {
        type: 'doc',
        content: [paragraph(text('ab', [{ type: 'bold' }]), { type: 'hardBreak' }, text('cd'))],
      },
      [comment('a', 1, 3)],
    )
    expect(block?.kind === 'paragraph' && block.inlines).toEqual([
      { kind: 'text', text: 'a', marks: { bold: true }, comments: [], commentEnds: [] },
      { kind: 'text', text: 'b', marks: { bold: true }, comments: [0], commentEnds: [] },
      { kind: 'break' },
      { kind: 'text', text: 'c', marks: {}, comments: [0], commentEnds: [0] },
      { kind: 'text', text: 'd', marks: {}, comments: [], commentEnds: [] },
    ])
  })

  it('sets the template’s first section apart as the key messages, in either language', () => {
    for (const language of ['nb', 'en'] as const) {
      const document = toDocument(source(written(positionPaperTemplate(language)), { language }))
      expect(plainText(document.keyMessages?.heading ?? [])).toBe(
        language === 'nb' ? 'Hovedbudskap' : 'Key messages',
      )
      expect(document.keyMessages?.blocks.map((block) => block.kind)).toEqual(['list'])
      expect(document.blocks[0]).toMatchObject({ kind: 'heading', level: 1 })
    }
  })

  it('leaves the template’s guidance out: a section still holding only guidance is empty', () => {
    const document = toDocument(source(positionPaperTemplate('nb').content))
    expect(document.keyMessages?.blocks).toEqual([])
    expect(JSON.stringify(document)).not.toContain('Skriv i én setning')
    expect(document.blocks.map((b) => b.kind)).toEqual(['heading', 'heading', 'heading'])
  })

  it('finds the key messages by the template’s section mark, whatever its heading says', () => {
    const body = written(positionPaperTemplate('nb'))
    const renamed = body.map((node, i) =>
      i === 0 ? { ...node, content: [text('Kort sagt')] } : node,
    )
    const document = toDocument(source(renamed))
    expect(plainText(document.keyMessages?.heading ?? [])).toBe('Kort sagt')
    // A heading that only reads like the template's is no key messages box in a marked body.
    const lookalike = [
      heading(2, 'Innledning'),
      paragraph(text('Tekst')),
      heading(2, 'Hovedbudskap'),
    ]
    const marked = [
      { ...lookalike[0], attrs: { level: 2, section: 'background' } },
      ...lookalike.slice(1),
    ]
    expect(toDocument(source(marked)).keyMessages).toBeNull()
  })

  it('reads a paper made before the template marked its sections by the heading’s words', () => {
    const legacy = [heading(2, 'Hovedbudskap'), paragraph(text('Én ordning for små byer.'))]
    expect(toDocument(source(legacy)).keyMessages?.blocks).toHaveLength(1)
  })

  it('has no key messages box when the paper does not open with that section', () => {
    const document = toDocument(source([heading(2, 'Bakgrunn'), paragraph(text('Tekst'))]))
    expect(document.keyMessages).toBeNull()
    expect(document.blocks).toHaveLength(2)
  })

  it('lets the endorsements replace the body’s signatories section, and only then', () => {
    const body = positionPaperTemplate('nb').content
    const signed = toDocument(source(body, { signatories: [{ organisation: 'UiS' }] }))
    const headings = (blocks: Block[]) =>
      blocks.flatMap((b) => (b.kind === 'heading' ? [plainText(b.inlines)] : []))
    expect(headings(signed.blocks)).toEqual(['Bakgrunn', 'Anbefalinger'])
    expect(signed.signatories).toEqual([{ organisation: 'UiS' }])
    const unsigned = toDocument(source(body))
    expect(headings(unsigned.blocks)).toEqual(['Bakgrunn', 'Anbefalinger', 'Underskrivere'])
  })

  it('makes heading levels relative to the highest the body uses', () => {
    const levels = (body: JSONContent[]) =>
      toDocument(source(body)).blocks.flatMap((b) => (b.kind === 'heading' ? [b.level] : []))
    expect(levels([heading(2, 'A'), heading(3, 'B'), heading(4, 'C')])).toEqual([1, 2, 3])
    expect(levels([heading(1, 'A'), heading(2, 'B')])).toEqual([1, 2])
  })

  it('drops empty paragraphs and keeps the text of nodes it does not know', () => {
    const document = toDocument(
      source([
        paragraph(),
        paragraph(text('  ')),
        { type: 'callout', content: [paragraph(text('Inni'))] },
        { type: 'mention', content: [text('@Kari')] },
      ]),
    )
    expect(document.blocks.map((b) => b.kind === 'paragraph' && plainText(b.inlines))).toEqual([
      'Inni',
      '@Kari',
    ])
  })

  it('knows which comments lost their text', () => {
    const document = toDocument({
      ...source([paragraph(text('Tekst'))]),
      comments: [comment('here', 0, 4), { ...comment('gone', 0, 1), range: null }],
    })
    expect([...placedComments(document)]).toEqual([0])
  })
})
