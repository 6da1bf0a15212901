/**
 * The paper's typography: one set of tokens for the exported paper (the house CSS, in points on
 * A4) and for the editor (CSS custom properties, relative to the body text), so the page on screen
 * has the rhythm of the paper that leaves: the same spacing between paragraphs, the same heading
 * sizes, weights and colours. Sizes are in points at the print size of the body text; the editor
 * sets its body larger for the screen and takes every other size as a ratio of it.
 */
export const PAPER_COLORS = {
  accent: '#1f4e79',
  ink: '#1b1f24',
  muted: '#5b6470',
} as const

type Heading = {
  /** Font size, pt. */
  size: number
  weight: number
  lineHeight: number
  color: keyof typeof PAPER_COLORS
}

export const PAPER_TYPE = {
  body: { size: 10.5, lineHeight: 1.5 },
  /** Space after a paragraph, a list and a list item (pt). */
  paragraphAfter: 7,
  listItemAfter: 3,
  listIndent: 17,
  /** Space before and after a heading (pt); margins collapse, as in the export. */
  headingBefore: 16,
  headingAfter: 5,
  title: { size: 22, weight: 700, lineHeight: 1.15, after: 14, rule: 5 },
  h2: { size: 13.5, weight: 650, lineHeight: 1.25, color: 'accent' },
  h3: { size: 11.5, weight: 650, lineHeight: 1.3, color: 'ink' },
  h4: { size: 10.5, weight: 600, lineHeight: 1.35, color: 'ink' },
  table: { size: 9.5, lineHeight: 1.4, before: 4, after: 10, cellY: 4, cellX: 6 },
} as const satisfies Record<string, unknown> & { h2: Heading; h3: Heading; h4: Heading }

/** The editor's body text size on screen (px); every other size keeps its ratio to it. */
export const SCREEN_BODY_PX = 17

/**
 * The tokens as CSS custom properties for the editor: each length the print size scaled by
 * `bodyPx / body.size`, in px, so a margin is the same multiple of the body text whatever
 * element it sits on (an `em` would follow the heading's own size). Set with CSSOM
 * (`style.setProperty`), which a strict CSP allows.
 */
export function paperCssVariables(bodyPx = SCREEN_BODY_PX): Record<`--paper-${string}`, string> {
  const t = PAPER_TYPE
  const px = (pt: number) => `${Math.round(((pt * bodyPx) / t.body.size) * 1000) / 1000}px`
  const heading = (name: 'h2' | 'h3' | 'h4') => ({
    [`--paper-${name}-size`]: px(t[name].size),
    [`--paper-${name}-weight`]: String(t[name].weight),
    [`--paper-${name}-line-height`]: String(t[name].lineHeight),
    [`--paper-${name}-color`]: PAPER_COLORS[t[name].color],
  })
  return {
    '--paper-accent': PAPER_COLORS.accent,
    '--paper-ink': PAPER_COLORS.ink,
    '--paper-muted': PAPER_COLORS.muted,
    '--paper-body-size': px(t.body.size),
    '--paper-line-height': String(t.body.lineHeight),
    '--paper-paragraph-after': px(t.paragraphAfter),
    '--paper-list-item-after': px(t.listItemAfter),
    '--paper-list-indent': px(t.listIndent),
    '--paper-heading-before': px(t.headingBefore),
    '--paper-heading-after': px(t.headingAfter),
    '--paper-title-size': px(t.title.size),
    '--paper-title-weight': String(t.title.weight),
    '--paper-title-line-height': String(t.title.lineHeight),
    '--paper-title-after': px(t.title.after),
    '--paper-title-rule': px(t.title.rule),
    ...heading('h2'),
    ...heading('h3'),
    ...heading('h4'),
    '--paper-table-size': px(t.table.size),
    '--paper-table-line-height': String(t.table.lineHeight),
    '--paper-table-before': px(t.table.before),
    '--paper-table-after': px(t.table.after),
    '--paper-cell-y': px(t.table.cellY),
    '--paper-cell-x': px(t.table.cellX),
  }
}
