import { describe, expect, test } from 'vitest'
import type {
  HostError,
  MemberIdentity,
  SamstemtApi,
  WorkspaceConnection,
} from '../../../shared/ipc/contract.ts'
import {
  MAX_RETRY_MS,
  MIN_RENEW_MS,
  RelayAccess,
  RENEW_BEFORE_MS,
  type Clock,
} from './relay-access.ts'

const member: MemberIdentity = { id: 'm7', name: 'Ole', organisation: 'UiS', role: 'reviewer' }
const MINUTE = 60_000

/** A clock whose timers run only when the test moves time on. */
function manualClock(): Clock & { advance(ms: number): void; pending(): number[] } {
  let now = 1_000_000
  let timers: { at: number; run: () => void }[] = []
  return {
    now: () => now,
    setTimeout: (run, ms) => {
      const timer = { at: now + ms, run }
      timers.push(timer)
      return timer
    },
    clearTimeout: (timer) => {
      timers = timers.filter((t) => t !== timer)
    },
    advance(ms) {
      now += ms
      const due = timers.filter((t) => t.at <= now)
      timers = timers.filter((t) => t.at > now)
      for (const timer of due) timer.run()
    },
    pending: () => timers.map((t) => t.at - now),
  }
}

type Answer = { ok: true; value: WorkspaceConnection | null } | { ok: false; error: HostError }

/** A host whose `workspaces/connection` answers from a queue, counting the calls. */
function host(clock: Clock, answers: Answer[]) {
  let calls = 0
  let ticket = 0
  const api = {
    invoke: async (channel: string) => {
      if (channel !== 'workspaces/connection') throw new Error(`unexpected ${channel}`)
      calls++
      return (
        answers.shift() ?? {
          ok: true,
          value: {
            relay: 'wss://relay.example.org',
            ticket: `t${++ticket}`,
            expiresAt: clock.now() + 10 * MINUTE,
            member,
          },
        }
      )
    },
    on: () => () => undefined,
  } as unknown as SamstemtApi
  return { api, calls: () => calls }
}

function access(clock: Clock, api: SamstemtApi) {
  return new RelayAccess({
    api,
    workspace: 'w',
    relay: 'wss://relay.example.org',
    member,
    clock,
  })
}

const unreachable: Answer = {
  ok: false,
  error: { code: 'relay-unreachable', message: 'Could not reach the relay' },
}

describe('connection tickets', () => {
  test('the first ticket is fetched at start and renewed when 80% of its life has passed', async () => {
    const clock = manualClock()
    const { api, calls } = host(clock, [])
    const relay = access(clock, api)
    relay.start()
    await relay.renew()
    expect(relay.getState().ticket?.value).toBe('t1')
    expect(clock.pending()).toEqual([8 * MINUTE])
    clock.advance(8 * MINUTE)
    await relay.renew()
    expect(relay.getState().ticket?.value).toBe('t2')
    expect(calls()).toBe(2)
  })

  test('a ticket refused by a socket is replaced at once, once for all the rooms that saw it', async () => {
    const clock = manualClock()
    const { api, calls } = host(clock, [])
    const relay = access(clock, api)
    relay.start()
    await relay.renew()
    relay.ticketRefused('t1')
    relay.ticketRefused('t1')
    await relay.renew()
    expect(calls()).toBe(2)
    expect(relay.getState().ticket?.value).toBe('t2')
    // A room still holding the old one after the renewal asks for nothing more.
    relay.ticketRefused('t1')
    expect(calls()).toBe(2)
  })

  test('a short-lived ticket is renewed a minute before it expires', async () => {
    const clock = manualClock()
    const short: Answer = {
      ok: true,
      value: { relay: 'wss://r', ticket: 't', expiresAt: clock.now() + 4 * MINUTE, member },
    }
    const { api } = host(clock, [short])
    const relay = access(clock, api)
    relay.start()
    await relay.renew()
    expect(clock.pending()).toEqual([4 * MINUTE - RENEW_BEFORE_MS])
  })

  test('a ticket already expired by the clocks is renewed no sooner than a few seconds on', async () => {
    const clock = manualClock()
    const expired: Answer = {
      ok: true,
      value: { relay: 'wss://r', ticket: 'old', expiresAt: clock.now() - MINUTE, member },
    }
    const { api } = host(clock, [expired])
    const relay = access(clock, api)
    relay.start()
    await relay.renew()
    expect(clock.pending()).toEqual([MIN_RENEW_MS])
  })

  test('a relay out of reach is asked again later, backing off, and the rooms are told', async () => {
    const clock = manualClock()
    const { api, calls } = host(clock, [unreachable, unreachable, unreachable])
    const relay = access(clock, api)
    relay.start()
    await relay.renew()
    expect(relay.getState()).toMatchObject({ access: 'active', ticket: null, unreachable: true })
    expect(clock.pending()).toEqual([2000])
    clock.advance(2000)
    await relay.renew()
    expect(clock.pending()).toEqual([4000])
    clock.advance(4000)
    await relay.renew()
    clock.advance(8000)
    await relay.renew()
    expect(calls()).toBe(4)
    expect(relay.getState()).toMatchObject({ unreachable: false, ticket: { value: 't1' } })
  })

  test('the wait between attempts is capped', async () => {
    const clock = manualClock()
    const { api } = host(clock, Array(10).fill(unreachable))
    const relay = access(clock, api)
    relay.start()
    for (let i = 0; i < 8; i++) {
      await relay.renew()
      clock.advance(clock.pending()[0] ?? 0)
    }
    await relay.renew()
    expect(clock.pending()[0]).toBe(MAX_RETRY_MS)
  })
})

