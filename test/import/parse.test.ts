import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { JSONContent } from '@tiptap/core'
import { beforeAll, describe, expect, test } from 'vitest'
import { toDocx } from '../../shared/export/index.ts'
import type { ExportSource } from '../../shared/export/types.ts'
import { parseDocx, type ParsedDocx } from '../../shared/import/parse-docx.ts'
import { bodySchema } from '../../shared/model/schema.ts'
import { listTracked } from '../../shared/model/tracked.ts'
import { useTempDir } from '../helpers/temp-dir.ts'
import { bodyText, FIXTURES, libreOffice, pythonDocx } from './tools.ts'

const NOW = Date.UTC(2026, 11, 1)

async function parse(bytes: Uint8Array): Promise<ParsedDocx> {
  const result = await parseDocx(bytes, { now: NOW })
  if (!result.ok) throw new Error(result.error.message)
  // Whatever the DOCX, the body fits the paper's schema.
  bodySchema().nodeFromJSON(result.value.body).check()
  return result.value
}

function find(body: JSONContent, predicate: (node: JSONContent) => boolean): JSONContent[] {
  const found: JSONContent[] = []
  const visit = (node: JSONContent) => {
    if (predicate(node)) found.push(node)
    for (const child of node.content ?? []) visit(child)
  }
  visit(body)
  return found
}

describe('a DOCX written by LibreOffice, with tracked changes and a comment made in it', () => {
  let parsed: ParsedDocx
  beforeAll(async () => {
    parsed = await parse(await libreOffice(join(FIXTURES, 'review-nb.fodt'), 'docx'))
  }, 120_000)

  test('keeps the title, headings, lists with nesting, the table, the link and the footnote', () => {
    expect(parsed.title).toBe('Smarte byer i Nord-Norge')
    expect(parsed.language).toBe('nb')
    const text = bodyText(parsed.body)
    expect(text).not.toContain('Smarte byer i Nord-Norge')
    const headings = find(parsed.body, (n) => n.type === 'heading')
    expect(headings.map((h) => [h.attrs?.level, h.content?.[0]?.text])).toEqual([
      [2, 'Hovedbudskap'],
      [2, 'Bakgrunn'],
      [3, 'Tall'],
      [2, 'Anbefalinger'],
      [2, 'Noter'],
    ])
    const nested = find(parsed.body, (n) => n.type === 'bulletList')
    expect(nested).toHaveLength(2)
    expect(bodyText(nested[1] ?? {})).toBe('Tromsø og Bodø leder arbeidet.')
    expect(find(parsed.body, (n) => n.type === 'orderedList')).toHaveLength(2)
    expect(bodyText(find(parsed.body, (n) => n.type === 'table')[0] ?? {})).toBe(
      'By\nKutt\nTromsø\n12 %',
    )
    const link = find(parsed.body, (n) => n.marks?.some((m) => m.type === 'link') ?? false)
    expect(link.map((n) => [n.text, n.marks?.[0]?.attrs?.href])).toEqual([
      ['Smartbyene', 'https://smartbyene.no/'],
    ])
    expect(text).toContain('se Smartbyene.[1]')
    expect(text).toMatch(/Noter\nRapport fra 2025\.\s*$/)
    const marks = (text: string) =>
      find(parsed.body, (n) => n.text === text)[0]?.marks?.map((m) => m.type)
    expect(marks('egne midler')).toEqual(['bold'])
    expect(marks('målbare')).toEqual(['italic'])
    expect(marks('Viktig')).toEqual(['underline'])
  })

  test('makes its tracked insertions, deletion and new paragraph suggestions by their authors', () => {
    const suggestions = listTracked(parsed.body).map((s) => ({
      by: s.author.name,
      kinds: s.kinds,
      inserted: s.inserted,
      deleted: s.deleted,
      at: new Date(s.author.at).toISOString(),
    }))
    expect(suggestions).toEqual([
      {
        by: 'Kari Nordmann',
        kinds: ['insert'],
        inserted: 'over ',
        deleted: '',
        at: '2026-11-20T10:15:00.000Z',
      },
      {
        by: 'Kari Nordmann',
        kinds: ['delete'],
        inserted: '',
        deleted: 'tre ',
        at: '2026-11-20T10:16:00.000Z',
      },
      {
        by: 'Per Hansen',
        kinds: ['split', 'insert'],
        inserted: 'Ny setning fra Per.',
        deleted: '',
        at: '2026-11-21T09:00:00.000Z',
      },
    ])
    expect(parsed.authors.map((a) => a.name)).toEqual(['Kari Nordmann', 'Per Hansen', 'Ola Nilsen'])
  })

  test('keeps the comment on the text it was made on', () => {
    expect(parsed.comments).toMatchObject([
      { author: 'Ola Nilsen', text: 'Kilde for tallet?', quote: 'Utslippene falt med 12 prosent' },
    ])
  })
})

