import { describe, expect, test } from 'vitest'
import { createFormatters, createTranslator } from '../../../shared/i18n/index.ts'
import type { Thread } from '../../../shared/model/index.ts'
import { unsentComments, unsentJson, unsentMarkdown } from './unsent-comments.ts'

const ole = { memberId: 'm-ole', name: 'Ole Hansen', organisation: 'Nordic Edge' }
const kari = { memberId: 'm-kari', name: 'Kari Nordmann', organisation: 'UiS' }
const at = Date.UTC(2026, 10, 20, 9, 30)

function thread(id: string, patch: Partial<Thread>): Thread {
  return {
    id,
    anchor: null,
    quote: 'tre til fem setninger',
    author: ole,
    text: '',
    createdAt: at,
    editedAt: null,
    state: 'open',
    resolvedBy: null,
    resolvedAt: null,
    replies: [],
    suggestion: null,
    decision: null,
    tracked: null,
    ...patch,
  }
}

const threads = [
  thread('t1', { text: 'Sent long ago' }),
  thread('t2', { text: 'Bør vi nevne Bodø?\nOg Tromsø?', suggestion: { text: 'to setninger' } }),
  thread('t3', {
    author: kari,
    text: 'Kari asked',
    replies: [
      { id: 'r1', author: ole, text: 'Ja, gjerne.', createdAt: at + 1, editedAt: null },
      { id: 'r2', author: kari, text: 'Takk', createdAt: at + 2, editedAt: null },
    ],
  }),
]
const waiting = new Set(['t2', 't3', 't3/r1', 't3/r2'])
const context = { paper: 'Felles innspill', workspace: 'Norske smartbyer', author: ole }

describe('comments a revoked member could not send', () => {
  test("are only the member's own that the relay never got: comments and replies", () => {
    const unsent = unsentComments(threads, waiting, ole.memberId)
    expect(unsent.map((c) => [c.id, c.kind, c.inReplyTo])).toEqual([
      ['t2', 'comment', null],
      ['t3/r1', 'reply', 'Kari Nordmann'],
    ])
  })

  test('as Markdown: each with what it is on, quoted, and any suggested wording', () => {
    const t = createTranslator('nb')
    const markdown = unsentMarkdown(
      unsentComments(threads, waiting, ole.memberId),
      context,
      t,
      createFormatters('nb', t),
    )
    expect(markdown).toMatch(/^# Kommentarer som ikke ble sendt: Felles innspill\n/)
    expect(markdown).toContain('av Ole Hansen (Nordic Edge)')
    expect(markdown).toContain('## Kommentar fra Ole Hansen, 20. nov. 2026')
    expect(markdown).toContain('> tre til fem setninger')
    expect(markdown).toContain('Bør vi nevne Bodø?\nOg Tromsø?')
    expect(markdown).toContain('Forslag til ny tekst:\n\n> to setninger')
    expect(markdown).toContain('## Svar fra Ole Hansen til Kari Nordmann')
    expect(markdown).not.toContain('Sent long ago')
    expect(markdown).not.toContain('Takk')
  })

  test('as JSON: stable fields and ISO times, for a tool to read back', () => {
    const parsed = JSON.parse(unsentJson(unsentComments(threads, waiting, ole.memberId), context))
    expect(parsed).toMatchObject({
      kind: 'samstemt-unsent-comments',
      version: 1,
      paper: 'Felles innspill',
      author: { name: 'Ole Hansen', organisation: 'Nordic Edge' },
      comments: [
        {
          id: 't2',
          kind: 'comment',
          quote: 'tre til fem setninger',
          suggestion: 'to setninger',
          createdAt: '2026-11-20T09:30:00.000Z',
        },
        { id: 't3/r1', kind: 'reply', inReplyTo: 'Kari Nordmann', text: 'Ja, gjerne.' },
      ],
    })
  })
})
