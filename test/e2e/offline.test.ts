import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CHROMIUM, joinWith, startStack, type App, type Stack } from './helpers/stack.ts'
import {
  createPaper,
  connection,
  nb,
  openPaper,
  paperText,
  pluralText,
  statusBar,
  typeAtEndOf,
} from './helpers/ui.ts'

const NO_CHROMIUM = existsSync(CHROMIUM) ? null : `no Chromium at ${CHROMIUM}`
const SHOTS = join(import.meta.dirname, '../../test-results/e2e')
const TITLE = 'Innspill til klimaplanen'
const PENDING = pluralText('saved.pending')

/** The template's first key message (a list item) and its background paragraph. */
const keyMessage = (page: Page) => page.locator('.paper-body li p').first()
const background = (page: Page) => page.locator('.paper-body > p').first()

async function seesOffline(page: Page): Promise<void> {
  await expect.poll(() => connection(page), { timeout: 10_000 }).toContain(nb('connection.offline'))
}

/**
 * After the relay was away, the app asks it for a ticket again with backoff (2, 4, 8 … 30 s), so
 * coming back can take that long.
 */
async function seesSavedOnRelay(page: Page): Promise<void> {
  await statusBar(page).getByText(nb('saved.relay')).waitFor({ timeout: 45_000 })
  expect(await connection(page)).toContain(nb('connection.online'))
}

describe.skipIf(NO_CHROMIUM !== null)(
  'partners keep working while the relay is away, in separate preview processes',
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
      await seesSavedOnRelay(anne.page)
    }, 60_000)

    afterAll(async () => {
      await stack?.close()
    })

    test('both partners edit while the relay is down, and when it returns both have everything', async () => {
      const annes = ' Anne skrev dette mens reléserveren var nede.'
      const karis = ' Kari skrev dette samtidig, også uten nett.'
      await stack.stopRelay()
      await seesOffline(anne.page)
      await seesOffline(kari.page)

      await typeAtEndOf(background(anne.page), annes)
      await typeAtEndOf(keyMessage(kari.page), karis)
      await statusBar(anne.page).getByText(PENDING).waitFor()
      await statusBar(kari.page).getByText(PENDING).waitFor()
      expect(await paperText(anne.page)).not.toContain(karis.trim())
      expect(await paperText(kari.page)).not.toContain(annes.trim())
      await anne.page.screenshot({ path: join(SHOTS, 'relay-down-anne.png') })
      await kari.page.screenshot({ path: join(SHOTS, 'relay-down-kari.png') })

      await stack.restartRelay()
      for (const page of [anne.page, kari.page]) {
        await page.getByText(annes.trim(), { exact: false }).waitFor({ timeout: 45_000 })
        await page.getByText(karis.trim(), { exact: false }).waitFor({ timeout: 45_000 })
        await seesSavedOnRelay(page)
      }
      expect(await paperText(kari.page)).toBe(await paperText(anne.page))
      await anne.page.screenshot({ path: join(SHOTS, 'relay-back-anne.png') })
      await kari.page.screenshot({ path: join(SHOTS, 'relay-back-kari.png') })
    }, 120_000)

    test('a restart with the same profile shows the offline edits, which reach the partner once the relay is back', async () => {
      const karis = ' Kari skrev dette før maskinen startet på nytt.'
      await stack.stopRelay()
      await seesOffline(kari.page)
      await typeAtEndOf(keyMessage(kari.page), karis)
      await statusBar(kari.page).getByText(PENDING).waitFor()

      await kari.kill()
      kari = await stack.startApp(kari.profile)
      await openPaper(kari.page, TITLE)
      await kari.page.getByText(karis.trim(), { exact: false }).waitFor()
      expect(await connection(kari.page)).not.toContain(nb('connection.online'))
      // The relay's last confirmation was kept, so the restarted app still counts what it lacks.
      await statusBar(kari.page).getByText(PENDING).waitFor()
      expect(await statusBar(kari.page).innerText()).not.toContain(nb('saved.relay'))
      await kari.page.screenshot({ path: join(SHOTS, 'restarted-offline.png') })
      expect(await paperText(anne.page)).not.toContain(karis.trim())

      await stack.restartRelay()
      await anne.page.getByText(karis.trim(), { exact: false }).waitFor({ timeout: 45_000 })
      await seesSavedOnRelay(kari.page)
      await seesSavedOnRelay(anne.page)
      expect(await paperText(kari.page)).toBe(await paperText(anne.page))
      await anne.page.screenshot({ path: join(SHOTS, 'restarted-received-anne.png') })
    }, 120_000)
  },
)
