import { paperCssVariables } from '../../../shared/export/typography.ts'

/** Puts the paper's typography (the export's tokens, scaled to the screen) on `root` as --paper-*. */
export function applyPaperTokens(root: HTMLElement): void {
  for (const [name, value] of Object.entries(paperCssVariables())) {
    root.style.setProperty(name, value)
  }
}
