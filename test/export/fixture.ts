import type { JSONContent } from '@tiptap/core'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ExportComment, ExportSource } from '../../shared/export/index.ts'

const FIXTURES = join(import.meta.dirname, '../fixtures/export')

/** The text of the body's text nodes in document order: the coordinates of comment ranges. */
export function bodyText(body: JSONContent): string {
  return (body.text ?? '') + (body.content ?? []).map(bodyText).join('')
}

/** The range of the first occurrence of `quote` in the body, as resolveAnchor would give it. */
export function rangeOf(body: JSONContent, quote: string): { start: number; end: number } {
  const start = bodyText(body).indexOf(quote)
  if (start < 0) throw new Error(`"${quote}" is not in the fixture's body`)
  return { start, end: start + quote.length }
}

/** The Norwegian fixture paper (test/fixtures/export/paper-nb.json) with two comment threads. */
export function fixturePaper(): ExportSource {
  const paper = JSON.parse(readFileSync(join(FIXTURES, 'paper-nb.json'), 'utf8')) as ExportSource
  const comments: ExportComment[] = [
    {
      id: 'c1',
      author: 'Åse Bjørnstad',
      organisation: 'Smartbyene',
      text: 'Kan vi nevne Bodø her også?',
      createdAt: Date.UTC(2026, 10, 20, 9, 30),
      replies: [
        {
          author: 'Kari Nordmann',
          organisation: 'Nordic Edge',
          text: 'Ja, Bodø er med fra våren.',
          createdAt: Date.UTC(2026, 10, 20, 11, 5),
        },
      ],
      range: rangeOf(paper.body, 'én felles finansieringsordning'),
      quote: 'én felles finansieringsordning',
    },
    {
      id: 'c2',
      author: 'Øystein Ås',
      organisation: 'Universitetet i Stavanger',
      text: 'Stemmer fristen? Høringen ble forlenget.',
      createdAt: Date.UTC(2026, 10, 21, 14, 0),
      replies: [],
      range: rangeOf(paper.body, 'arbeidsprogrammet for 2027'),
      quote: 'arbeidsprogrammet for 2027',
    },
  ]
  return { ...paper, comments }
}

/**
 * The fixture paper as version "Utkast 1", and a later "Endelig 1" that changes a key message,
 * drops a recommendation, adds a paragraph and changes a table cell.
 */
export function fixtureVersions(): { before: ExportSource; after: ExportSource } {
  const after = fixturePaper()
  delete after.comments
  const before: ExportSource = {
    ...structuredClone(after),
    versionName: 'Utkast 1',
    date: '2026-11-01',
  }
  const body = after.body.content ?? []
  const replaceText = (from: string, to: string) => {
    const visit = (node: JSONContent): void => {
      if (typeof node.text === 'string') node.text = node.text.replace(from, to)
      node.content?.forEach(visit)
    }
    body.forEach(visit)
  }
  replaceText('to år', 'tre år')
  replaceText('Expo og næringsklynge', 'Messe og næringsklynge')
  const recommendations = body.find((node) => node.type === 'orderedList')
  recommendations?.content?.splice(1, 1)
  const background = body.findIndex((node) => node.type === 'paragraph')
  body.splice(background + 1, 0, {
    type: 'paragraph',
    content: [{ type: 'text', text: 'Kommunesektoren i Nord-Norge står også bak notatet.' }],
  })
  return { before, after }
}
