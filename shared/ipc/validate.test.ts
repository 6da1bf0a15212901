import { describe, expect, it } from 'vitest'
import { formatInviteLink } from '../protocol/index.ts'
import type { ExportSource } from '../export/index.ts'
import type { Channel } from './contract.ts'
import { CHANNELS, EVENTS, LIMITS, validateEvent, validateRequest } from './validate.ts'

const link = formatInviteLink({
  relay: 'wss://relay.example.org',
  workspace: 'smart-cities',
  token: 'A'.repeat(43),
  name: 'Ingrid',
})
const update = new Uint8Array([0, 0])

/** A short paper as the renderer sends it for export. */
function paper(): ExportSource {
  return {
    title: 'Én stemme for byene',
    recipients: ['EU Mission Board'],
    language: 'nb',
    date: '2026-11-27',
    place: 'Stavanger',
    body: {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Hovedbudskap' }] },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Byene ', marks: [{ type: 'bold' }] },
            {
              type: 'text',
              text: 'samarbeider',
              marks: [{ type: 'link', attrs: { href: 'https://example.org', target: null } }],
            },
          ],
        },
        {
          type: 'table',
          content: [
            {
              type: 'tableRow',
              content: [
                {
                  type: 'tableCell',
                  attrs: { colspan: 1, rowspan: 1, colwidth: [120] },
                  content: [{ type: 'paragraph' }],
                },
              ],
            },
          ],
        },
      ],
    },
    signatories: [{ organisation: 'NTNU', endorsedBy: 'Annemie', versionName: 'Endelig 1' }],
    versionName: null,
    comments: [
      {
        id: 'c1',
        author: 'Åse',
        organisation: 'Smartbyene',
        text: 'Bodø?',
        createdAt: Date.UTC(2026, 10, 20),
        replies: [{ author: 'Kari', organisation: 'Nordic Edge', text: 'Ja', createdAt: 1 }],
        range: { start: 0, end: 4 },
        quote: 'Byen',
        resolved: false,
      },
    ],
  }
}

function exportRequest(patch: Record<string, unknown> = {}) {
  return {
    format: 'pdf',
    source: paper(),
    compareWith: null,
    includeComments: true,
    suggestedName: 'Én stemme: for byene',
    ...patch,
  }
}

/** One valid request per channel; the tests below break each in turn. */
const valid: Record<Channel, unknown> = {
  'app/info': undefined,
  'settings/get': undefined,
  'settings/update': { language: 'en', lastWorkspace: null, secretsNoticeSeen: true },
  'workspaces/list': undefined,
  'workspaces/preview-invite': { link },
  'workspaces/join': { link, allowInsecure: true },
  'workspaces/create-sample': undefined,
  'workspaces/connection': { workspace: 'smart-cities' },
  'workspaces/create': { from: 'smart-cities', name: 'Baltic ports' },
  'workspaces/can-create': { from: 'smart-cities' },
  'members/list': { workspace: 'smart-cities' },
  'members/invite': {
    workspace: 'smart-cities',
    name: 'Ole Hansen',
    organisation: 'Nordic Edge',
    role: 'reviewer',
    expiresInDays: 7,
  },
  'members/set-role': { workspace: 'smart-cities', member: 'm7', role: 'editor' },
  'members/revoke': { workspace: 'smart-cities', member: 'm7' },
  'store/load': { doc: 'smart-cities/paper/p1' },
  'store/append': { doc: 'smart-cities/paper/p1/comments', updates: [update] },
  'store/confirm': { doc: 'smart-cities/paper/p1', stateVector: new Uint8Array([1, 7, 3]) },
  'export/save': exportRequest(),
  'export/save-text': { format: 'json', text: '{}', suggestedName: 'Unsent comments' },
  'import/read': { fileName: 'Innspill.docx', bytes: new Uint8Array([0x50, 0x4b, 3, 4]) },
  'import/open': undefined,
  'log/write': { level: 'warn', message: 'offline for 3 minutes' },
  'spelling/language': { language: 'nb' },
  'update/status': undefined,
  'update/restart': undefined,
}

