import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CHROMIUM, joinWith, startStack, type Stack } from './helpers/stack.ts'
import { createPaper, openPaper, paperText } from './helpers/ui.ts'

const NO_CHROMIUM = existsSync(CHROMIUM) ? null : `no Chromium at ${CHROMIUM}`
const SHOTS = join(import.meta.dirname, '../../test-results/e2e')
const TITLE = 'Felles innspill om klimakontraktene'
/** 65 characters, 9 words: what issue 12's partner typed while another typed elsewhere. */
const SENTENCE = 'Byene trenger forutsigbar finansiering for å nå klimamålene sine.'
const PARTNER = ' Kari skriver samtidig et annet sted i notatet.'
/** A typing pace a person reaches (ms between keys), so the typing takes a few seconds. */
const KEY_DELAY = 60

/** The paper's text without its empty paragraphs. */
const textOf = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .join('\n')

/** The caret at the end of a paragraph (End would stop at the end of its first line). */
async function caretAtEnd(paragraph: Locator): Promise<void> {
  await paragraph.click({ clickCount: 3 })
  await paragraph.page().keyboard.press('ArrowRight')
}

/** Presses Ctrl+Z until `gone()` holds; returns how many presses it took. */
async function undoUntil(page: Page, gone: () => Promise<boolean>): Promise<number> {
  for (let presses = 1; presses <= 120; presses++) {
    await page.keyboard.press('Control+z')
    if (await gone()) return presses
  }
  throw new Error('120 presses of Ctrl+Z did not undo the sentence')
}

describe.skipIf(NO_CHROMIUM !== null)('writing: undo, title, styles, find and paste', () => {
  let stack: Stack
  let anne: Page
  let kari: Page

  beforeAll(async () => {
    stack = await startStack()
    anne = await stack.openApp()
    await joinWith(anne, stack.members.coordinator.link)
    await createPaper(anne, TITLE)
    kari = await stack.openApp()
    await joinWith(kari, stack.members.editor.link)
    await openPaper(kari, TITLE)
  }, 90_000)

  afterAll(async () => {
    await stack?.close()
  })

  test('undo takes back a sentence typed while a partner types, word by word, and only it', async () => {
    const background = anne.locator('.paper-body > p').first()
    const before = await background.innerText()
    // Anne starts a new paragraph after the background text; Kari types in the key messages.
    await caretAtEnd(background)
    await anne.keyboard.press('Enter')
    await caretAtEnd(kari.locator('.paper-body li p').first())
    await Promise.all([
      anne.keyboard.type(SENTENCE, { delay: KEY_DELAY }),
      kari.keyboard.type(PARTNER, { delay: KEY_DELAY }),
    ])
    await expect.poll(() => paperText(anne)).toContain(PARTNER.trim())
    await expect.poll(() => paperText(kari)).toContain(SENTENCE)
    await anne.screenshot({ path: join(SHOTS, 'writing-typing-together.png') })

    const presses = await undoUntil(anne, async () => !(await paperText(anne)).includes('Byene'))
    console.log(`undo presses for the 65-character sentence, partner typing: ${presses}`)
    // One step per word (9), as Google Docs groups typing; never more steps than words.
    expect(presses).toBe(9)
    const text = await paperText(anne)
    expect(text).toContain(PARTNER.trim())
    expect(text).toContain(before)
    await expect.poll(() => paperText(kari)).not.toContain('Byene trenger')
    expect(await paperText(kari)).toContain(PARTNER.trim())

    // Redo brings it back, the same way.
    for (let i = 0; i < presses; i++) await anne.keyboard.press('Control+Shift+z')
    await expect.poll(() => paperText(anne)).toContain(SENTENCE)
  }, 90_000)

  test('alone, the same sentence undoes in as many steps', async () => {
    await caretAtEnd(anne.locator('.paper-body > p').nth(1))
    await anne.keyboard.press('Enter')
    const before = textOf(await paperText(anne))
    await anne.keyboard.type(SENTENCE, { delay: KEY_DELAY })
    const presses = await undoUntil(anne, async () => textOf(await paperText(anne)) === before)
    console.log(`undo presses for the 65-character sentence, alone: ${presses}`)
    expect(presses).toBe(9)
  }, 60_000)
})
