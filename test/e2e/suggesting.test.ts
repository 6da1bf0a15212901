import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startCuttableProxy, type CuttableProxy } from './helpers/cuttable-proxy.ts'
import { CHROMIUM, joinWith, startStack, type App, type Stack } from './helpers/stack.ts'
import {
  connection,
  createPaper,
  markFinalAnyway,
  nb,
  openPaper,
  paperText,
  selectText,
  selectionRead,
  statusBar,
} from './helpers/ui.ts'

const NO_CHROMIUM = existsSync(CHROMIUM) ? null : `no Chromium at ${CHROMIUM}`
const SHOTS = join(import.meta.dirname, '../../test-results/e2e')
const TITLE = 'Forslag til felles finansiering'
/** Passages of the template's Norwegian text. */
const AFTER = 'tre til fem setninger'
const STRUCK = 'Begynn hver anbefaling med et verb'
const ADDED = ' som en travel leser forstår'

/** The text of every suggested insertion and deletion in the paper, in order. */
const tracked = (page: Page) =>
  page.locator('.paper-body').evaluate((body) => ({
    inserted: [...body.querySelectorAll('ins.suggest-insert')].map((n) => n.textContent).join(''),
    deleted: [...body.querySelectorAll('del.suggest-delete')].map((n) => n.textContent).join(''),
  }))

const cards = (page: Page) => page.locator('[data-suggestion-card]')