function refusal(channel: unknown, payload: unknown): string {
  const result = validateRequest(channel, payload)
  if (result.ok) throw new Error(`expected ${String(channel)} to be refused`)
  expect(result.error.code).toBe('invalid-payload')
  return result.error.message
}

describe('validateRequest', () => {
  it.each(CHANNELS)('accepts a well-formed %s request', (channel) => {
    expect(validateRequest(channel, valid[channel])).toEqual({
      ok: true,
      value: { channel, request: valid[channel] },
    })
  })

  it('knows exactly the channels of the contract', () => {
    expect([...CHANNELS].sort()).toEqual(Object.keys(valid).sort())
  })

  it('refuses a channel that is not in the contract, and non-string channel names', () => {
    expect(refusal('fs/read', { path: '/etc/passwd' })).toContain('no channel "fs/read"')
    expect(refusal(42, undefined)).toContain('no channel')
    expect(refusal('constructor', undefined)).toContain('no channel')
    expect(refusal('__proto__', undefined)).toContain('no channel')
  })

  it('refuses a payload on a channel that takes none', () => {
    expect(refusal('app/info', { verbose: true })).toContain('must be absent')
    expect(refusal('workspaces/list', null)).toContain('must be absent')
  })

  it('refuses missing fields, extra fields and wrong types', () => {
    expect(refusal('workspaces/join', {})).toContain('request.link is missing')
    expect(refusal('workspaces/join', { link, admin: true })).toContain('admin is not expected')
    expect(refusal('workspaces/join', { link: 7 })).toContain('must be a link')
    expect(refusal('workspaces/join', 'samstemt://join')).toContain('must be an object')
    expect(refusal('workspaces/join', [link])).toContain('must be an object')
    expect(refusal('log/write', { level: 'debug', message: 'x' })).toContain('one of info, warn')
    expect(refusal('settings/update', { language: 'sv' })).toContain('one of nb, en')
    expect(refusal('workspaces/join', { link, allowInsecure: 'yes' })).toContain('true or false')
    expect(refusal('members/set-role', { workspace: 'w', member: 'm7', role: 'owner' })).toContain(
      'one of coordinator, editor, reviewer',
    )
    expect(refusal('members/revoke', { workspace: 'w', member: '../w2/m1' })).toContain(
      'must be an id',
    )
    expect(
      refusal('members/invite', {
        workspace: 'w',
        name: 'A',
        organisation: '',
        role: 'editor',
        expiresInDays: null,
      }),
    ).toContain('organisation is empty')
    expect(
      refusal('members/invite', {
        workspace: 'w',
        name: 'A',
        organisation: 'B',
        role: 'editor',
        expiresInDays: 366,
      }),
    ).toContain('from 1 to 365')
    expect(refusal('spelling/language', { language: 'nn' })).toContain('one of nb, en')
    expect(refusal('settings/update', { theme: 'dark' })).toContain('theme is not expected')
    expect(refusal('settings/update', { lastWorkspace: '../x' })).toContain('must be an id')
  })

  it('refuses a prototype-polluting key even when it is an own property', () => {
    const hostile = JSON.parse(`{"link": ${JSON.stringify(link)}, "__proto__": {"admin": true}}`)
    expect(refusal('workspaces/join', hostile)).toContain('__proto__ is not expected')
  })

  it('refuses oversized strings', () => {
    const long = 'samstemt://join?' + 'x'.repeat(LIMITS.linkChars)
    expect(refusal('workspaces/preview-invite', { link: long })).toContain('longer than 2048')
    const message = 'x'.repeat(LIMITS.logChars + 1)
    expect(refusal('log/write', { level: 'info', message })).toContain('longer than 8192')
  })

  it('refuses doc names that are not room names', () => {
    for (const doc of ['', '../../etc/passwd', 'w/paper', 'w/index/extra', 'a b/index']) {
      expect(refusal('store/load', { doc })).toContain('request.doc')
    }
  })

  it('refuses updates that are not Uint8Arrays', () => {
    const doc = 'w1/index'
    expect(refusal('store/append', { doc, updates: [[0, 0]] })).toContain('must be bytes')
    expect(refusal('store/append', { doc, updates: ['AAA='] })).toContain('updates[0]')
    expect(refusal('store/append', { doc, updates: [new Uint16Array(2)] })).toContain('bytes')
    expect(refusal('store/append', { doc, updates: [update.buffer] })).toContain('bytes')
    expect(refusal('store/append', { doc, updates: update })).toContain('must be an array')
  })

  it('refuses empty, too many and too large updates', () => {
    const doc = 'w1/index'
    expect(refusal('store/append', { doc, updates: [] })).toContain('is empty')
    expect(refusal('store/append', { doc, updates: [new Uint8Array(0)] })).toContain('is empty')
    const many = Array.from({ length: LIMITS.updatesPerBatch + 1 }, () => update)
    expect(refusal('store/append', { doc, updates: many })).toContain('more than 10000 items')
    const huge = new Uint8Array(LIMITS.updateBytes + 1)
    expect(refusal('store/append', { doc, updates: [huge] })).toContain('larger than')
    const third = new Uint8Array(Math.floor(LIMITS.batchBytes / 3) + 1)
    expect(refusal('store/append', { doc, updates: [third, third, third] })).toContain('in all')
  })

  it('accepts a Node Buffer as bytes, as IPC may deliver one', () => {
    const result = validateRequest('store/append', {
      doc: 'w1/index',
      updates: [Buffer.from([0, 0])],
    })
    expect(result.ok).toBe(true)
  })
})

