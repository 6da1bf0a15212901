import { useEffect, useMemo } from 'react'
import type { ColorOf } from '../sync/member-colors.ts'

/**
 * Each author's colour for what carries their `data-member` (suggestions in the text, their
 * cards), as the `--author` custom property, in one constructed style sheet for the document:
 * ProseMirror renders the marks, so a rule per member reaches them where a prop cannot.
 */
export function useAuthorColors(memberIds: readonly string[], colorOf: ColorOf): void {
  const sheet = useMemo(() => new CSSStyleSheet(), [])
  useEffect(() => {
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet)
    }
  }, [sheet])
  const key = [...new Set(memberIds)].sort().join('\n')
  useEffect(() => {
    const rules = key
      .split('\n')
      .filter((id) => id !== '')
      .map((id) => `[data-member="${CSS.escape(id)}"] { --author: ${colorOf(id)}; }`)
    sheet.replaceSync(rules.join('\n'))
  }, [sheet, key, colorOf])
}
