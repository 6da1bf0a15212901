import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { libreOfficeText, pdfInfo, pdfText, renderFirstPage } from '../export/tools.ts'
import { CHROMIUM, joinWith, startStack, type App, type Stack } from './helpers/stack.ts'
import {
  createPaper,
  markFinalAnyway,
  nb,
  openPaper,
  paperText,
  selectionRead,
} from './helpers/ui.ts'

const NO_CHROMIUM = existsSync(CHROMIUM) ? null : `no Chromium at ${CHROMIUM}`
const NO_POPPLER = existsSync('/usr/bin/pdftotext')
  ? null
  : 'no pdftotext (apt install poppler-utils)'
const SHOTS = join(import.meta.dirname, '../../test-results/e2e')
const TITLE = 'Grønn omstilling i nordiske byer'
const VERSION = 'Sendt til Mission Board'

const tab = (page: Page, name: string) => page.getByRole('tab', { name: new RegExp(name) })
const signoff = (page: Page) => page.locator(`[data-signoff="${VERSION}"]`)

async function exportAs(page: Page, format: string): Promise<string> {
  await page.getByRole('button', { name: nb('export.open') }).click()
  const dialog = page.getByRole('dialog', { name: nb('export.title') })
  await dialog.getByLabel(format).check()
  await dialog.getByRole('button', { name: nb('export.submit') }).click()
  const saved = dialog.locator('.export-saved')
  await saved.waitFor({ timeout: 60_000 })
  const path = (await saved.innerText()).replace(nb('export.saved', { path: '' }), '').trim()
  await page.screenshot({ path: join(SHOTS, `workflow-export-${format.split(' ')[0]}.png`) })
  await dialog.getByRole('button', { name: nb('view.close') }).click()
  return path
}

