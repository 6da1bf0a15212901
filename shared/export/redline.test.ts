import type { JSONContent } from '@tiptap/core'
import { describe, expect, it } from 'vitest'
import { redline } from './redline.ts'
import type { Block, Inline } from './tree.ts'
import type { ExportSource } from './types.ts'

const paragraph = (text: string, marks?: JSONContent['marks']): JSONContent => ({
  type: 'paragraph',
  content: [{ type: 'text', text, ...(marks ? { marks } : {}) }],
})
const list = (...items: string[]): JSONContent => ({
  type: 'bulletList',
  content: items.map((item) => ({ type: 'listItem', content: [paragraph(item)] })),
})

function version(name: string, content: JSONContent[]): ExportSource {
  return {
    title: 'Notat',
    recipients: [],
    language: 'en',
    date: '2026-11-27',
    place: null,
    body: { type: 'doc', content },
    signatories: [],
    versionName: name,
  }
}

/** Inlines as `text`, `[-deleted-]` and `{+inserted+}`. */
function show(inlines: readonly Inline[]): string {
  return inlines
    .map((inline) => {
      const text = inline.kind === 'text' ? inline.text : '\n'
      return inline.change === 'del'
        ? `[-${text}-]`
        : inline.change === 'ins'
          ? `{+${text}+}`
          : text
    })
    .join('')
}

function describeBlocks(blocks: readonly Block[]): string[] {
  return blocks.flatMap((block): string[] => {
    const mark = block.change ? `${block.change} ` : ''
    switch (block.kind) {
      case 'paragraph':
      case 'heading':
        return [`${mark}${block.kind}: ${show(block.inlines)}`]
      case 'list':
        return block.items.map(
          (item) =>
            `${mark}${item.change ? `${item.change} ` : ''}item: ${describeBlocks(item.blocks).join(' / ')}`,
        )
      default:
        return [`${mark}${block.kind}`]
    }
  })
}

describe('a redline', () => {
  it('compares a changed paragraph word by word', () => {
    const document = redline(
      version('v1', [paragraph('Cities need two years to apply.')]),
      version('v2', [paragraph('Cities need three years to apply.')]),
    )
    expect(describeBlocks(document.blocks)).toEqual([
      'paragraph: Cities need [-two-]{+three+} years to apply.',
    ])
    expect(document.redline).toEqual({ from: 'v1', to: 'v2' })
  })

  it('shows a block with nothing in common as deleted and inserted whole', () => {
    const document = redline(
      version('v1', [paragraph('Keep this.'), paragraph('Entirely different words here.')]),
      version('v2', [paragraph('Keep this.'), paragraph('Nothing alike remains.')]),
    )
    expect(describeBlocks(document.blocks)).toEqual([
      'paragraph: Keep this.',
      'del paragraph: Entirely different words here.',
      'ins paragraph: Nothing alike remains.',
    ])
  })

  it('marks list items added and removed, and word-diffs those that changed', () => {
    const document = redline(
      version('v1', [list('First point.', 'Second point.', 'Third point stays.')]),
      version('v2', [list('First point, sharper.', 'Third point stays.', 'A new fourth.')]),
    )
    expect(describeBlocks(document.blocks)).toEqual([
      'item: paragraph: First point{+, sharper+}.',
      'del item: paragraph: Second point.',
      'item: paragraph: Third point stays.',
      'ins item: paragraph: A new fourth.',
    ])
  })

  it('keeps the marks of each side on its words', () => {
    const [block] = redline(
      version('v1', [paragraph('A bold claim', [{ type: 'bold' }])]),
      version('v2', [paragraph('A modest claim', [{ type: 'italic' }])]),
    ).blocks
    const pieces = block?.kind === 'paragraph' ? block.inlines : []
    const deleted = pieces.find((inline) => inline.change === 'del')
    const inserted = pieces.find((inline) => inline.change === 'ins')
    expect(deleted).toMatchObject({ text: 'bold', marks: { bold: true } })
    expect(inserted).toMatchObject({ text: 'modest', marks: { italic: true } })
  })

  it('of identical versions has no changes', () => {
    const body = [paragraph('Same.'), list('One', 'Two')]
    const document = redline(version('v1', body), version('v2', structuredClone(body)))
    expect(JSON.stringify(document.blocks)).not.toMatch(/"change"/)
  })
})
