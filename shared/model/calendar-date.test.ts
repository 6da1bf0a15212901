import { afterEach, describe, expect, it, vi } from 'vitest'
import { calendarDateOf, fromDay, isCalendarDate, today } from './calendar-date.ts'
import { sourceFromVersion } from '../export/from-docs.ts'
import type { Version, Workflow } from './workflow.ts'

// 00:30 in Oslo on 3 December 2026 (CET, UTC+1) and on 15 June 2026 (CEST, UTC+2).
const WINTER_0030_OSLO = Date.UTC(2026, 11, 2, 23, 30)
const SUMMER_0030_OSLO = Date.UTC(2026, 5, 14, 22, 30)

const systemZone = process.env.TZ

afterEach(() => {
  vi.useRealTimers()
  if (systemZone === undefined) delete process.env.TZ
  else process.env.TZ = systemZone
})

describe('today', () => {
  it('is the Oslo calendar day at 00:30 Oslo time, while UTC is still on yesterday', () => {
    expect(new Date(WINTER_0030_OSLO).toISOString().slice(0, 10)).toBe('2026-12-02')
    expect(today(WINTER_0030_OSLO, 'Europe/Oslo')).toBe('2026-12-03')
    expect(today(SUMMER_0030_OSLO, 'Europe/Oslo')).toBe('2026-06-15')
  })

  it("follows the computer's own time zone (TZ=Europe/Oslo) when none is given", () => {
    process.env.TZ = 'Europe/Oslo'
    vi.useFakeTimers({ now: WINTER_0030_OSLO, toFake: ['Date'] })
    expect(today()).toBe('2026-12-03')
    process.env.TZ = 'America/New_York'
    expect(today()).toBe('2026-12-02')
  })

  it('dates a version saved at 00:30 in Oslo on that Oslo day', () => {
    process.env.TZ = 'Europe/Oslo'
    const version: Version = {
      id: 'v1',
      name: 'Endelig',
      by: { memberId: 'm1', name: 'Kari', organisation: 'NTNU' },
      at: WINTER_0030_OSLO,
      openSuggestions: 0,
      content: JSON.stringify({
        body: { type: 'doc', content: [{ type: 'paragraph' }] },
        language: 'nb',
        recipients: [],
        title: 'T',
      }),
      hash: '0'.repeat(64),
    }
    const workflow: Workflow = {
      status: 'final',
      history: [],
      versions: [version],
      endorsements: [],
    }
    expect(sourceFromVersion(version, workflow).value.date).toBe('2026-12-03')
  })
})

describe('calendar dates', () => {
  it('keeps the day of any moment in a given zone', () => {
    expect(calendarDateOf(Date.UTC(2026, 0, 1, 12), 'Pacific/Kiritimati')).toBe('2026-01-02')
    expect(calendarDateOf(Date.UTC(2026, 0, 1, 5), 'America/Los_Angeles')).toBe('2025-12-31')
  })

  it('refuses days that do not exist', () => {
    expect(isCalendarDate('2026-02-29')).toBe(false)
    expect(isCalendarDate('2028-02-29')).toBe(true)
    expect(fromDay(2026, 2, 30)).toBeNull()
    expect(fromDay(2026, 3, 9)).toBe('2026-03-09')
  })
})
