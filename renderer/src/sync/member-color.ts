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

/** The same member has the same colour on every partner's screen. */
export function memberColor(memberId: string): string {
  return MEMBER_PALETTE[hashString(memberId) % MEMBER_PALETTE.length] ?? '#1d4ed8'
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
