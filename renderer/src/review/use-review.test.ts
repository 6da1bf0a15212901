import { describe, expect, it } from 'vitest'
import { sameOrder } from './use-review.ts'

describe('the side panel keeps its threads while the user types', () => {
  const before = new Map([
    ['a', { from: 5, to: 9 }],
    ['b', { from: 20, to: 30 }],
  ])

  it('sees no change when typing only moved the threads', () => {
    const typed = new Map([
      ['a', { from: 6, to: 10 }],
      ['b', { from: 21, to: 31 }],
    ])
    expect(sameOrder(before, typed)).toBe(true)
  })

  it('sees a change when threads swap places, or one is gone or new', () => {
    const swapped = new Map([
      ['a', { from: 40, to: 44 }],
      ['b', { from: 20, to: 30 }],
    ])
    expect(sameOrder(before, swapped)).toBe(false)
    expect(sameOrder(before, new Map([['a', { from: 5, to: 9 }]]))).toBe(false)
    const renamed = new Map([
      ['a', { from: 5, to: 9 }],
      ['c', { from: 20, to: 30 }],
    ])
    expect(sameOrder(before, renamed)).toBe(false)
  })
})
