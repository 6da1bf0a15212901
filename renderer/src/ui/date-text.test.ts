import { describe, expect, it } from 'vitest'
import { addDays, formatDateText, parseDateText } from './date-text.ts'

describe('dates as the UI writes them', () => {
  it('writes a Norwegian date as dd.mm.åååå and an English one as dd/mm/yyyy, never mm/dd/yyyy', () => {
    expect(formatDateText('2026-12-03', 'nb-NO')).toBe('03.12.2026')
    expect(formatDateText('2026-12-03', 'en-GB')).toBe('03/12/2026')
  })

  it('reads what a Norwegian types, day first', () => {
    for (const typed of [
      '03.12.2026',
      '3.12.2026',
      '3.12.26',
      '03 12 2026',
      '3/12/2026',
      '2026-12-03',
    ]) {
      expect(parseDateText(typed, 'nb-NO')).toBe('2026-12-03')
    }
    expect(parseDateText('03/12/2026', 'en-GB')).toBe('2026-12-03')
  })

  it('refuses what is no day', () => {
    for (const typed of ['', '31.02.2026', '12.13.2026', '1.1', 'i morgen', '1.1.202']) {
      expect(parseDateText(typed, 'nb-NO')).toBeNull()
    }
  })

  it('moves a day at a time across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29')
  })
})