describe('the end of access', () => {
  test('a revoked member gets no more tickets, and the reason is kept to show', async () => {
    const clock = manualClock()
    const revoked: Answer = {
      ok: false,
      error: { code: 'access-revoked', message: 'Your access to this workspace has been revoked.' },
    }
    const { api, calls } = host(clock, [revoked])
    const relay = access(clock, api)
    relay.start()
    await relay.renew()
    expect(relay.getState()).toMatchObject({
      access: 'revoked',
      error: { code: 'access-revoked' },
    })
    expect(clock.pending()).toEqual([])
    await relay.renew()
    expect(calls()).toBe(1)
  })

  test('a socket closed with 4403 ends access for every room at once', async () => {
    const clock = manualClock()
    const { api } = host(clock, [])
    const relay = access(clock, api)
    relay.start()
    await relay.renew()
    const seen: string[] = []
    relay.subscribe(() => seen.push(relay.getState().access))
    relay.refusedForGood(true)
    expect(seen).toEqual(['revoked'])
    expect(clock.pending()).toEqual([])
  })

  test('a key the relay no longer knows is lost, not revoked', async () => {
    const clock = manualClock()
    const lost: Answer = { ok: false, error: { code: 'access-unknown', message: 'unknown' } }
    const { api } = host(clock, [lost])
    const relay = access(clock, api)
    relay.start()
    await relay.renew()
    expect(relay.getState().access).toBe('lost')
  })
})

describe('member updates', () => {
  test('a new role from the relay applies at once, and the host is asked to keep it', async () => {
    const clock = manualClock()
    const { api, calls } = host(clock, [
      {
        ok: true,
        value: {
          relay: 'wss://r',
          ticket: 't1',
          expiresAt: clock.now() + 10 * MINUTE,
          member,
        },
      },
      {
        ok: true,
        value: {
          relay: 'wss://r',
          ticket: 't2',
          expiresAt: clock.now() + 10 * MINUTE,
          member: { ...member, role: 'editor' },
        },
      },
    ])
    const relay = access(clock, api)
    relay.start()
    await relay.renew()
    relay.memberChanged({ ...member, role: 'editor' })
    expect(relay.getState().member?.role).toBe('editor')
    await relay.renew()
    expect(calls()).toBe(2)
    expect(relay.getState().member?.role).toBe('editor')
  })

  test("another member's update is ignored", async () => {
    const clock = manualClock()
    const { api } = host(clock, [])
    const relay = access(clock, api)
    relay.start()
    await relay.renew()
    relay.memberChanged({ ...member, id: 'm8', role: 'coordinator' })
    expect(relay.getState().member?.role).toBe('reviewer')
  })

  test('stopped (the workspace closed), it fetches nothing until started again', async () => {
    const clock = manualClock()
    const { api, calls } = host(clock, [])
    const relay = access(clock, api)
    relay.start()
    await relay.renew()
    relay.stop()
    expect(clock.pending()).toEqual([])
    await relay.renew()
    expect(calls()).toBe(1)
    relay.start()
    await relay.renew()
    expect(calls()).toBe(2)
  })
})