describe.skipIf(NO_CHROMIUM !== null || NO_POPPLER !== null)(
  'workflow: the coordinator finalises, two organisations endorse, the paper is exported',
  () => {
    let stack: Stack
    let anne: App
    let kari: App

    beforeAll(async () => {
      stack = await startStack()
      anne = await stack.startApp()
      await joinWith(anne.page, stack.members.coordinator.link)
      await createPaper(anne.page, TITLE)
      kari = await stack.startApp()
      await joinWith(kari.page, stack.members.editor.link)
      await openPaper(kari.page, TITLE)
    }, 90_000)

    afterAll(async () => {
      await stack?.close()
    })

    test('final locks the text for the editor; a named version is endorsed by two organisations', async () => {
      await tab(anne.page, nb('workflow.tab')).click()
      // The template's guidance is still in the paper: the check says so, the coordinator goes on.
      await markFinalAnyway(anne.page)
      // The editor's app locks the text as soon as the status arrives.
      await kari.page.getByText(nb('editor.readOnly.final')).waitFor({ timeout: 15_000 })
      await kari.page.locator('.paper-body p').first().click()
      await selectionRead(kari.page)
      await kari.page.keyboard.type('ENDRING')
      expect(await paperText(kari.page)).not.toContain('ENDRING')

      await anne.page.getByLabel(nb('workflow.versions.name')).fill(VERSION)
      await anne.page.getByRole('button', { name: nb('workflow.versions.save') }).click()
      await anne.page.locator(`[data-version="${VERSION}"]`).waitFor()

      await tab(kari.page, nb('workflow.tab')).click()
      await signoff(kari.page)
        .getByRole('button', {
          name: nb('workflow.signoff.endorse', { organisation: 'Universitetet i Stavanger' }),
        })
        .click()
      await signoff(anne.page)
        .getByRole('button', { name: nb('workflow.signoff.endorse', { organisation: 'NTNU' }) })
        .click()
      for (const page of [anne.page, kari.page]) {
        for (const organisation of ['NTNU', 'Universitetet i Stavanger']) {
          await signoff(page)
            .locator('.is-current', { hasText: organisation })
            .waitFor({ timeout: 15_000 })
        }
      }
      await anne.page.locator('.side-panel').screenshot({ path: join(SHOTS, 'workflow-panel.png') })
    }, 90_000)

    test('the coordinator exports DOCX and PDF in the house style, signed by both organisations', async () => {
      const out = join(anne.profile, 'exports')
      const docx = await exportAs(anne.page, nb('export.format.docx'))
      const pdf = await exportAs(anne.page, nb('export.format.pdf'))
      expect(docx.startsWith(out)).toBe(true)
      expect(pdf.endsWith('.pdf')).toBe(true)

      // Read back by LibreOffice and poppler, never by our own code.
      const word = await libreOfficeText(docx)
      expect(word).toContain(TITLE)
      expect(word).toContain('NTNU')
      expect(word).toContain('Universitetet i Stavanger')

      const text = await pdfText(pdf)
      expect(Number((await pdfInfo(pdf))['Pages'])).toBeGreaterThanOrEqual(1)
      expect(text).toContain('Grønn omstilling')
      expect(text).toContain('NTNU')
      expect(text).toContain('Universitetet i Stavanger')
      // Sent, with recipients and the day: recorded and shown.
      await anne.page.getByRole('button', { name: nb('workflow.move.sent') }).click()
      await anne.page
        .getByRole('alertdialog', { name: nb('check.title.sent') })
        .getByRole('button', { name: nb('check.anyway.sent') })
        .click()
      await anne.page.getByLabel(nb('workflow.sent.recipients')).fill('EUs Mission Board')
      await anne.page.getByRole('button', { name: nb('workflow.sent.confirm') }).click()
      await anne.page.locator('.workflow-sent', { hasText: 'EUs Mission Board' }).waitFor()
      await kari.page.locator('.workflow-sent', { hasText: 'EUs Mission Board' }).waitFor()
      // Sent reads as sent, not as final.
      await kari.page.getByText(nb('editor.readOnly.sent')).waitFor()
      expect(await kari.page.getByText(nb('editor.readOnly.final')).count()).toBe(0)

      await renderFirstPage(pdf, 'workflow-pdf')
    }, 180_000)

    test('reopened and edited, the endorsements are flagged as no longer the current text', async () => {
      await anne.page.getByRole('button', { name: nb('workflow.move.draft') }).click()
      await anne.page
        .getByRole('alertdialog')
        .getByRole('button', { name: nb('workflow.move.draft') })
        .click()
      await kari.page.getByText(nb('editor.readOnly.sent')).waitFor({ state: 'detached' })
      await kari.page.locator('.paper-body > p').first().click()
      await selectionRead(kari.page)
      await kari.page.keyboard.type(' Ny setning etter godkjenningen.')
      for (const page of [anne.page, kari.page]) {
        await signoff(page)
          .locator('.is-outdated', { hasText: 'NTNU' })
          .waitFor({ timeout: 15_000 })
        await signoff(page).getByText(nb('workflow.signoff.outdated')).first().waitFor()
      }
      // A second version, compared with the first: the redline marks the new sentence.
      await anne.page.getByLabel(nb('workflow.versions.name')).fill('Etter høringen')
      await anne.page.getByRole('button', { name: nb('workflow.versions.save') }).click()
      await anne.page.locator('[data-version="Etter høringen"]').waitFor()
      await anne.page.getByLabel(nb('workflow.compare.from')).selectOption({ label: VERSION })
      await anne.page
        .getByLabel(nb('workflow.compare.to'))
        .selectOption({ label: 'Etter høringen' })
      await anne.page.getByRole('button', { name: nb('workflow.compare.submit') }).click()
      const compared = anne.page.locator('.paper-view')
      await compared.locator('ins', { hasText: 'Ny setning etter godkjenningen.' }).waitFor()
      await compared.getByRole('button', { name: nb('view.close') }).click()
      await compared.waitFor({ state: 'hidden' })

      // The redline from the endorsed version to the text now marks the new sentence.
      await anne.page
        .locator(`[data-version="${VERSION}"]`)
        .getByRole('button', { name: nb('workflow.versions.compare') })
        .click()
      const view = anne.page.locator('.paper-view')
      await view.locator('ins', { hasText: 'Ny setning etter godkjenningen.' }).waitFor()
      await anne.page.screenshot({ path: join(SHOTS, 'workflow-redline.png') })
      await view.getByRole('button', { name: nb('view.close') }).click()
      await view.waitFor({ state: 'hidden' })

      // The history records every move, with who made it, after who made the paper.
      await anne.page.getByText(nb('workflow.status.history')).click()
      const lines = await anne.page.locator('.workflow-history li').allInnerTexts()
      expect(lines).toHaveLength(5)
      expect(lines.at(-1)).toMatch(/^Opprettet av Anne Berg, NTNU · /)
      await anne.page
        .locator('.side-panel')
        .screenshot({ path: join(SHOTS, 'workflow-outdated.png') })
    }, 60_000)
  },
)
