/**
 * Caret and avatar colours. Each carries white text (a caret label, initials) at a contrast of at
 * least 4.5:1, and is distinct enough from its neighbours for two or three people in one paper.
 */
export const MEMBER_PALETTE: readonly string[] = [
  '#1d4ed8',
  '#b91c1c',
  '#047857',
  '#7e22ce',
  '#c2410c',
  '#0e7490',
  '#be185d',
  '#4d7c0f',
  '#4338ca',
  '#a16207',
  '#0f766e',
  '#9f1239',
]

/** FNV-1a over UTF-16 code units: tiny, stable across machines and runs. */
export function hashString(value: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash
}

const homeSlot = (memberId: string) => hashString(memberId) % MEMBER_PALETTE.length
const colorAt = (slot: number) => MEMBER_PALETTE[slot % MEMBER_PALETTE.length] ?? '#1d4ed8'

/** A member's own colour (their "home" slot): where no one else in the paper has it. */
export function memberColor(memberId: string): string {
  return colorAt(homeSlot(memberId))
}

/**
 * Colours for the members in a paper, distinct while there are no more members than colours.
 * Every client computes the same from the same members: each member whose home slot no one else
 * shares keeps it; where several share one, the smallest id keeps it; the others, in id order,
 * take the next free slot after their home. So a member keeps their own colour unless someone
 * with the same home and a smaller id is there, and one member coming or going moves at most the
 * members who shared a slot with them. Beyond twelve members colours repeat, from the home slot.
 */
export function assignColors(memberIds: Iterable<string>): Map<string, string> {
  const ids = [...new Set(memberIds)].sort()
  const taken = new Set<number>()
  const slots = new Map<string, number>()
  const waiting: string[] = []
  for (const id of ids) {
    const home = homeSlot(id)
    if (taken.has(home)) waiting.push(id)
    else {
      taken.add(home)
      slots.set(id, home)
    }
  }
  for (const id of waiting) {
    const home = homeSlot(id)
    let slot = home
    for (let step = 1; step <= MEMBER_PALETTE.length && taken.has(slot); step++) {
      slot = (home + step) % MEMBER_PALETTE.length
    }
    if (taken.has(slot)) slot = home
    taken.add(slot)
    slots.set(id, slot)
  }
  return new Map([...slots].map(([id, slot]) => [id, colorAt(slot)]))
}

/** WCAG 2 contrast ratio of two `#rrggbb` colours. */
export function contrastRatio(a: string, b: string): number {
  const [lighter, darker] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (lighter + 0.05) / (darker + 0.05)
}

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16) / 255)
  const [r, g, b] = channels.map((c) =>
    c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4,
  ) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}
