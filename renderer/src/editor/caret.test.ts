import { describe, expect, it } from 'vitest'
import { CaretActivity, LABEL_SHOWN_MS } from './caret.ts'

describe('caret labels', () => {
  it('show while a member moves or types and for two seconds after, then fade', () => {
    const activity = new CaretActivity()
    expect(activity.isActive('m-kari', 0)).toBe(false)
    activity.moved('m-kari', 1_000)
    expect(LABEL_SHOWN_MS).toBe(2000)
    expect(activity.isActive('m-kari', 2_999)).toBe(true)
    expect(activity.isActive('m-kari', 3_000)).toBe(false)
    expect(activity.isActive('m-ole', 1_500)).toBe(false)
    activity.moved('m-kari', 2_900)
    expect(activity.isActive('m-kari', 4_000)).toBe(true)
  })
})
