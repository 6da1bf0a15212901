import type { JSONContent } from '@tiptap/core'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readBodyJSON, writeTemplateToBody } from './body.ts'
import { paperContent } from './canonical-paper.ts'
import {
  canonicalJson,
  contentHash,
  hashCanonical,
  isCanonicalContent,
  parsePaperContent,
  type PaperContent,
} from './canonical.ts'
import { paperBody, writePaperMeta } from './paper.ts'

const body: JSONContent = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Hovedbudskap' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Byene trenger ' },
        { type: 'text', marks: [{ type: 'bold' }, { type: 'italic' }], text: 'forutsigbar' },
        { type: 'text', text: ' finansiering på tvers av nivåer.' },
      ],
    },
  ],
}

const content: PaperContent = {
  title: 'Klimanøytrale byer trenger flernivåstyring',
  recipients: ['EU Mission Board for Climate-Neutral and Smart Cities', 'ERRIN'],
  language: 'nb',
  body,
}

/** The paper as one partner's app holds it: meta and body written the straightforward way. */
function writtenAtOnce(): Y.Doc {
  const doc = new Y.Doc()
  doc.clientID = 101
  writePaperMeta(doc, { title: content.title, recipients: content.recipients, language: 'nb' })
  writeTemplateToBody(doc, body)
  return doc
}

/** The same paper typed on another machine: other client id, typos fixed, marks added late. */
function typedWithCorrections(): Y.Doc {
  const doc = new Y.Doc()
  doc.clientID = 7
  writePaperMeta(doc, { title: 'Klimanøytrale byer', language: 'en', deadline: '2025-10-15' })
  writePaperMeta(doc, { title: content.title, recipients: ['ERRIN'], language: 'nb' })
  writePaperMeta(doc, { recipients: content.recipients })
  const heading = new Y.XmlElement('heading')
  heading.setAttribute('level', 2 as unknown as string)
  const headingText = new Y.XmlText('Hovedbudskp')
  heading.insert(0, [headingText])
  const paragraph = new Y.XmlElement('paragraph')
  const text = new Y.XmlText('Byene trenger forutsibar finansiering på tvers av nivåer. Slett')
  paragraph.insert(0, [text])
  paperBody(doc).insert(0, [heading, paragraph])
  headingText.insert(10, 'a')
  text.insert(21, 'g')
  text.delete(text.length - 6, 6)
  text.format(14, 11, { italic: {} })
  text.format(14, 11, { bold: {} })
  return doc
}

describe('the canonical content of a paper', () => {
  it('has a fixed digest for fixed content, so every machine and version of the app agrees', () => {
    // Pinned once, and checked against coreutils (`printf '%s' '<the JSON>' | sha256sum`), so it
    // is the SHA-256 of these UTF-8 bytes and not an artefact of one library. If it changes, every
    // endorsement ever made stops matching its paper: change canonicalJson only with a migration.
    expect(canonicalJson(content)).toBe(
      '{"body":{"content":[{"attrs":{"level":2},"content":[{"text":"Hovedbudskap","type":"text"}],' +
        '"type":"heading"},{"content":[{"text":"Byene trenger ","type":"text"},{"marks":[{"type":' +
        '"bold"},{"type":"italic"}],"text":"forutsigbar","type":"text"},{"text":" finansiering på' +
        ' tvers av nivåer.","type":"text"}],"type":"paragraph"}],"type":"doc"},"language":"nb",' +
        '"recipients":["EU Mission Board for Climate-Neutral and Smart Cities","ERRIN"],"title":' +
        '"Klimanøytrale byer trenger flernivåstyring"}',
    )
    expect(contentHash(content)).toBe(
      'c671a518081a7433b71623c8ac4643be456546b5dab9a72fd709b8ced96a6f6b',
    )
  })

  it('is the same for the same paper built by different clients with different edit histories', () => {
    const a = paperContent(writtenAtOnce())
    const b = paperContent(typedWithCorrections())
    expect(b).toEqual(a)
    expect(contentHash(b)).toBe(contentHash(content))
    expect(contentHash(a)).toBe(contentHash(content))
  })

  it('does not depend on key order, null attributes, empty lists or Unicode normal form', () => {
    const reordered = JSON.parse(
      '{"body":{"type":"doc","content":[{"content":[{"type":"text","text":"Hovedbudskap"}],' +
        '"type":"heading","attrs":{"level":2,"id":null}},{"type":"paragraph","attrs":{},' +
        '"content":[{"text":"Byene trenger ","type":"text","marks":[]},{"text":"forutsigbar",' +
        '"type":"text","marks":[{"type":"bold","attrs":{}},{"type":"italic"}]},{"type":"text",' +
        '"text":" finansiering p\\u0061\\u030a tvers av niv\\u00e5er."}]}]},"title":' +
        '"Klimanøytrale byer trenger flernivåstyring","language":"nb","recipients":' +
        '["EU Mission Board for Climate-Neutral and Smart Cities","ERRIN"]}',
    ) as PaperContent
    expect(canonicalJson(reordered)).toBe(canonicalJson(content))
  })

  it('changes with anything a reader sees: a word, a mark, the title, the recipients, their order', () => {
    const variants: PaperContent[] = [
      { ...content, title: `${content.title}.` },
      { ...content, recipients: [...content.recipients].reverse() },
      { ...content, language: 'en' },
      { ...content, body: { ...body, content: body.content?.slice(0, 1) } },
    ]
    const edited = typedWithCorrections()
    const text = (paperBody(edited).get(1) as Y.XmlElement).get(0) as Y.XmlText
    text.format(0, 5, { bold: {} })
    variants.push(paperContent(edited))
    const hashes = new Set([content, ...variants].map(contentHash))
    expect(hashes.size).toBe(variants.length + 1)
  })

  it('reads back from its JSON to the same content, and knows a non-canonical string', () => {
    const json = canonicalJson(content)
    const read = parsePaperContent(json)
    expect(read.problems).toEqual([])
    expect(canonicalJson(read.value)).toBe(json)
    expect(isCanonicalContent(json)).toBe(true)
    expect(isCanonicalContent(JSON.stringify(content))).toBe(false)
    expect(hashCanonical(json)).toBe(contentHash(content))
    const broken = parsePaperContent('{"title": 3')
    expect(broken.problems[0]?.message).toMatch(/not JSON/)
    expect(broken.value.body).toEqual({ type: 'doc', content: [] })
  })

  it("is built from the body's normal form, so attributes the schema fills in are in it", () => {
    const doc = writtenAtOnce()
    expect(paperContent(doc).body).toEqual(readBodyJSON(doc).value)
  })
})
