import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { ExportFont } from '../export/index.ts'

/**
 * The faces the house style embeds: Inter for headings and the title block, Source Serif 4 for
 * the text (roman and italic), each as the variable-weight Latin and Latin Extended subsets.
 * Latin holds æ, ø and å; Latin Extended the letters of Sámi and other European languages.
 */
const FACES: { role: ExportFont['role']; pkg: string; css: string; style: ExportFont['style'] }[] =
  [
    { role: 'sans', pkg: '@fontsource-variable/inter', css: 'wght.css', style: 'normal' },
    { role: 'serif', pkg: '@fontsource-variable/source-serif-4', css: 'wght.css', style: 'normal' },
    {
      role: 'serif',
      pkg: '@fontsource-variable/source-serif-4',
      css: 'wght-italic.css',
      style: 'italic',
    },
  ]
const SUBSETS = new Set(['latin', 'latin-ext'])

let cached: ExportFont[] | null = null

/**
 * The embedded fonts for `toPrintHtml`, as data: URLs, read once per process. The unicode ranges
 * come from the font package's own CSS, so they stay right when the package is updated.
 */
export function loadExportFonts(): ExportFont[] {
  cached ??= FACES.flatMap((face) => readFaces(face.pkg, face.css, face.role, face.style))
  return cached
}

function readFaces(
  pkg: string,
  cssFile: string,
  role: ExportFont['role'],
  style: ExportFont['style'],
): ExportFont[] {
  const root = dirname(createRequire(import.meta.url).resolve(`${pkg}/package.json`))
  const css = readFileSync(join(root, cssFile), 'utf8')
  const fonts: ExportFont[] = []
  // Each rule is preceded by a comment naming it: /* inter-latin-ext-wght-normal */
  for (const match of css.matchAll(
    /\/\*\s*[\w-]+?-(latin|latin-ext)-wght-\w+\s*\*\/\s*@font-face\s*{([^}]*)}/g,
  )) {
    const [, subset = '', rule = ''] = match
    if (!SUBSETS.has(subset)) continue
    const file = /url\(\.\/([^)]+\.woff2)\)/.exec(rule)?.[1]
    const weight = /font-weight:\s*([^;]+);/.exec(rule)?.[1]
    const unicodeRange = /unicode-range:\s*([^;]+);/.exec(rule)?.[1]
    if (!file || !weight || !unicodeRange) continue
    const data = readFileSync(join(root, file)).toString('base64')
    fonts.push({ role, style, weight, unicodeRange, url: `data:font/woff2;base64,${data}` })
  }
  if (fonts.length !== SUBSETS.size) {
    throw new Error(`Could not find the Latin fonts of ${pkg} in ${cssFile}; is it installed?`)
  }
  return fonts
}
