import type { ExportFont } from './types.ts'
import { PAPER_COLORS, PAPER_TYPE as T } from './typography.ts'

// Font names as @fontsource-variable declares them, so the renderer (which loads those packages)
// and an exported file with embedded fonts resolve the same faces.
const FAMILY = { sans: 'Inter Variable', serif: 'Source Serif 4 Variable' } as const
const SANS = `'${FAMILY.sans}', 'Inter', 'Helvetica Neue', Arial, sans-serif`
const SERIF = `'${FAMILY.serif}', 'Source Serif 4', Georgia, 'Times New Roman', serif`

const ACCENT = PAPER_COLORS.accent
const INK = PAPER_COLORS.ink
const MUTED = PAPER_COLORS.muted

/** `@font-face` rules for the fonts the caller embedded. */
export function fontFaces(fonts: readonly ExportFont[]): string {
  return fonts
    .map(
      (font) =>
        `@font-face{font-family:'${FAMILY[font.role]}';font-style:${font.style};` +
        `font-weight:${font.weight};font-display:block;src:url(${cssUrl(font.url)}) ` +
        `format('woff2');unicode-range:${font.unicodeRange}}`,
    )
    .join('\n')
}

function cssUrl(url: string): string {
  return `"${url.replace(/["\\\n]/g, (c) => `\\${c === '\n' ? 'a ' : c}`)}"`
}

/**
 * A CSS string literal, for text in generated content (the running footer). `<` and `&` are
 * escaped too: the string sits inside a <style> element, which a `</style>` would end.
 */
