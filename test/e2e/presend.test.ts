import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { today } from '../../shared/model/index.ts'
import { formatDateText } from '../../renderer/src/ui/date-text.ts'
import { pdfText } from '../export/tools.ts'
import { CHROMIUM, joinWith, startStack, type App, type Stack } from './helpers/stack.ts'
import { createTranslator } from '../../shared/i18n/index.ts'
import { createPaper, nb, selectionRead } from './helpers/ui.ts'

const NO_CHROMIUM = existsSync(CHROMIUM) ? null : `no Chromium at ${CHROMIUM}`
const NO_POPPLER = existsSync('/usr/bin/pdftotext')
  ? null
  : 'no pdftotext (apt install poppler-utils)'
const SHOTS = join(import.meta.dirname, '../../test-results/e2e')
const TITLE = 'Byene trenger forutsigbar finansiering'
const WRITTEN = 'Fem byer og to universiteter skriver sammen.'

const tab = (page: Page, name: string) => page.getByRole('tab', { name: new RegExp(name) })
const guidance = (page: Page) => page.locator('.paper-body p[data-guidance="true"]')

describe.skipIf(NO_CHROMIUM !== null || NO_POPPLER !== null)(
  'before a paper leaves: placeholders, the pre-send check, dates in the UI’s format',
  () => {
    let stack: Stack
    let anne: App

    beforeAll(async () => {
      stack = await startStack()
      anne = await stack.startApp()
      await joinWith(anne.page, stack.members.coordinator.link)
      await createPaper(anne.page, TITLE)
    }, 90_000)

    afterAll(async () => {
      await stack?.close()
    })

    test('the template’s guidance shows as placeholders, replaced by what the drafter types', async () => {
      const page = anne.page
      await expect.poll(() => guidance(page).count()).toBe(8)
      const background = guidance(page).filter({ hasText: 'Forklar i tre til fem setninger' })
      await background.click()
      await selectionRead(page)
      await page.keyboard.type(WRITTEN)
      const written = page.locator('.paper-body > p', { hasText: WRITTEN })
      await written.waitFor()
      expect(await written.innerText()).toBe(WRITTEN)
      expect(await written.getAttribute('data-guidance')).toBeNull()
      expect(await guidance(page).count()).toBe(7)
      await page
        .locator('.editor-column')
        .screenshot({ path: join(SHOTS, 'presend-placeholders.png') })
    }, 60_000)

    test('dates are typed and shown as dd.mm.åååå in the Norwegian UI, never the browser’s format', async () => {
      const page = anne.page
      await tab(page, nb('review.tab.details')).click()
      const deadline = page.getByLabel(nb('meta.deadline'))
      expect(await deadline.getAttribute('type')).toBeNull()
      expect(await deadline.getAttribute('placeholder')).toBe('dd.mm.åååå')
      await deadline.fill('31.02.2027')
      await page
        .getByText(nb('date.invalid', { format: 'dd.mm.åååå', example: '03.12.2026' }))
        .waitFor()
      expect(await deadline.getAttribute('aria-invalid')).toBe('true')
      await deadline.fill('15.1.2027')
      await deadline.blur()
      expect(await deadline.inputValue()).toBe('15.01.2027')
      await page.locator('.editor-head-deadline', { hasText: '15. januar 2027' }).waitFor()
      await page.locator('.side-panel').screenshot({ path: join(SHOTS, 'dates-nb-details.png') })
      expect(await page.locator('input[type="date"]').count()).toBe(0)
    }, 60_000)

    test('moving to final lists what is left; the coordinator goes back, then goes on anyway', async () => {
      const page = anne.page
      await tab(page, nb('workflow.tab')).click()
      await page.getByRole('button', { name: nb('workflow.move.review') }).click()
      await page.getByRole('button', { name: nb('workflow.move.final') }).click()
      const check = page.getByRole('alertdialog', { name: nb('check.title.final') })
      await check.waitFor()
      // Focus goes to what the check says, not to the top of the page.
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('presend-title')
      const items = await check.locator('li').allInnerTexts()
      expect(items).toEqual([
        `${nb('check.guidance', { count: 7 })}: Hovedbudskap, Anbefalinger og Underskrivere`,
        `${nb('check.empty-sections', { count: 2 })}: Hovedbudskap og Anbefalinger`,
        nb('check.no-recipients'),
      ])
      await page.locator('.side-panel').screenshot({ path: join(SHOTS, 'presend-check-nb.png') })

      await check.getByRole('button', { name: nb('check.back') }).click()
      await check.waitFor({ state: 'detached' })
      // Back where it started: on the button that opened the check.
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
        nb('workflow.move.final'),
      )
      expect(await page.locator('.workflow-current').innerText()).toContain(
        nb('paperStatus.review'),
      )

      await page.getByRole('button', { name: nb('workflow.move.final') }).click()
      await check.getByRole('button', { name: nb('check.anyway.final') }).click()
      await page.getByText(nb('editor.readOnly.final')).waitFor()
      // Focus goes to the new status, which a screen reader then reads out.
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.className))
        .toBe('workflow-current')
      const history = page.locator('.workflow-history')
      await history.locator('summary').click()
      const override = history.locator('.workflow-override').first()
      expect(await override.innerText()).toBe(
        nb('workflow.status.override', {
          list: `${nb('check.guidance', { count: 7 })}, ${nb('check.empty-sections', { count: 2 })} og ${nb('check.no-recipients.short')}`,
        }),
      )
      // The history starts with who made the paper.
      const lines = await history.locator('li').allInnerTexts()
      expect(lines.at(-1)).toMatch(/^Opprettet av Anne Berg, NTNU · /)
      await page.locator('.side-panel').screenshot({ path: join(SHOTS, 'presend-history-nb.png') })
    }, 60_000)

    test('sent: checked again, dated today in dd.mm.åååå, and the export leaves the guidance out', async () => {
      const page = anne.page
      await page.getByRole('button', { name: nb('workflow.move.sent') }).click()
      const check = page.getByRole('alertdialog', { name: nb('check.title.sent') })
      await check.locator('li', { hasText: nb('check.not-endorsed', { count: 1 }) }).waitFor()
      expect(await check.innerText()).toContain(`${nb('check.not-endorsed', { count: 1 })}: NTNU`)
      await check.getByRole('button', { name: nb('check.anyway.sent') }).click()
      const date = page.getByLabel(nb('workflow.sent.date'))
      // Today on this computer's calendar, as a Norwegian writes it.
      expect(await date.inputValue()).toBe(formatDateText(today(), 'nb-NO'))
      await page.getByLabel(nb('workflow.sent.recipients')).fill('EUs Mission Board')
      await page.locator('.side-panel').screenshot({ path: join(SHOTS, 'dates-nb-sent.png') })
      await page.getByRole('button', { name: nb('workflow.sent.confirm') }).click()
      await page.locator('.workflow-sent', { hasText: 'EUs Mission Board' }).waitFor()
      await page.getByText(nb('editor.readOnly.sent')).waitFor()

      await page.getByRole('button', { name: nb('export.open') }).click()
      const dialog = page.getByRole('dialog', { name: nb('export.title') })
      expect(await dialog.getByLabel(nb('export.date')).inputValue()).toBe(
        formatDateText(today(), 'nb-NO'),
      )
      await dialog.screenshot({ path: join(SHOTS, 'dates-nb-export.png') })
      await dialog.getByLabel(nb('export.format.pdf')).check()
      await dialog.getByRole('button', { name: nb('export.submit') }).click()
      const saved = dialog.locator('.export-saved')
      await saved.waitFor({ timeout: 60_000 })
      const path = (await saved.innerText()).replace(nb('export.saved', { path: '' }), '').trim()
      const text = await pdfText(path)
      expect(text).toContain(WRITTEN)
      for (const hint of [
        'Skriv i én setning',
        'Begynn hver anbefaling',
        'Før opp hver organisasjon',
      ]) {
        expect(text).not.toContain(hint)
      }
    }, 120_000)

    test('in English the history and the dates read in English, dd/mm/yyyy', async () => {
      const page = anne.page
      await page
        .getByRole('dialog', { name: nb('export.title') })
        .getByRole('button', { name: nb('view.close') })
        .click()
      await page.getByRole('button', { name: 'English' }).click()
      const en = createTranslator('en')
      await page.getByText(en('editor.readOnly.sent')).waitFor()
      const override = page.locator('.workflow-override').first()
      expect(await override.innerText()).toMatch(
        /^Went on despite: 7 template instructions are still in the paper, .* and 1 organisation has not endorsed this text$/,
      )
      await page.getByRole('button', { name: en('export.open') }).click()
      const dialog = page.getByRole('dialog', { name: en('export.title') })
      expect(await dialog.getByLabel(en('export.date')).inputValue()).toBe(
        formatDateText(today(), 'en-GB'),
      )
      await dialog.getByRole('button', { name: en('view.close') }).click()
      await page.locator('.side-panel').screenshot({ path: join(SHOTS, 'presend-history-en.png') })
    }, 60_000)
  },
)

