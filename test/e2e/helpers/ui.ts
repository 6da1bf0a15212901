import type { Locator, Page } from 'playwright-core'
import { CATALOGS, createTranslator } from '../../../shared/i18n/index.ts'

/** The app's own Norwegian texts (the default language), so tests follow the catalogs. */
export const nb = createTranslator('nb')

/** "{count} endringer lagret på denne maskinen, …" for any count, in either plural form. */
export function pluralText(key: 'saved.pending'): RegExp {
  const message = CATALOGS.nb[key]
  const forms = typeof message === 'string' ? [message] : Object.values(message)
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const patterns = forms.map((form) => escape(form).replace(/\\\{count\\\}/g, '[\\d\\s]+'))
  return new RegExp(patterns.join('|'))
}

export function statusBar(page: Page): Locator {
  return page.locator('.status-bar')
}

/** The connection part of the status bar, as a screen reader reads it. */
export function connection(page: Page): Promise<string> {
  return statusBar(page).locator('.connection').innerText()
}

/** Creates a paper from the library, gives it `title`, and waits for the editor to show it. */
export async function createPaper(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: nb('library.new') }).click()
  const field = page.getByLabel(nb('meta.paperTitle'))
  await field.fill(title)
  await field.press('Enter')
  await page.getByRole('heading', { name: title, level: 1 }).waitFor()
}

/** Opens a paper from the library by its title and waits for its body. */
export async function openPaper(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: title }).click()
  await page.locator('.paper-body').waitFor()
}

/** Puts the cursor at the end of a paragraph of the paper (not of its first line) and types. */
export async function typeAtEndOf(paragraph: Locator, text: string): Promise<void> {
  await paragraph.click({ clickCount: 3 })
  await paragraph.page().keyboard.press('ArrowRight')
  await selectionRead(paragraph.page())
  await paragraph.page().keyboard.type(text)
}

/**
 * Resolves once the editor has read the page's selection: ProseMirror learns of a selection the
 * browser moved (an arrow key, a click) from `selectionchange`, a task after the key event, so a
 * key pressed at once could still act on the selection before (on a busy machine it did).
 */
export async function selectionRead(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
  )
}

/**
 * Selects `text` in the paper as a mouse drag would (or puts the caret `caretAt` characters into
 * it): a DOM selection, which the editor reads on the browser's selectionchange event; resolves
 * once that event has been handled (two animation frames later), so a key pressed next acts on it.
 */
export async function selectText(page: Page, text: string, caretAt?: number): Promise<void> {
  // The editor reads the page's selection only while it has the focus.
  await page.locator('.paper-body').focus()
  await page.locator('.paper-body').evaluate(
    (body, [wanted, caret]) => {
      const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        const at = node.textContent?.indexOf(wanted) ?? -1
        if (at === -1) continue
        const range = document.createRange()
        range.setStart(node, caret === null ? at : at + caret)
        range.setEnd(node, caret === null ? at + wanted.length : at + caret)
        const selection = window.getSelection()!
        selection.removeAllRanges()
        selection.addRange(range)
        return new Promise<void>((done) =>
          requestAnimationFrame(() => requestAnimationFrame(() => done())),
        )
      }
      throw new Error(`"${wanted}" is not in the paper`)
    },
    [text, caretAt ?? null] as const,
  )
}

/**
 * The coordinator takes the open paper to review and then to final, past the pre-send check
 * (the template's guidance, and any open suggestions, are still in it). The Workflow tab must be
 * open.
 */
export async function markFinalAnyway(page: Page): Promise<void> {
  await page.getByRole('button', { name: nb('workflow.move.review') }).click()
  await page.getByRole('button', { name: nb('workflow.move.final') }).click()
  await page
    .getByRole('alertdialog', { name: nb('check.title.final') })
    .getByRole('button', { name: nb('check.anyway.final') })
    .click()
}

/** The paper's text as its authors wrote it: without caret labels or suggested wording. */
export function paperText(page: Page): Promise<string> {
  return page.locator('.paper-body').evaluate((body) => {
    const copy = body.cloneNode(true) as HTMLElement
    for (const shown of copy.querySelectorAll('.collab-caret, .suggestion-new')) shown.remove()
    return [...copy.children].map((block) => block.textContent).join('\n')
  })
}