describe('validateRequest for export/save', () => {
  const source = (patch: Record<string, unknown>) =>
    exportRequest({ source: { ...paper(), ...patch } })
  const body = (...content: unknown[]) => source({ body: { type: 'doc', content } })
  const nested = (depth: number): unknown =>
    depth === 1 ? { type: 'paragraph' } : { type: 'blockquote', content: [nested(depth - 1)] }

  it('accepts every format, a redline for DOCX and PDF, and a version without comments', () => {
    for (const format of ['docx', 'pdf', 'html', 'md']) {
      expect(validateRequest('export/save', exportRequest({ format })).ok).toBe(true)
    }
    const withoutComments: Partial<ExportSource> = paper()
    delete withoutComments.comments
    for (const format of ['docx', 'pdf']) {
      const redline = exportRequest({ format, compareWith: paper(), includeComments: false })
      expect(validateRequest('export/save', redline).ok).toBe(true)
    }
    expect(validateRequest('export/save', exportRequest({ source: withoutComments })).ok).toBe(true)
  })

  it('refuses a redline to HTML or Markdown, and a redline with comments', () => {
    const html = exportRequest({ format: 'html', compareWith: paper(), includeComments: false })
    expect(refusal('export/save', html)).toContain('compareWith is for DOCX and PDF only')
    const withComments = exportRequest({ compareWith: paper(), includeComments: true })
    expect(refusal('export/save', withComments)).toContain('includeComments must be false')
  })

  it('names the field of the source that is wrong', () => {
    expect(refusal('export/save', exportRequest({ format: 'odt' }))).toContain(
      'request.format must be one of docx, pdf, html, md',
    )
    expect(refusal('export/save', source({ language: 'sv' }))).toContain('source.language')
    expect(refusal('export/save', source({ date: '27.11.2026' }))).toContain(
      'request.source.date is not a valid ISO date',
    )
    expect(refusal('export/save', source({ recipients: 'EU' }))).toContain('must be an array')
    expect(refusal('export/save', source({ signatories: [{ org: 'NTNU' }] }))).toContain(
      'signatories[0].org is not expected',
    )
    expect(refusal('export/save', source({ body: { type: 'paragraph' } }))).toContain(
      'request.source.body.type must be "doc"',
    )
    expect(refusal('export/save', body({ type: 'paragraph', content: 'x' }))).toContain(
      'request.source.body.content[0].content must be an array',
    )
    expect(refusal('export/save', body({ type: 'text', text: 7 }))).toContain(
      'text must be a string',
    )
    expect(refusal('export/save', body({ type: 'p', html: '<b>' }))).toContain(
      'html is not expected',
    )
    expect(refusal('export/save', body({ type: '<script>' }))).toContain('not a valid node type')
    expect(refusal('export/save', body({ type: 'p', attrs: { a: {} } }))).toContain(
      'attrs.a must be',
    )
    const comment = { ...paper().comments![0]!, range: { start: 5, end: 2 } }
    expect(refusal('export/save', source({ comments: [comment] }))).toContain('is after')
    expect(refusal('export/save', exportRequest({ includeComments: 'yes' }))).toContain(
      'includeComments must be true or false',
    )
    const withoutCompare: Record<string, unknown> = exportRequest()
    delete withoutCompare.compareWith
    expect(refusal('export/save', withoutCompare)).toContain('request.compareWith is missing')
  })

  it('refuses a body nested deeper than the limit, and accepts one at the limit', () => {
    expect(validateRequest('export/save', body(nested(LIMITS.exportDepth - 1))).ok).toBe(true)
    expect(refusal('export/save', body(nested(LIMITS.exportDepth)))).toContain(
      `nested more than ${LIMITS.exportDepth} levels deep`,
    )
  })

  it('refuses a paper past its size limits: characters, nodes, names and file name', () => {
    const long = 'x'.repeat(LIMITS.exportChars / 2)
    const text = { type: 'paragraph', content: [{ type: 'text', text: long }] }
    expect(validateRequest('export/save', body(text)).ok).toBe(true)
    expect(refusal('export/save', body(text, text, text))).toContain(
      `more than ${LIMITS.exportChars} characters in all`,
    )
    // The redline's older version has limits of its own, not a share of the newer one's.
    const big = { ...paper(), body: { type: 'doc', content: [text] } }
    const redline = exportRequest({ source: big, compareWith: big, includeComments: false })
    expect(validateRequest('export/save', redline).ok).toBe(true)
    const many = Array.from({ length: LIMITS.exportNodes }, () => ({ type: 'horizontalRule' }))
    const crowded = source({ body: { type: 'doc', content: many } })
    expect(refusal('export/save', crowded)).toContain(`more than ${LIMITS.exportNodes} nodes`)
    const title = 'T'.repeat(LIMITS.exportFieldChars + 1)
    expect(refusal('export/save', source({ title }))).toContain('title is longer than')
    const suggestedName = 'n'.repeat(LIMITS.exportFileNameChars + 1)
    expect(refusal('export/save', exportRequest({ suggestedName }))).toContain(
      'suggestedName is longer than',
    )
  })
})