describe.skipIf(NO_CHROMIUM !== null)(
  '“today” in the app is the day on the user’s calendar',
  () => {
    let stack: Stack

    beforeAll(async () => {
      stack = await startStack()
    }, 90_000)

    afterAll(async () => {
      await stack?.close()
    })

    test('at 00:30 in Oslo the export is dated today, not yesterday as in UTC', async () => {
      const oslo = await stack.startApp(undefined, { timezoneId: 'Europe/Oslo' })
      const page = oslo.page
      await joinWith(page, stack.members.coordinator.link)
      await createPaper(page, 'Dagens dato')
      // 00:30 on 3 December 2026 in Oslo is 23:30 on 2 December in UTC.
      await page.clock.setFixedTime(new Date('2026-12-02T23:30:00Z'))
      expect(await page.evaluate(() => new Date().toISOString().slice(0, 10))).toBe('2026-12-02')
      await page.getByRole('button', { name: nb('export.open') }).click()
      const dialog = page.getByRole('dialog', { name: nb('export.title') })
      expect(await dialog.getByLabel(nb('export.date')).inputValue()).toBe('03.12.2026')
      await dialog.getByRole('button', { name: nb('view.close') }).click()
      await tab(page, nb('workflow.tab')).click()
      await page.getByRole('button', { name: nb('workflow.move.review') }).click()
      await page.getByRole('button', { name: nb('workflow.move.final') }).click()
      await page.getByRole('button', { name: nb('check.anyway.final') }).click()
      await page.getByRole('button', { name: nb('workflow.move.sent') }).click()
      await page.getByRole('button', { name: nb('check.anyway.sent') }).click()
      expect(await page.getByLabel(nb('workflow.sent.date')).inputValue()).toBe('03.12.2026')
    }, 90_000)
  },
)
