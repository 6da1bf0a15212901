import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { loadExportFonts } from '../../shared/export-node/fonts.ts'
import { toMarkdown, toStandaloneHtml } from '../../shared/export/index.ts'
import { useTempDir } from '../helpers/temp-dir.ts'
import { fixturePaper } from './fixture.ts'
import { pandocAst, pandocNodes, pandocText, type PandocBlock } from './tools.ts'

const tempDir = useTempDir('samstemt-export-text-')

function save(name: string, text: string): string {
  const file = join(tempDir(), name)
  writeFileSync(file, text)
  return file
}

/** Headers of a pandoc AST as [level, text]. */
function headers(blocks: unknown): [number, string][] {
  return pandocNodes(blocks, 'Header').map((header) => {
    const [level, , inlines] = header.c as [number, unknown, unknown]
    return [level, pandocText(inlines)]
  })
}

describe('the standalone HTML export', () => {
  test('is one self-contained file: the fonts embedded, the paper’s language declared', () => {
    const html = toStandaloneHtml(fixturePaper(), { fonts: loadExportFonts() })
    expect(html).toMatch(/^<!doctype html>\n<html lang="nb">/)
    expect(html).toContain('<meta charset="utf-8">')
    expect(html).toMatch(/@font-face\{font-family:'Source Serif 4 Variable';font-style:italic/)
    expect(html).toContain('src:url("data:font/woff2;base64,')
    expect(html).not.toMatch(/(src|href)="(?!https:|data:|#)/)
  })

  test('reads back through pandoc with its title, sections, lists, table and link', async () => {
    const ast = await pandocAst(save('paper.html', toStandaloneHtml(fixturePaper())), 'html')
    expect(headers(ast.blocks)).toEqual([
      [1, 'Norske byer og universiteter i EUs bymisjon: én stemme mot Mission Board'],
      [2, 'Hovedbudskap'],
      [2, 'Bakgrunn'],
      [3, 'Partnernes bidrag'],
      [4, 'Roller i europeiske nettverk'],
      [2, 'Anbefalinger'],
      [2, 'Underskrivere'],
    ])
    expect(pandocNodes(ast.blocks, 'Table')).toHaveLength(1)
    expect(pandocNodes(ast.blocks, 'OrderedList')).toHaveLength(2)
    const links = pandocNodes(ast.blocks, 'Link').map(
      (link) => (link.c as [unknown, unknown, [string]])[2][0],
    )
    expect(links).toEqual(['https://research-and-innovation.ec.europa.eu/'])
    const text = pandocText(ast.blocks)
    expect(text).toContain('Til: EU Mission Board for Climate-Neutral and Smart Cities')
    expect(text).toContain('godkjent av Åse Bjørnstad')
  })

  test('escapes the paper’s text, so markup typed into a paper stays text', () => {
    const paper = fixturePaper()
    const html = toStandaloneHtml({
      ...paper,
      title: '<script>alert("x")</script> & Co',
      body: {
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [
              {
                type: 'text',
                text: 'click',
                marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }],
              },
            ],
          },
        ],
      },
    })
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co')
    expect(html).not.toContain('<script>')
    expect(html).not.toContain('javascript:')
    expect(html).toContain('<p>click</p>')
  })

  test('marks commented text and lists the comments at the end when asked to', () => {
    const html = toStandaloneHtml(fixturePaper(), { includeComments: true })
    expect(html).toContain(
      '<mark class="comment"><strong>én felles finansieringsordning</strong></mark><sup class="comment-ref"><a href="#comment-1">1</a></sup>',
    )
    expect(html).toContain(
      '<li id="comment-2"><span class="who">Øystein Ås (Universitetet i Stavanger)</span>',
    )
    expect(toStandaloneHtml(fixturePaper())).not.toContain('class="comment')
  })
})

describe('the Markdown export', () => {
  test('reads back through pandoc (GitHub-flavoured) with the same structure as the paper', async () => {
    const ast = await pandocAst(save('paper.md', toMarkdown(fixturePaper())), 'gfm')
    expect(headers(ast.blocks)).toEqual([
      [1, 'Norske byer og universiteter i EUs bymisjon: én stemme mot Mission Board'],
      [2, 'Hovedbudskap'],
      [2, 'Bakgrunn'],
      [3, 'Partnernes bidrag'],
      [4, 'Roller i europeiske nettverk'],
      [2, 'Anbefalinger'],
      [2, 'Underskrivere'],
    ])
    const [table] = pandocNodes(ast.blocks, 'Table')
    expect(pandocText(table)).toContain('Stavanger kommune ERRIN, EUROCITIES')
    // The two partner sub-lists are nested in the bullet list, and the list stays tight.
    const partners = pandocNodes(ast.blocks, 'BulletList')[1] as PandocBlock
    expect(pandocNodes(partners, 'BulletList')).toHaveLength(2)
    expect(pandocNodes(partners, 'OrderedList')).toHaveLength(1)
    expect(pandocNodes(partners, 'Para')).toHaveLength(0)
    expect(pandocNodes(ast.blocks, 'Strikeout').map(pandocText)).toEqual(['1. desember'])
    expect(pandocNodes(ast.blocks, 'Code').map((code) => (code.c as [unknown, string])[1])).toEqual(
      ['HORIZON-MISS-2027-CIT-01'],
    )
    expect(pandocNodes(ast.blocks, 'CodeBlock')).toHaveLength(1)
    expect(pandocText(ast.blocks)).toContain('Tromsø, Bodø og Ålesund')
  })

  test('keeps comments as footnotes after the text they are about', async () => {
    const markdown = toMarkdown(fixturePaper(), { includeComments: true })
    expect(markdown).toContain('**én felles finansieringsordning**[^c1]')
    const ast = await pandocAst(save('paper.md', markdown), 'gfm+footnotes')
    const notes = pandocNodes(ast.blocks, 'Note').map(pandocText)
    expect(notes).toHaveLength(2)
    expect(notes[0]).toContain('Kan vi nevne Bodø her også?')
    expect(notes[0]).toContain('Ja, Bodø er med fra våren.')
    expect(notes[1]).toContain('Stemmer fristen?')
  })

  test('escapes text that Markdown would read as syntax', async () => {
    const markdown = toMarkdown({
      ...fixturePaper(),
      body: {
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [{ type: 'text', text: '1. januar er *ikke* # en [lenke]' }],
          },
          { type: 'paragraph', content: [{ type: 'text', text: '- ikke en liste' }] },
        ],
      },
    })
    const ast = await pandocAst(save('paper.md', markdown), 'gfm')
    expect(pandocNodes(ast.blocks, 'Emph')).toEqual([])
    expect(pandocNodes(ast.blocks, 'OrderedList')).toEqual([])
    expect(pandocNodes(ast.blocks, 'BulletList')).toHaveLength(1) // the signatories
    expect(pandocText(ast.blocks)).toContain('1. januar er *ikke* # en [lenke]')
    expect(pandocText(ast.blocks)).toContain('- ikke en liste')
  })
})
