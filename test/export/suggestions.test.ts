import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import {
  openSuggestions,
  renderExport,
  toPrintHtml,
  withoutSuggestions,
} from '../../shared/export/index.ts'
import type { ExportSource } from '../../shared/export/index.ts'
import { useTempDir } from '../helpers/temp-dir.ts'
import { libreOfficeText, readDocx } from './tools.ts'

const tempDir = useTempDir('samstemt-export-suggestions-')

const ole = {
  id: 's-ole',
  memberId: 'm-ole',
  name: 'Ole Hansen',
  organisation: 'Nordic Edge',
  at: Date.UTC(2026, 10, 30, 9, 15),
}
const ingrid = {
  id: 's-ingrid',
  memberId: 'm-ingrid',
  name: 'Ingrid Dahl',
  organisation: 'NTNU',
  at: Date.UTC(2026, 11, 1, 14, 0),
}

/** A paper with two members' open suggestions, and a comment on text after them. */
function paper(): ExportSource {
  return {
    title: 'Felles innspill om finansiering',
    recipients: ['Kommunal- og distriktsdepartementet'],
    language: 'nb',
    date: '2026-12-03',
    place: 'Trondheim',
    body: {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Byene trenger ' },
            { type: 'text', text: 'stabil ', marks: [{ type: 'suggestInsert', attrs: ole }] },
            { type: 'text', text: 'finansiering ' },
            { type: 'text', text: 'hvert år', marks: [{ type: 'suggestDelete', attrs: ingrid }] },
            { type: 'text', text: ' over tid.' },
          ],
        },
      ],
    },
    signatories: [],
    versionName: null,
    comments: [
      {
        id: 't1',
        author: 'Kari Nordmann',
        organisation: 'UiS',
        text: 'Hvor lenge?',
        createdAt: Date.UTC(2026, 11, 2),
        replies: [],
        // "over tid" in the text with the suggestions.
        range: { start: 43, end: 51 },
      },
    ],
  }
}

describe('open suggestions in the exports', () => {
  test('DOCX: Word tracked changes by their authors at their times, read back by python-docx and LibreOffice', async () => {
    const file = join(tempDir(), 'suggestions.docx')
    writeFileSync(file, await renderExport(paper(), { format: 'docx' }))
    const report = await readDocx(file)
    expect(report.revisions).toEqual([
      {
        kind: 'ins',
        text: 'stabil ',
        author: 'Ole Hansen (Nordic Edge)',
        date: '2026-11-30T09:15:00Z',
      },
      {
        kind: 'del',
        text: 'hvert år',
        author: 'Ingrid Dahl (NTNU)',
        date: '2026-12-01T14:00:00Z',
      },
    ])
    // LibreOffice shows the text with the changes as tracked: both the new and the old words.
    const text = await libreOfficeText(file)
    expect(text).toContain('stabil')
    expect(text).toContain('hvert år')
  }, 120_000)

  test('PDF: a redline naming who suggested what', () => {
    const html = toPrintHtml(paper(), {})
    expect(html).toContain('<ins title="Ole Hansen (Nordic Edge)">stabil </ins>')
    expect(html).toContain('<del title="Ingrid Dahl (NTNU)">hvert år</del>')
  })

  test('left out (and in Markdown and HTML, which cannot show them): the paper as agreed, comments on the same words', async () => {
    const source = paper()
    expect(openSuggestions(source)).toBe(2)
    const agreed = withoutSuggestions(source)
    expect(openSuggestions(agreed)).toBe(0)
    const text = (agreed.body.content?.[0]?.content ?? []).map((n) => n.text).join('')
    expect(text).toBe('Byene trenger finansiering hvert år over tid.')
    const range = agreed.comments?.[0]?.range
    expect(range && text.slice(range.start, range.end)).toBe('over tid')

    const markdown = new TextDecoder().decode(await renderExport(source, { format: 'md' }))
    expect(markdown).toContain('Byene trenger finansiering hvert år over tid.')
    expect(markdown).not.toContain('stabil')
    const html = new TextDecoder().decode(await renderExport(source, { format: 'html' }))
    expect(html).not.toContain('stabil')
    expect(html).not.toContain('<del')
  })
})
