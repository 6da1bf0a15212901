import { existsSync } from 'node:fs'
import { join } from 'node:path'
import * as prng from 'lib0/prng'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createTranslator } from '../../shared/i18n/index.ts'
import { axeViolations } from './helpers/axe.ts'
import { startCuttableProxy, type CuttableProxy } from './helpers/cuttable-proxy.ts'
import { CHROMIUM, joinWith, startStack, type App, type Stack } from './helpers/stack.ts'
import { connection, createPaper, nb, openPaper, selectionRead, statusBar } from './helpers/ui.ts'

const NO_CHROMIUM = existsSync(CHROMIUM) ? null : `no Chromium at ${CHROMIUM}`
const SHOTS = join(import.meta.dirname, '../../test-results/e2e')
const TITLE = 'Innspill til partnerskapet'
const en = createTranslator('en')
const WIDE = { width: 1600, height: 960 }
const NARROW = { width: 1280, height: 860 }

/** The caret `offset` characters into the text of `block`, as a click there would put it. */
async function caretInto(block: Locator, offset: number): Promise<void> {
  await block.evaluate((element, at) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) =>
        node.parentElement?.closest('.collab-caret, .suggestion-new') === null
          ? NodeFilter.FILTER_ACCEPT
          : NodeFilter.FILTER_REJECT,
    })
    let left = at
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const length = node.textContent?.length ?? 0
      if (left <= length) {
        const range = document.createRange()
        range.setStart(node, left)
        range.collapse(true)
        window.getSelection()!.removeAllRanges()
        window.getSelection()!.addRange(range)
        return
      }
      left -= length
    }
    throw new Error(`offset ${at} is past the end of the block`)
  }, offset)
}

/** The text of a block as its authors wrote it (no carets, no suggested wording). */
const textOf = (block: Locator) =>
  block.evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement
    for (const shown of copy.querySelectorAll('.collab-caret, .suggestion-new')) shown.remove()
    return copy.textContent ?? ''
  })

/** Selects the `length` characters before `end` with Shift+Left, as a keyboard user does. */
async function selectBack(page: Page, block: Locator, end: number, length: number) {
  await caretInto(block, end)
  for (let i = 0; i < length; i++) await page.keyboard.press('Shift+ArrowLeft')
}

const focusedCard = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('data-thread-card') ?? null)
const card = (page: Page, text: string) => page.locator('.thread-card', { hasText: text })
const draftHighlight = (page: Page) => page.locator('.paper-body .comment-highlight.is-draft')

