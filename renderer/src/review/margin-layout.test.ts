import * as prng from 'lib0/prng'
import { describe, expect, it } from 'vitest'
import { CARD_GAP, stackCards, type MarginItem } from './margin-layout.ts'

const item = (id: string, want: number, height = 100): MarginItem => ({ id, want, height })
const tops = (items: MarginItem[], active: string | null = null) =>
  Object.fromEntries(stackCards(items, active))

describe('cards in the margin', () => {
  it('sit beside their text where there is room', () => {
    expect(tops([item('a', 40), item('b', 400), item('c', 900)])).toEqual({ a: 40, b: 400, c: 900 })
  })

  it('are pushed down below the card above where there is not', () => {
    expect(tops([item('a', 40), item('b', 60), item('c', 80)])).toEqual({
      a: 40,
      b: 140 + CARD_GAP,
      c: 248 + CARD_GAP,
    })
  })

  it('line the active card up with its text, moving the cards above it up', () => {
    const placed = tops([item('a', 300), item('b', 320), item('c', 340)], 'c')
    expect(placed.c).toBe(340)
    expect(placed.b).toBe(340 - CARD_GAP - 100)
    expect(placed.a).toBe(placed.b! - CARD_GAP - 100)
  })

  it('never above the page: then the active card moves down as little as it must', () => {
    const placed = tops([item('a', 0), item('b', 10)], 'b')
    expect(placed.a).toBe(0)
    expect(placed.b).toBe(100 + CARD_GAP)
  })

  it('never overlap, keep document order, and the active one is beside its text when it can be', () => {
    const gen = prng.create(3)
    for (let run = 0; run < 300; run++) {
      let want = 0
      const items = Array.from({ length: prng.int32(gen, 1, 30) }, (_, i) => {
        want += prng.int32(gen, 0, 300)
        return item(`t${i}`, want, prng.int32(gen, 40, 260))
      })
      const active = prng.bool(gen) ? (prng.oneOf(gen, items).id as string) : null
      const placed = stackCards(items, active)
      for (let i = 1; i < items.length; i++) {
        const above = items[i - 1]!
        expect(placed.get(items[i]!.id)!).toBeGreaterThanOrEqual(
          placed.get(above.id)! + above.height + CARD_GAP,
        )
      }
      for (const it of items) expect(placed.get(it.id)!).toBeGreaterThanOrEqual(0)
      if (active !== null) {
        const index = items.findIndex((it) => it.id === active)
        const room = items.slice(0, index).reduce((sum, it) => sum + it.height + CARD_GAP, 0)
        if (room <= items[index]!.want) expect(placed.get(active)).toBe(items[index]!.want)
      }
    }
  })
})