describe('validateEvent', () => {
  it('accepts each event of the contract with its payload', () => {
    expect(validateEvent('app/invite', { link }).ok).toBe(true)
    expect(validateEvent('store/problem', { code: 'disk-full', message: 'Free space' }).ok).toBe(
      true,
    )
    for (const stage of ['preparing', 'rendering', 'printing', 'writing', 'done']) {
      expect(validateEvent('export/progress', { stage }).ok).toBe(true)
    }
    for (const menu of EVENTS.filter((event) => event.startsWith('menu/'))) {
      expect(validateEvent(menu, null).ok).toBe(true)
    }
    expect(validateEvent('update/status', { state: 'ready', version: '0.2.0' }).ok).toBe(true)
    expect(validateEvent('update/status', { state: 'off', version: null }).ok).toBe(true)
  })

  it('refuses unknown events and wrong payloads', () => {
    expect(validateEvent('app/quit', null).ok).toBe(false)
    expect(validateEvent('app/invite', { link: 1 }).ok).toBe(false)
    expect(validateEvent('menu/export', { now: true }).ok).toBe(false)
    expect(validateEvent('export/progress', { stage: 'uploading' }).ok).toBe(false)
    expect(validateEvent('update/status', { state: 'installed', version: null }).ok).toBe(false)
  })
})
