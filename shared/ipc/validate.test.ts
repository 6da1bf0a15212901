import { describe, expect, it } from 'vitest'
import { formatInviteLink } from '../protocol/index.ts'
import type { Channel } from './contract.ts'
import { CHANNELS, EVENTS, LIMITS, validateEvent, validateRequest } from './validate.ts'

const link = formatInviteLink({
  relay: 'wss://relay.example.org',
  workspace: 'smart-cities',
  token: 'A'.repeat(43),
  name: 'Ingrid',
})
const update = new Uint8Array([0, 0])

/** One valid request per channel; the tests below break each in turn. */
const valid: Record<Channel, unknown> = {
  'app/info': undefined,
  'settings/get': undefined,
  'settings/update': { language: 'en', lastWorkspace: null },
  'workspaces/list': undefined,
  'workspaces/preview-invite': { link },
  'workspaces/join': { link },
  'workspaces/create-sample': undefined,
  'workspaces/connection': { workspace: 'smart-cities' },
  'store/load': { doc: 'smart-cities/paper/p1' },
  'store/append': { doc: 'smart-cities/paper/p1/comments', updates: [update] },
  'store/confirm': { doc: 'smart-cities/paper/p1', stateVector: new Uint8Array([1, 7, 3]) },
  'log/write': { level: 'warn', message: 'offline for 3 minutes' },
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

describe('validateEvent', () => {
  it('accepts each event of the contract with its payload', () => {
    expect(validateEvent('app/invite', { link }).ok).toBe(true)
    expect(validateEvent('store/problem', { code: 'disk-full', message: 'Free space' }).ok).toBe(
      true,
    )
    for (const menu of EVENTS.filter((event) => event.startsWith('menu/'))) {
      expect(validateEvent(menu, null).ok).toBe(true)
    }
  })

  it('refuses unknown events and wrong payloads', () => {
    expect(validateEvent('app/quit', null).ok).toBe(false)
    expect(validateEvent('app/invite', { link: 1 }).ok).toBe(false)
    expect(validateEvent('menu/export', { now: true }).ok).toBe(false)
  })
})