export function cssString(text: string): string {
  const escaped = text
    .replace(/[\n\r]/g, ' ')
    .replace(/["\\<>&]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)
  return `"${escaped}"`
}

/**
 * The house style. Page furniture (size, margins, running footer with page numbers) uses CSS
 * paged media, which Chromium's print engine (headless and Electron's printToPDF) lays out.
 */
export function houseCss(options: { footer: string; screen: boolean }): string {
  const screen = options.screen
    ? `@media screen{
  html{background:#eceff3}
  body{max-width:46rem;margin:2.5rem auto;padding:3rem 3.5rem;background:#fff;
    box-shadow:0 1px 4px rgba(0,0,0,.12)}
}`
    : ''
  return `@page{size:A4;margin:22mm 22mm 24mm 24mm;
  @bottom-left{content:${cssString(options.footer)};font:8pt/1.2 ${SANS};color:${MUTED}}
  @bottom-right{content:counter(page) " / " counter(pages);font:8pt/1.2 ${SANS};color:${MUTED}}
}
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;font-family:${SERIF};font-size:${T.body.size}pt;line-height:${T.body.lineHeight};color:${INK};
  font-variant-numeric:oldstyle-nums proportional-nums;hyphens:auto;text-rendering:optimizeLegibility}
${screen}
.title-block{border-top:${T.title.rule}pt solid ${ACCENT};padding-top:12pt;margin-bottom:18pt}
.kind{font:600 8.5pt/1.2 ${SANS};letter-spacing:.08em;text-transform:uppercase;color:${ACCENT};margin:0 0 8pt}
h1{font:${T.title.weight} ${T.title.size}pt/${T.title.lineHeight} ${SANS};letter-spacing:-.01em;margin:0 0 ${T.title.after}pt;color:${INK}}
.recipients{font:9.5pt/1.45 ${SANS};color:${INK};margin:0;padding-left:2.2em;text-indent:-2.2em}
.recipients .label{font-weight:600;margin-right:.3em}
.dateline,.version{font:9.5pt/1.45 ${SANS};color:${MUTED};margin:4pt 0 0}
.redline-note{font:600 9.5pt/1.45 ${SANS};color:#8a1c1c;margin:6pt 0 0}
h2,h3,h4,h5,h6{font-family:${SANS};color:${INK};break-after:avoid;page-break-after:avoid;margin:${T.headingBefore}pt 0 ${T.headingAfter}pt}
h2{font-size:${T.h2.size}pt;font-weight:${T.h2.weight};line-height:${T.h2.lineHeight};color:${PAPER_COLORS[T.h2.color]}}
h3{font-size:${T.h3.size}pt;font-weight:${T.h3.weight};line-height:${T.h3.lineHeight}}
h4,h5,h6{font-size:${T.h4.size}pt;font-weight:${T.h4.weight};line-height:${T.h4.lineHeight}}
p{margin:0 0 ${T.paragraphAfter}pt;orphans:3;widows:3}
ul,ol{margin:0 0 ${T.paragraphAfter}pt;padding-left:${T.listIndent}pt}
li{margin:0 0 ${T.listItemAfter}pt}
li>p{margin:0 0 ${T.listItemAfter}pt}
li>ul,li>ol{margin:${T.listItemAfter}pt 0 0}
a{color:${ACCENT};text-decoration:underline;text-decoration-thickness:.5pt;text-underline-offset:1.5pt}
blockquote{margin:0 0 8pt;padding:2pt 0 2pt 12pt;border-left:2pt solid #c5cdd6;color:#3a414a;font-style:italic}
code{font-family:'DejaVu Sans Mono',Menlo,Consolas,monospace;font-size:.88em;background:#f1f3f5;padding:0 2pt;border-radius:2pt}
pre{font-family:'DejaVu Sans Mono',Menlo,Consolas,monospace;font-size:8.5pt;line-height:1.45;background:#f4f6f8;border:.5pt solid #dde2e7;padding:7pt 9pt;white-space:pre-wrap;margin:0 0 8pt}
pre code{background:none;padding:0;font-size:inherit}
hr{border:0;border-top:.75pt solid #c5cdd6;margin:12pt 0}
table{border-collapse:collapse;width:100%;margin:${T.table.before}pt 0 ${T.table.after}pt;font-size:${T.table.size}pt;line-height:${T.table.lineHeight};break-inside:auto}
th,td{border:.5pt solid #b8c1cb;padding:${T.table.cellY}pt ${T.table.cellX}pt;text-align:left;vertical-align:top}
th{font-family:${SANS};font-weight:600;background:#e9eef4}
td>p:last-child,th>p:last-child{margin-bottom:0}
tr{break-inside:avoid}
.key-messages{background:#edf3f9;border-left:4pt solid ${ACCENT};padding:10pt 14pt 6pt;margin:0 0 16pt;break-inside:avoid}
.key-messages h2{margin-top:0;font-size:9.5pt;letter-spacing:.1em;text-transform:uppercase}
.key-messages ul,.key-messages ol{padding-left:15pt}
.key-messages li{font-size:11pt;line-height:1.45;margin-bottom:5pt}
.signatories{margin-top:20pt}
.signatories h2{break-after:avoid;page-break-after:avoid}
.signatories.keep-together{break-inside:avoid}
.signatories ul{list-style:none;padding:0;display:grid;grid-template-columns:1fr 1fr;column-gap:18pt;row-gap:8pt}
.signatories li{border-top:.75pt solid #c5cdd6;padding-top:5pt;margin:0;break-inside:avoid}
.signatories .org{display:block;font:600 10pt/1.3 ${SANS}}
.signatories .by{display:block;font:9pt/1.35 ${SANS};color:${MUTED}}
.signatories .version{white-space:nowrap}
mark.comment{background:#fff1b8;color:inherit}
sup.comment-ref{font:600 7pt ${SANS};color:#8a6d00}
sup.comment-ref a{color:inherit;text-decoration:none}
.comments{margin-top:22pt;border-top:.75pt solid #c5cdd6;font-size:9pt}
.comments h2{font-size:11pt}
.comments ol{padding-left:16pt}
.comments .who{font-family:${SANS};font-weight:600}
.comments .when,.comments .quote{color:${MUTED}}
.comments .replies{list-style:none;padding-left:10pt;border-left:1.5pt solid #dde2e7}
ins{color:#0b5d1e;background:#e3f3e6;text-decoration:underline;text-decoration-thickness:.75pt}
del{color:#9b1c1c;background:#fbe9e9;text-decoration:line-through}
del+ins{margin-left:.25em}
.block-ins{border-left:2.5pt solid #2f8f46;padding-left:6pt}
.block-del{border-left:2.5pt solid #c23b3b;padding-left:6pt}
@media print{a{color:${ACCENT}}}`
}
