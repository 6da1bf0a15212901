import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { ExportFont } from '../export/index.ts'

/*
 * The faces the house style embeds: Inter for headings and the title block, Source Serif 4 for
 * the text (roman and italic), in the Latin and Latin Extended subsets (Latin holds æ, ø and å;
 * Latin Extended the letters of Sámi and other European languages).
 *
 * Static instances, one file per weight, not the variable fonts: Chromium's PDF backend (Skia)
 * writes a variable font's instances as Type 3 fonts (glyph outlines as drawings, no font
 * program), while a static TrueType-outline face is embedded as a real, subsetted TrueType font
 * (`pdffonts`: "CID TrueType", emb yes). Only the weights the house CSS uses are embedded;
 * 650 in the CSS resolves to 700.
 */
const FACES: {
  role: ExportFont['role']
  pkg: string
  family: string
  weights: number[]
  style: ExportFont['style']
}[] = [
  {
    role: 'sans',
    pkg: '@fontsource/inter',
    family: 'inter',
    weights: [400, 600, 700],
    style: 'normal',
  },
  {
    role: 'serif',
    pkg: '@fontsource/source-serif-4',
    family: 'source-serif-4',
    weights: [400, 700],
    style: 'normal',
  },
  {
    role: 'serif',
    pkg: '@fontsource/source-serif-4',
    family: 'source-serif-4',
    weights: [400, 700],
    style: 'italic',
  },
]
const SUBSETS = ['latin', 'latin-ext'] as const

let cached: ExportFont[] | null = null

/**
 * The embedded fonts for `toPrintHtml`, as data: URLs, read once per process. The unicode ranges
 * come from the font package's own CSS, so they stay right when the package is updated.
 */
export function loadExportFonts(): ExportFont[] {
  cached ??= FACES.flatMap((face) =>
    face.weights.flatMap((weight) =>
      readFaces(face.pkg, face.family, weight, face.role, face.style),
    ),
  )
  return cached
}

function readFaces(
  pkg: string,
  family: string,
  weight: number,
  role: ExportFont['role'],
  style: ExportFont['style'],
): ExportFont[] {
  const root = dirname(createRequire(import.meta.url).resolve(`${pkg}/package.json`))
  const cssFile = style === 'italic' ? `${weight}-italic.css` : `${weight}.css`
  const css = readFileSync(join(root, cssFile), 'utf8')
  const fonts: ExportFont[] = []
  for (const subset of SUBSETS) {
    // Each rule is preceded by a comment naming it: /* inter-latin-ext-400-normal */
    const name = `${family}-${subset}-${weight}-${style}`
    const rule = new RegExp(`/\\*\\s*${name}\\s*\\*/\\s*@font-face\\s*{([^}]*)}`).exec(css)?.[1]
    const file = rule && /url\(\.\/([^)]+\.woff2)\)/.exec(rule)?.[1]
    const unicodeRange = rule && /unicode-range:\s*([^;]+);/.exec(rule)?.[1]
    if (!file || !unicodeRange) {
      throw new Error(`Could not find ${name} in ${pkg}/${cssFile}; is ${pkg} installed?`)
    }
    const data = readFileSync(join(root, file)).toString('base64')
    fonts.push({
      role,
      style,
      weight: String(weight),
      unicodeRange,
      url: `data:font/woff2;base64,${data}`,
    })
  }
  return fonts
}
