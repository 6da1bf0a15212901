/** A card in the margin: where its text starts (px from the top of the page) and its height. */
export type MarginItem = { id: string; want: number; height: number }

/** Space between two cards in the margin, px. */
export const CARD_GAP = 8

/**
 * Where each card goes in the margin, as Google Docs and Word place them: beside its text where
 * there is room, pushed down below the card above it where not. The active card sits exactly
 * beside its text; the cards above it move up to make room (never above the page's top; only
 * when they cannot does the active card move down). `items` are in document order.
 */
export function stackCards(
  items: readonly MarginItem[],
  active: string | null,
  gap = CARD_GAP,
): Map<string, number> {
  const tops = items.map(() => 0)
  const place = (from: number, bottom: number) => {
    for (let i = from; i < items.length; i++) {
      const item = items[i] as MarginItem
      tops[i] = Math.max(item.want, bottom + gap, 0)
      bottom = (tops[i] ?? 0) + item.height
    }
  }
  place(0, -Infinity)
  const at = active === null ? -1 : items.findIndex((item) => item.id === active)
  const anchor = items[at]
  if (anchor !== undefined && (tops[at] ?? 0) > anchor.want) {
    // The active card up to its text, and the cards above it up before it as far as they must.
    tops[at] = Math.max(anchor.want, 0)
    let limit = tops[at] ?? 0
    for (let i = at - 1; i >= 0; i--) {
      const item = items[i] as MarginItem
      const top = tops[i] ?? 0
      if (top + item.height + gap <= limit) break
      tops[i] = limit - gap - item.height
      limit = tops[i] ?? 0
    }
    // Pushed past the top of the page: that stack goes down again, the active card with it.
    const overflow = Math.max(0, -(tops[0] ?? 0))
    for (let i = 0; i <= at && overflow > 0; i++) tops[i] = (tops[i] ?? 0) + overflow
    place(at + 1, (tops[at] ?? 0) + anchor.height)
  }
  return new Map(items.map((item, i) => [item.id, tops[i] ?? 0]))
}