describe.skipIf(NO_CHROMIUM !== null)('comments in the margin, focus, and anchors', () => {
  let stack: Stack
  let proxy: CuttableProxy
  let anne: Page
  let ole: App

  beforeAll(async () => {
    stack = await startStack()
    proxy = await startCuttableProxy({ port: stack.relay.port })
    anne = await stack.openApp()
    await anne.setViewportSize(WIDE)
    await joinWith(anne, stack.members.coordinator.link)
    await createPaper(anne, TITLE)
    // The template's guidance is a placeholder that typing replaces: write the paper over it,
    // with the same words, so that the comments below sit on the paper's own text.
    const guidance = anne.locator('.paper-body p[data-guidance="true"]')
    for (let left = await guidance.count(); left > 0; left = await guidance.count()) {
      const first = guidance.first()
      const text = await first.innerText()
      await first.click()
      // The click selects the placeholder whole once the editor has read it; a typed key then
      // replaces it, and the rest of the words go in at once.
      await selectionRead(anne)
      await anne.keyboard.type(text.slice(0, 1))
      await anne.keyboard.insertText(text.slice(1))
      await anne.waitForFunction(
        (n) => document.querySelectorAll('.paper-body p[data-guidance="true"]').length < n,
        left,
      )
    }
    ole = await stack.startApp()
    await ole.page.setViewportSize(WIDE)
    const link = new URL(stack.members.reviewer.link)
    link.searchParams.set('relay', proxy.url)
    await joinWith(ole.page, link.toString())
    await openPaper(ole.page, TITLE)
  }, 90_000)

  afterAll(async () => {
    await proxy?.close()
    await stack?.close()
  })

  /** Comments on the `length` characters before `end` of `block`, chosen with Shift+Left. */
  async function comment(page: Page, block: Locator, end: number, length: number, text: string) {
    await selectBack(page, block, end, length)
    await page.keyboard.press('Control+Alt+KeyM')
    const composer = page.locator('.composer')
    await composer.getByLabel(nb('review.composer.text')).fill(text)
    await composer.getByRole('button', { name: nb('review.composer.submit') }).click()
    await composer.waitFor({ state: 'detached' })
  }

  test('a comment anchors exactly the text selected with the keyboard (property, 40 seeded runs)', async () => {
    const gen = prng.create(1212)
    const blocks = anne.locator('.paper-body p')
    const count = await blocks.count()
    for (let run = 0; run < 40; run++) {
      const block = blocks.nth(prng.int32(gen, 0, count - 1))
      const text = await textOf(block)
      const length = prng.int32(gen, 1, Math.min(24, text.length))
      const end = prng.int32(gen, length, text.length)
      const wanted = text.slice(end - length, end)
      if (wanted.trim() === '') continue
      await selectBack(anne, block, end, length)
      // At once, as a user pressing Ctrl+Alt+M right after the last Shift+Left would.
      await anne.keyboard.press('Control+Alt+KeyM')
      const quote = anne.locator('.composer .thread-quote-text')
      expect(await quote.textContent(), `run ${run}`).toBe(wanted)
      expect((await draftHighlight(anne).allTextContents()).join(''), `run ${run}`).toBe(wanted)
      await anne.keyboard.press('Escape')
      await anne.locator('.composer').waitFor({ state: 'detached' })
    }
  }, 180_000)

  test('threads sit in the margin beside their text, the active one level with its highlight', async () => {
    const background = anne.locator('.paper-body > p').first()
    const text = await textOf(background)
    const phrases = ['tre til fem setninger', 'hvilken høring', 'leseren straks']
    for (const [i, phrase] of phrases.entries()) {
      const at = text.indexOf(phrase)
      await comment(anne, background, at + phrase.length, phrase.length, `Merknad ${i + 1}`)
    }
    const margin = anne.getByRole('region', { name: nb('review.margin.label') })
    await expect.poll(() => margin.locator('.thread-card').count()).toBe(3)
    // The side panel keeps what the margin cannot show, and says where the rest is.
    await anne.getByRole('tab', { name: /Kommentarer/ }).click()
    await anne.getByText(nb('review.margin.elsewhere', { count: 3 })).waitFor()
    expect(await anne.locator('.side-panel .thread-card').count()).toBe(0)

    const top = (locator: Locator) => locator.evaluate((e) => e.getBoundingClientRect().top)
    for (const phrase of phrases) {
      const highlight = anne.locator('.paper-body .comment-highlight', { hasText: phrase })
      await highlight.click()
      const active = margin.locator('.thread-card.is-active')
      await expect.poll(() => active.count()).toBe(1)
      await expect
        .poll(async () => Math.abs((await top(active)) - (await top(highlight))), { timeout: 5000 })
        .toBeLessThan(8)
    }
    // No card covers another.
    const boxes = await margin
      .locator('.margin-card')
      .evaluateAll((cards) =>
        cards.map((c) => c.getBoundingClientRect()).map((r) => [r.top, r.bottom]),
      )
    boxes.sort((a, b) => a[0]! - b[0]!)
    for (let i = 1; i < boxes.length; i++)
      expect(boxes[i]![0]).toBeGreaterThanOrEqual(boxes[i - 1]![1]!)
    expect(await axeViolations(anne, '.comment-margin')).toEqual([])
    await anne.screenshot({ path: join(SHOTS, 'margin-comments-nb.png') })
    await anne.getByRole('button', { name: 'English' }).click()
    await anne.getByRole('region', { name: en('review.margin.label') }).waitFor()
    await anne.screenshot({ path: join(SHOTS, 'margin-comments-en.png') })
    await anne.getByRole('button', { name: 'Norsk bokmål' }).click()

    // A narrow window lists them in the side panel instead.
    await anne.setViewportSize(NARROW)
    await expect.poll(() => anne.locator('.comment-margin').count()).toBe(0)
    await expect.poll(() => anne.locator('.side-panel .thread-card').count()).toBe(3)
    await anne.screenshot({ path: join(SHOTS, 'margin-narrow-list-nb.png') })
    await anne.setViewportSize(WIDE)
    await margin.waitFor()
  }, 90_000)

  test('writing a comment: the phrase stays highlighted, a suggestion says Foreslå, focus lands on the new card', async () => {
    const block = anne.locator('.paper-body > p').nth(1)
    const text = await textOf(block)
    const phrase = text.slice(0, 12)
    await selectBack(anne, block, phrase.length, phrase.length)
    await anne.keyboard.press('Control+Alt+KeyM')
    const composer = anne.locator('.composer')
    await expect.poll(() => draftHighlight(anne).allTextContents()).toEqual([phrase])
    await expect.poll(() => anne.evaluate(() => document.activeElement?.id)).toBe('composer-text')
    // Typing in the form does not take the highlight away.
    await composer.getByLabel(nb('review.composer.text')).pressSequentially('Kortere?')
    expect(await draftHighlight(anne).allTextContents()).toEqual([phrase])
    // The form is drawn again in the side list when the window narrows, and back in the margin
    // when it widens: the words typed so far go with it.
    await anne.setViewportSize(NARROW)
    await anne.getByRole('tab', { name: /Kommentarer/ }).click()
    const inList = anne.locator('.side-panel .composer').getByLabel(nb('review.composer.text'))
    await expect.poll(() => inList.inputValue()).toBe('Kortere?')
    await anne.setViewportSize(WIDE)
    const inMargin = anne
      .locator('.comment-margin .composer')
      .getByLabel(nb('review.composer.text'))
    await expect.poll(() => inMargin.inputValue()).toBe('Kortere?')
    await composer.getByLabel(nb('review.composer.suggest')).check()
    const submit = composer.locator('button[type=submit]')
    expect(await submit.innerText()).toBe(nb('review.composer.submitSuggestion'))
    await composer.getByLabel(nb('review.composer.suggest')).uncheck()
    expect(await submit.innerText()).toBe(nb('review.composer.submit'))
    await composer.getByLabel(nb('review.composer.suggest')).check()
    await composer.getByLabel(nb('review.composer.suggestion')).fill('Kort')
    await anne.screenshot({ path: join(SHOTS, 'margin-composer-nb.png') })
    await submit.click()
    await composer.waitFor({ state: 'detached' })
    expect(await draftHighlight(anne).count()).toBe(0)
    const added = card(anne, 'Kortere?')
    await expect.poll(() => focusedCard(anne)).toBe(await added.getAttribute('data-thread-card'))

    // Esc in a new comment goes back to the text.
    await selectBack(anne, block, phrase.length + 6, 4)
    await anne.keyboard.press('Control+Alt+KeyM')
    await composer.waitFor()
    await anne.keyboard.press('Escape')
    await expect.poll(() => anne.evaluate(() => document.activeElement?.id)).toBe('paper-body')
  }, 60_000)

  test('resolving takes the highlight away and focus to the next card; delete asks, and focus follows', async () => {
    const first = card(anne, 'Merknad 1')
    await first.click()
    await first.getByRole('button', { name: nb('review.thread.resolve') }).click()
    await expect
      .poll(() =>
        anne
          .locator('.paper-body .comment-highlight', { hasText: 'tre til fem setninger' })
          .count(),
      )
      .toBe(0)
    await expect
      .poll(() => focusedCard(anne))
      .toBe(await card(anne, 'Merknad 2').getAttribute('data-thread-card'))

    // Reopened from the resolved list, its highlight comes back.
    await anne.getByRole('tab', { name: /Kommentarer/ }).click()
    await anne.getByRole('radio', { name: nb('review.filter.resolved') }).click()
    const resolved = anne.locator('.side-panel .thread-card', { hasText: 'Merknad 1' })
    await resolved.getByRole('button', { name: nb('review.thread.reopen') }).click()
    await anne
      .locator('.paper-body .comment-highlight', { hasText: 'tre til fem setninger' })
      .waitFor()
    // No resolved card is left to go to: focus goes to the "Comment" button.
    await expect
      .poll(() => anne.evaluate(() => document.activeElement?.textContent?.trim()))
      .toBe(nb('review.add'))
    await anne.getByRole('radio', { name: nb('review.filter.open') }).click()

    const second = card(anne, 'Merknad 2')
    await second.click()
    const remove = second.getByRole('button', { name: nb('review.thread.delete') })
    await remove.click()
    const confirm = second.getByRole('alertdialog')
    await expect
      .poll(() => anne.evaluate(() => document.activeElement?.textContent))
      .toBe(nb('review.thread.deleteConfirmButton'))
    await confirm.getByRole('button', { name: nb('review.thread.cancel') }).click()
    await expect
      .poll(() => anne.evaluate(() => document.activeElement?.textContent))
      .toBe(nb('review.thread.delete'))
    await remove.click()
    await confirm.getByRole('button', { name: nb('review.thread.deleteConfirmButton') }).click()
    await expect.poll(() => card(anne, 'Merknad 2').count()).toBe(0)
    await expect.poll(() => focusedCard(anne)).not.toBeNull()
  }, 60_000)

  test('dialogs and the status give focus back where it was', async () => {
    await anne.locator('.paper-body > p').first().click()
    await selectionRead(anne)
    await anne.keyboard.press('Control+k')
    await anne.getByRole('dialog').waitFor()
    await anne.keyboard.press('Escape')
    await expect.poll(() => anne.evaluate(() => document.activeElement?.id)).toBe('paper-body')

    const exportButton = anne.getByRole('button', { name: nb('export.open') })
    await exportButton.click()
    await anne.getByRole('dialog').waitFor()
    await anne
      .getByRole('dialog')
      .getByRole('button', { name: nb('view.close') })
      .click()
    await expect
      .poll(() => anne.evaluate(() => document.activeElement?.textContent?.trim()))
      .toBe(nb('export.open'))

    await anne.getByRole('tab', { name: nb('workflow.tab') }).click()
    await anne.getByRole('button', { name: nb('workflow.move.review') }).click()
    await expect
      .poll(() => anne.evaluate(() => document.activeElement?.className))
      .toBe('workflow-current')
    await anne.getByRole('button', { name: nb('workflow.move.draft') }).click()
    await expect
      .poll(() => anne.evaluate(() => document.activeElement?.textContent))
      .toBe(nb('workflow.move.draft'))
    await anne.keyboard.press('Enter')
    await expect
      .poll(() => anne.evaluate(() => document.activeElement?.className))
      .toBe('workflow-current')
  }, 60_000)

  test('offline, every card of a comment the relay does not have yet says “not sent yet”', async () => {
    const page = ole.page
    await proxy.cut()
    await expect
      .poll(() => connection(page), { timeout: 10_000 })
      .toContain(nb('connection.offline'))
    // A reviewer's text is read-only, so no caret to select with: a mouse selection, as a range.
    await page.locator('.paper-body').evaluate((body) => {
      const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        const at = node.textContent?.indexOf('Oppgi dokumentet') ?? -1
        if (at === -1) continue
        const range = document.createRange()
        range.setStart(node, at)
        range.setEnd(node, at + 'Oppgi dokumentet'.length)
        window.getSelection()!.removeAllRanges()
        window.getSelection()!.addRange(range)
        return
      }
    })
    await page.keyboard.press('Control+Alt+KeyM')
    await page.locator('.composer').getByLabel(nb('review.composer.text')).fill('Hvilket dokument?')
    await page.locator('.composer button[type=submit]').click()
    const mine = card(page, 'Hvilket dokument?')
    await mine.getByText(nb('review.thread.notSent')).waitFor()
    // A reply on a thread the relay has: that reply's part says so, the thread does not.
    const other = card(page, 'Merknad 3')
    await other.click()
    await other.getByLabel(nb('review.thread.replyLabel', { name: 'Anne Berg' })).fill('Enig.')
    await other.getByRole('button', { name: nb('review.thread.send') }).click()
    await other.locator('.thread-reply').getByText(nb('review.thread.notSent')).waitFor()
    expect(await other.locator(':scope > .thread-not-sent').count()).toBe(0)
    await statusBar(page)
      .getByText(nb('review.waiting', { count: 2 }))
      .waitFor()
    await page.screenshot({ path: join(SHOTS, 'margin-not-sent-nb.png') })

    await proxy.restore()
    await expect
      .poll(() => page.getByText(nb('review.thread.notSent')).count(), { timeout: 20_000 })
      .toBe(0)
    await card(anne, 'Hvilket dokument?').waitFor({ timeout: 15_000 })
  }, 90_000)
})