describe.skipIf(NO_CHROMIUM !== null)(
  'suggesting: a reviewer suggests offline, an editor accepts and rejects, undo restores',
  () => {
    let stack: Stack
    let proxy: CuttableProxy
    let kari: App
    let ole: App

    beforeAll(async () => {
      stack = await startStack()
      proxy = await startCuttableProxy({ port: stack.relay.port })
      kari = await stack.startApp()
      await joinWith(kari.page, stack.members.editor.link)
      await createPaper(kari.page, TITLE)
      ole = await stack.startApp()
      const link = new URL(stack.members.reviewer.link)
      link.searchParams.set('relay', proxy.url)
      await joinWith(ole.page, link.toString())
      await openPaper(ole.page, TITLE)
      await ole.page.getByText(AFTER).waitFor()
    }, 90_000)

    afterAll(async () => {
      await proxy?.close()
      await stack?.close()
    })

    test("the reviewer's typing and deleting become suggestions, kept offline, stored by the relay", async () => {
      const page = ole.page
      // A reviewer is always suggesting, and is told so.
      await page.getByText(nb('suggesting.note.reviewer')).waitFor()
      expect(await page.locator('.tool-mode').innerText()).toContain(
        nb('suggesting.mode.suggesting'),
      )
      await proxy.cut()
      await expect
        .poll(() => connection(page), { timeout: 10_000 })
        .toContain(nb('connection.offline'))

      await selectText(page, AFTER, AFTER.length)
      await page.keyboard.type(ADDED)
      await selectText(page, STRUCK)
      await page.keyboard.press('Backspace')
      // Nothing is removed: the text is struck through, the new words underlined.
      await expect.poll(() => tracked(page)).toEqual({ inserted: ADDED, deleted: STRUCK })
      expect(await paperText(page)).toContain(`${AFTER}${ADDED}`)
      expect(await paperText(page)).toContain(STRUCK)
      // Lists cannot be suggested: the list tools are off, and say why.
      const list = page.locator('[data-tool="bulletList"]')
      expect(await list.getAttribute('aria-disabled')).toBe('true')
      await page.getByText(nb('suggesting.list.count', { count: 2 })).waitFor()
      await page.screenshot({ path: join(SHOTS, 'suggesting-reviewer-offline.png') })

      await proxy.restore()
      await statusBar(page).getByText(nb('saved.relay')).waitFor({ timeout: 20_000 })
      // The relay took the suggestions (a refused update would never be "saved on the relay").
      await expect
        .poll(() => tracked(kari.page), { timeout: 15_000 })
        .toEqual({
          inserted: ADDED,
          deleted: STRUCK,
        })
    }, 90_000)

    test('the editor sees a card per suggestion, accepts one, rejects the other, and one undo restores', async () => {
      const page = kari.page
      await page.getByRole('tab', { name: /Kommentarer/ }).click()
      await expect.poll(() => cards(page).count(), { timeout: 10_000 }).toBe(2)
      const added = cards(page).filter({ hasText: ADDED.trim() })
      const struck = cards(page).filter({ hasText: STRUCK })
      // A card out of view is not laid out yet (content-visibility): wait for its text.
      await expect.poll(() => added.innerText()).toContain('Ole Hansen')
      await page.screenshot({ path: join(SHOTS, 'suggesting-editor-cards.png') })

      // The keys go from one suggestion to the next.
      await page.locator('.paper-body').click()
      await selectionRead(page)
      await page.keyboard.press('Control+Alt+Shift+ArrowDown')
      await expect.poll(() => added.getAttribute('aria-current')).toBe('true')
      await page.keyboard.press('Control+Alt+Shift+ArrowDown')
      await expect.poll(() => struck.getAttribute('aria-current')).toBe('true')

      await added
        .getByRole('button', { name: nb('suggesting.acceptNamed', { name: 'Ole Hansen' }) })
        .click()
      await expect.poll(() => tracked(page)).toEqual({ inserted: '', deleted: STRUCK })
      expect(await paperText(page)).toContain(`${AFTER}${ADDED}`)
      // Accepted into the template's guidance, the paragraph is the paper's text now (exported).
      const guidance = page.locator('.paper-body p[data-guidance]', { hasText: ADDED.trim() })
      expect(await guidance.count()).toBe(0)
      await struck
        .getByRole('button', { name: nb('suggesting.rejectNamed', { name: 'Ole Hansen' }) })
        .click()
      await expect.poll(() => tracked(page)).toEqual({ inserted: '', deleted: '' })
      expect(await paperText(page)).toContain(STRUCK)
      expect(await cards(page).count()).toBe(0)
      // The reviewer sees the decisions.
      await expect
        .poll(() => tracked(ole.page), { timeout: 15_000 })
        .toEqual({
          inserted: '',
          deleted: '',
        })

      // One undo takes back the last decision, whole: the deletion is suggested again.
      await page.locator('.paper-body').click()
      await selectionRead(page)
      await page.keyboard.press('Control+z')
      await expect.poll(() => tracked(page)).toEqual({ inserted: '', deleted: STRUCK })
      expect(await paperText(page)).toContain(`${AFTER}${ADDED}`)
      await expect.poll(() => cards(page).count()).toBe(1)
      await expect
        .poll(() => tracked(ole.page), { timeout: 15_000 })
        .toEqual({
          inserted: '',
          deleted: STRUCK,
        })
      await page.screenshot({ path: join(SHOTS, 'suggesting-after-undo.png') })
    }, 90_000)

    test('an editor who switches to Suggesting suggests under their own name', async () => {
      const page = kari.page
      await page.getByLabel(nb('suggesting.mode.label')).selectOption('suggesting')
      await selectText(page, 'fem ', 4)
      await page.keyboard.type('omtrent ')
      await expect.poll(() => tracked(page)).toEqual({ inserted: 'omtrent ', deleted: STRUCK })
      const mine = cards(page).filter({ hasText: 'omtrent' })
      await expect.poll(() => mine.innerText()).toContain('Kari Nordmann')
      // Each suggestion is in its author's colour, in the text as on its card.
      const colours = await page.evaluate(() => {
        const style = (selector: string, property: 'textDecorationColor' | 'borderLeftColor') =>
          getComputedStyle(document.querySelector(selector)!)[property]
        return {
          kariText: style('.paper-body ins.suggest-insert', 'textDecorationColor'),
          oleText: style('.paper-body del.suggest-delete', 'textDecorationColor'),
          kariCard: style('[data-suggestion-card]:has(ins)', 'borderLeftColor'),
          oleCard: style('[data-suggestion-card]:has(del)', 'borderLeftColor'),
        }
      })
      expect(colours.kariText).toBe(colours.kariCard)
      expect(colours.oleText).toBe(colours.oleCard)
      expect(colours.kariText).not.toBe(colours.oleText)
      // Back to editing with the keys: typing is plain text again.
      await page.keyboard.press('Control+Alt+Shift+KeyZ')
      await expect.poll(() => page.locator('.tool-mode').inputValue()).toBe('editing')
      await page.keyboard.type('X')
      await expect.poll(() => paperText(page)).toContain('fem omtrent Xsetninger')
      expect((await tracked(page)).inserted).toBe('omtrent ')
    }, 60_000)

    test("the coordinator sets the paper to suggestions only: the editor's changes are suggestions until it is lifted", async () => {
      const anne = await stack.startApp()
      await joinWith(anne.page, stack.members.coordinator.link)
      await openPaper(anne.page, TITLE)
      await anne.page.getByRole('tab', { name: /Arbeidsflyt/ }).click()
      const only = anne.page.getByLabel(nb('suggesting.only.label'))
      await only.check()

      const page = kari.page
      await page.getByText(nb('suggesting.note.paper')).waitFor({ timeout: 15_000 })
      expect(await page.locator('.tool-mode').innerText()).toContain(
        nb('suggesting.mode.suggesting'),
      )
      await selectText(page, 'Xsetninger', 1)
      await page.keyboard.type('Y')
      await expect.poll(() => tracked(page)).toMatchObject({ inserted: 'omtrent Y' })
      await statusBar(page).getByText(nb('saved.relay')).waitFor({ timeout: 15_000 })
      await page.screenshot({ path: join(SHOTS, 'suggesting-only.png') })

      await only.uncheck()
      await page.getByText(nb('suggesting.note.paper')).waitFor({ state: 'detached' })
      await expect.poll(() => page.locator('select.tool-mode').inputValue()).toBe('editing')
      await anne.kill()
    }, 90_000)

    test('a suggestion its author takes back leaves a note with the others, until they dismiss it', async () => {
      const page = ole.page
      await selectText(page, 'fristen', 'fristen'.length)
      await page.keyboard.type('sdato')
      const card = cards(kari.page).filter({ hasText: 'sdato' })
      await card.waitFor({ timeout: 15_000 })
      await page.keyboard.press('Control+z')
      const note = kari.page.locator('[data-vanished-suggestion]')
      await note.getByText(nb('suggesting.vanished')).waitFor({ timeout: 15_000 })
      await expect.poll(() => note.innerText()).toContain('Ole Hansen')
      await expect.poll(() => note.innerText()).toContain('sdato')
      await card.waitFor({ state: 'detached' })
      await kari.page
        .locator('.side-panel')
        .screenshot({ path: join(SHOTS, 'suggesting-vanished.png') })
      await note.getByRole('button', { name: nb('suggesting.dismiss') }).click()
      await note.waitFor({ state: 'detached' })
    }, 60_000)

    test('a suggestion made offline on a paper marked final meanwhile is refused, said so, and kept on the computer', async () => {
      const page = ole.page
      await proxy.cut()
      await expect
        .poll(() => connection(page), { timeout: 10_000 })
        .toContain(nb('connection.offline'))
      await selectText(page, 'fristen', 'fristen'.length)
      await page.keyboard.type(' i mars')

      const anne = await stack.startApp()
      await joinWith(anne.page, stack.members.coordinator.link)
      await openPaper(anne.page, TITLE)
      await anne.page.getByRole('tab', { name: /Arbeidsflyt/ }).click()
      await markFinalAnyway(anne.page)
      await kari.page.getByText(nb('editor.readOnly.final')).waitFor({ timeout: 15_000 })

      // Back online, the relay takes no change to a final paper: the reviewer is told, and
      // nothing says it was saved there.
      await proxy.restore()
      await statusBar(page).getByText(nb('connection.refused')).waitFor({ timeout: 20_000 })
      expect(await statusBar(page).innerText()).not.toContain(nb('saved.relay'))
      await page.screenshot({ path: join(SHOTS, 'suggesting-refused-final.png') })
      // His words stay on his computer, and never reach the others.
      expect(await paperText(page)).toContain('fristen i mars')
      await expect.poll(() => paperText(anne.page)).toContain('fristen')
      expect(await paperText(anne.page)).not.toContain('i mars')
      expect(await paperText(kari.page)).not.toContain('i mars')
      await anne.kill()
    }, 90_000)
  },
)
