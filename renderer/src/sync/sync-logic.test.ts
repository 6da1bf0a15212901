import { describe, expect, test } from 'vitest'
import {
  OFFLINE_AFTER,
  initialConnection,
  nextConnection,
  type ConnectionEvent,
} from './connection-state.ts'
import { MEMBER_PALETTE, contrastRatio, memberColor } from './member-color.ts'
import { initials, presentUsers } from './presence.ts'
import { savedState, type SaveInputs } from './saved-state.ts'

const run = (events: ConnectionEvent[], hasRelay = true) =>
  events.reduce(nextConnection, initialConnection(hasRelay)).connection

describe('the connection state', () => {
  const closed = (code: number | null = 1006): ConnectionEvent => ({ type: 'closed', code })

  test('a socket that opens is online; losing it is reconnecting, then offline', () => {
    expect(run([{ type: 'connecting' }, { type: 'connected' }])).toBe('online')
    expect(run([{ type: 'connected' }, closed()])).toBe('reconnecting')
    expect(run([{ type: 'connected' }, ...Array(OFFLINE_AFTER).fill(closed())])).toBe('offline')
    expect(run([closed(), closed(), closed(), { type: 'connected' }])).toBe('online')
  })

  test('a first connection that keeps failing is offline', () => {
    expect(run([closed()])).toBe('connecting')
    expect(run(Array(OFFLINE_AFTER).fill(closed()))).toBe('offline')
  })

  test('a 44xx close is access revoked, and stays so', () => {
    expect(run([{ type: 'connected' }, closed(4403)])).toBe('revoked')
    expect(run([closed(4401), { type: 'connecting' }, { type: 'connected' }])).toBe('revoked')
    expect(run([{ type: 'connected' }, closed(null)])).toBe('reconnecting')
  })

  test('a room the relay cannot read is damaged, not revoked, and stays so', () => {
    expect(run([{ type: 'connected' }, closed(4410)])).toBe('damaged')
    expect(run([closed(4410), { type: 'connecting' }, { type: 'connected' }])).toBe('damaged')
  })

  test('no ticket because the relay is out of reach is offline at once, until a socket opens', () => {
    expect(run([{ type: 'unreachable' }])).toBe('offline')
    expect(run([{ type: 'unreachable' }, closed()])).toBe('offline')
    expect(run([{ type: 'unreachable' }, { type: 'connected' }])).toBe('online')
  })

  test('access that ended (revoked, or the key lost) stays so', () => {
    const revoked: ConnectionEvent = { type: 'ended', access: 'revoked' }
    const lost: ConnectionEvent = { type: 'ended', access: 'lost' }
    expect(run([{ type: 'connected' }, revoked, { type: 'connected' }])).toBe('revoked')
    expect(run([lost, { type: 'connected' }])).toBe('lost')
    // An expired ticket (4001) is transient: the room reconnects with a new one.
    expect(run([{ type: 'connected' }, closed(4001)])).toBe('reconnecting')
  })

  test('a workspace without a relay is local whatever happens', () => {
    expect(run([{ type: 'connected' }], false)).toBe('local')
  })
})

describe('the saved state', () => {
  const base: SaveInputs = {
    loaded: true,
    readOnly: false,
    hasRelay: true,
    storing: 0,
    storeError: null,
    uncommitted: 0,
    changedSinceLoad: 0,
  }

  test('saved on the relay only when its committed state covers every change', () => {
    expect(savedState(base)).toEqual({ kind: 'relay' })
    expect(savedState({ ...base, uncommitted: 3 })).toEqual({ kind: 'pending', count: 3 })
  })

  test('a change counts as saved only once this computer has stored it', () => {
    expect(savedState({ ...base, storing: 2 })).toEqual({ kind: 'saving' })
    const error = { code: 'disk-full' as const, message: 'full' }
    expect(savedState({ ...base, storing: 2, storeError: error })).toEqual({
      kind: 'failed',
      error,
    })
  })

  test('before the relay answers, changes since opening wait for it', () => {
    expect(savedState({ ...base, uncommitted: null })).toEqual({ kind: 'this-computer' })
    const offline = { ...base, uncommitted: null, changedSinceLoad: 4 }
    expect(savedState(offline)).toEqual({ kind: 'pending', count: 4 })
    expect(savedState({ ...offline, hasRelay: false })).toEqual({ kind: 'this-computer' })
  })

  test('a reader has nothing to save, and nothing is said before the doc is loaded', () => {
    expect(savedState({ ...base, readOnly: true, uncommitted: 5 })).toEqual({ kind: 'read-only' })
    expect(savedState({ ...base, loaded: false })).toEqual({ kind: 'loading' })
  })
})

describe('member colours and presence', () => {
  test('a member has the same colour everywhere, readable under white text', () => {
    expect(memberColor('m-kari')).toBe(memberColor('m-kari'))
    for (const color of MEMBER_PALETTE) expect(contrastRatio(color, '#ffffff')).toBeGreaterThan(4.5)
    const used = new Set(Array.from({ length: 200 }, (_, i) => memberColor(`member-${i}`)))
    expect(used.size).toBe(MEMBER_PALETTE.length)
  })

  test('who is here: each member once, yourself first, then by name', () => {
    const user = (memberId: string, name: string) => ({
      user: { memberId, name, organisation: 'UiS', color: '#1d4ed8' },
    })
    const states = new Map<number, Record<string, unknown>>([
      [1, user('m2', 'Øystein')],
      [2, user('m1', 'Anne')],
      [3, user('m3', 'Kari')],
      [4, user('m3', 'Kari')],
      [5, {}],
      [6, { user: { name: 42 } }],
    ])
    const people = presentUsers(states, 4, 'nb-NO')
    expect(people.map((p) => [p.name, p.self])).toEqual([
      ['Kari', true],
      ['Anne', false],
      ['Øystein', false],
    ])
  })

  test('initials', () => {
    expect(initials('Kari Nordmann')).toBe('KN')
    expect(initials('  anne   marie   wyckmans ')).toBe('AW')
    expect(initials('UiS')).toBe('U')
    expect(initials('')).toBe('?')
  })
})