describe('a partner paper written by python-docx', () => {
  const tempDir = useTempDir()
  let parsed: ParsedDocx
  beforeAll(async () => {
    parsed = await parse(await pythonDocx(tempDir()))
  })

  test("maps Word's headings and the partner template's own style names", () => {
    const headings = find(parsed.body, (n) => n.type === 'heading')
    expect(headings.map((h) => [h.attrs?.level, h.attrs?.section, h.content?.[0]?.text])).toEqual([
      [2, 'key-messages', 'Hovedbudskap'],
      [2, 'background', 'Bakgrunn'],
      [3, undefined, 'Tall for byene'],
      [2, 'recommendations', 'Anbefalinger'],
    ])
    expect(parsed.title).toBe('Mobilitet i mellomstore byer')
  })

  test('keeps formatting, links, lists and a merged table cell', () => {
    const byText = (text: string) => find(parsed.body, (n) => n.text === text)[0]
    expect(byText('Viktigst: ')?.marks).toEqual([{ type: 'bold' }])
    expect(byText('kortere reisetid')?.marks).toEqual([{ type: 'italic' }])
    expect(byText('regjeringen.no')?.marks).toEqual([
      { type: 'link', attrs: { href: 'https://www.regjeringen.no/' } },
      { type: 'underline' },
    ])
    expect(find(parsed.body, (n) => n.type === 'orderedList')[0]?.content).toHaveLength(2)
    const merged = find(parsed.body, (n) => n.type === 'tableCell' && n.attrs?.colspan === 2)
    expect(bodyText(merged[0] ?? {})).toBe('Sammenslått overskrift')
  })

  test('reads a deleted paragraph mark as a suggestion to join the paragraphs', () => {
    const join = find(parsed.body, (n) => n.attrs?.suggestJoin != null)
    expect(join.map((n) => [bodyText(n), n.attrs?.suggestJoin?.name])).toEqual([
      ['og andre halvdel.', 'Lars Moe'],
    ])
  })

  test('threads a reply under its comment, and says the picture was left out', () => {
    expect(parsed.comments.map((c) => [c.author, c.text, c.parentId, c.quote])).toEqual([
      ['Ingrid Berg', 'Kan vi si dette sterkere?', null, 'Dette er det viktigste punktet'],
      ['Lars Moe', 'Enig, og nevn Bergen.', '0', 'punktet'],
    ])
    expect(parsed.dropped.images).toBe(1)
    expect(parsed.lastModifiedBy).toBe('Ingrid Berg')
  })
})

describe('a DOCX written by our own export', () => {
  test('gives back the title, recipients, date, version, key messages, sections and signatories', async () => {
    const source = JSON.parse(
      readFileSync(join(import.meta.dirname, '../fixtures/export/paper-nb.json'), 'utf8'),
    ) as ExportSource
    const parsed = await parse(await toDocx(source))
    expect(parsed).toMatchObject({
      title: source.title,
      recipients: source.recipients,
      language: 'nb',
      dated: { date: source.date, place: source.place },
      versionName: source.versionName,
      organisations: source.signatories.map((s) => s.organisation),
    })
    const sections = find(parsed.body, (n) => n.attrs?.section != null).map((n) => n.attrs?.section)
    expect(sections).toEqual(['key-messages', 'background', 'recommendations', 'signatories'])
    expect(bodyText(parsed.body)).toContain('Norske byer ber Mission Board om én felles')
  })
})
