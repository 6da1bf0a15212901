import type { JSONContent } from '@tiptap/core'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readBodyJSON, writeTemplateToBody } from './body.ts'
import { initPaper } from './new-paper.ts'
import { paperBody, readPaperMeta, type PaperLanguage, type PaperMeta } from './paper.ts'
import { bodySchema } from './schema.ts'
import { positionPaperTemplate, templateHeadings } from './template.ts'

const LANGUAGES: PaperLanguage[] = ['en', 'nb']

function headingsOf(json: JSONContent): string[] {
  return (json.content ?? [])
    .filter((node) => node.type === 'heading')
    .map((node) => (node.content ?? []).map((child) => child.text ?? '').join(''))
}

function textOf(json: JSONContent): string {
  return (json.text ?? '') + (json.content ?? []).map(textOf).join('')
}

describe('the body schema', () => {
  it('has the nodes and marks the editor and the export rely on', () => {
    const schema = bodySchema()
    for (const node of ['doc', 'paragraph', 'heading', 'bulletList', 'orderedList', 'table']) {
      expect(schema.nodes).toHaveProperty(node)
    }
    for (const mark of ['bold', 'italic', 'link']) expect(schema.marks).toHaveProperty(mark)
  })
})

describe.each(LANGUAGES)('the position paper template (%s)', (language) => {
  const template = positionPaperTemplate(language)

  it('fits the body schema', () => {
    expect(() => bodySchema().nodeFromJSON(template).check()).not.toThrow()
  })

  it('has the four section headings, in order', () => {
    expect(headingsOf(template)).toEqual(templateHeadings(language))
    expect(headingsOf(template)).toHaveLength(4)
  })

  it('has three key-message bullets and a numbered list of recommendations', () => {
    const types = (template.content ?? []).map((node) => node.type)
    expect(types).toEqual([
      'heading',
      'bulletList',
      'heading',
      'paragraph',
      'heading',
      'orderedList',
      'heading',
      'paragraph',
    ])
    expect(template.content?.[1]?.content).toHaveLength(3)
  })

  it('reads back the same after being written into an empty body', () => {
    const doc = new Y.Doc()
    expect(writeTemplateToBody(doc, template)).toEqual({ ok: true, value: null })
    expect(readBodyJSON(doc)).toEqual({
      value: bodySchema().nodeFromJSON(template).toJSON(),
      problems: [],
    })
  })

  it('survives a sync to another replica', () => {
    const doc = new Y.Doc()
    writeTemplateToBody(doc, template)
    const other = new Y.Doc()
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc))
    expect(readBodyJSON(other).value).toEqual(readBodyJSON(doc).value)
  })
})

describe('the template in each language', () => {
  it('is translated throughout, not only in its headings', () => {
    expect(textOf(positionPaperTemplate('nb'))).not.toContain(
      textOf(positionPaperTemplate('en')).slice(0, 20),
    )
    expect(templateHeadings('nb')).toEqual([
      'Hovedbudskap',
      'Bakgrunn',
      'Anbefalinger',
      'Underskrivere',
    ])
    expect(templateHeadings('en')).toEqual([
      'Key messages',
      'Background',
      'Recommendations',
      'Signatories',
    ])
  })

  it('is a fresh object each time, so changing one copy changes no other', () => {
    const copy = positionPaperTemplate('en')
    copy.content?.pop()
    expect(positionPaperTemplate('en').content).toHaveLength(8)
  })
})

describe('writing and reading the body', () => {
  it('refuses to write into a body that already has content, and writes nothing', () => {
    const doc = new Y.Doc()
    writeTemplateToBody(doc, positionPaperTemplate('en'))
    const before = Y.encodeStateVector(doc)
    const again = writeTemplateToBody(doc, positionPaperTemplate('en'))
    expect(again).toEqual({
      ok: false,
      problems: [{ path: 'body', message: 'the body is not empty; nothing was written' }],
    })
    expect(Y.encodeStateVector(doc)).toEqual(before)
  })

  it('refuses JSON that does not fit the schema', () => {
    const doc = new Y.Doc()
    const unknownNode = { type: 'doc', content: [{ type: 'video' }] }
    const badContent = {
      type: 'doc',
      content: [{ type: 'bulletList', content: [{ type: 'text', text: 'x' }] }],
    }
    expect(writeTemplateToBody(doc, unknownNode).ok).toBe(false)
    expect(writeTemplateToBody(doc, badContent).ok).toBe(false)
    expect(paperBody(doc).length).toBe(0)
  })

  it('an empty body reads as an empty doc', () => {
    expect(readBodyJSON(new Y.Doc()).value).toEqual({ type: 'doc', content: [] })
  })

  it('a body holding a node the schema does not know is reported, and left unchanged', () => {
    const doc = new Y.Doc()
    writeTemplateToBody(doc, positionPaperTemplate('en'))
    paperBody(doc).insert(0, [new Y.XmlElement('video')])
    let updates = 0
    doc.on('update', () => updates++)
    const { value, problems } = readBodyJSON(doc)
    expect(problems).toHaveLength(1)
    expect(problems[0]?.path).toBe('body')
    expect(value.content?.[0]).toEqual({ type: 'video' })
    expect(updates).toBe(0)
  })
})

describe('a new paper', () => {
  const meta: PaperMeta = {
    title: 'Fornybar energi i byene',
    recipients: ['Kommunal- og distriktsdepartementet'],
    language: 'nb',
    deadline: null,
    status: 'draft',
    organisations: ['Trondheim kommune'],
  }

  it('gets its meta and the template in its own language in one transaction', () => {
    const doc = new Y.Doc()
    let transactions = 0
    doc.on('afterTransaction', () => transactions++)
    expect(initPaper(doc, meta).ok).toBe(true)
    expect(transactions).toBe(1)
    expect(readPaperMeta(doc)).toEqual({ value: meta, problems: [] })
    expect(headingsOf(readBodyJSON(doc).value)).toEqual(templateHeadings('nb'))
  })

  it('is not filled twice, and invalid meta writes nothing', () => {
    const doc = new Y.Doc()
    expect(initPaper(doc, { ...meta, deadline: 'soon' }).ok).toBe(false)
    expect(paperBody(doc).length).toBe(0)
    expect(initPaper(doc, meta).ok).toBe(true)
    expect(initPaper(doc, meta).ok).toBe(false)
  })
})
