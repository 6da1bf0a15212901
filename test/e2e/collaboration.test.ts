import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CHROMIUM, joinWith, startStack, type Stack } from './helpers/stack.ts'
import {
  connection,
  createPaper,
  nb,
  paperText,
  selectionRead,
  statusBar,
  typeAtEndOf,
} from './helpers/ui.ts'

const NO_CHROMIUM = existsSync(CHROMIUM) ? null : `no Chromium at ${CHROMIUM}`
const SHOTS = join(import.meta.dirname, '../../test-results/e2e')
const TITLE = 'Felles innspill til bymisjonen'

async function openPaper(page: Page): Promise<void> {
  await page.getByRole('button', { name: TITLE }).click()
  await page.getByRole('heading', { name: 'Hovedbudskap' }).waitFor()
}

describe.skipIf(NO_CHROMIUM !== null)(
  'the app in Chromium, through the preview, on a real relay',
  () => {
    let stack: Stack
    let anne: Page
    let kari: Page

    beforeAll(async () => {
      stack = await startStack()
      anne = await stack.openApp()
      await joinWith(anne, stack.members.coordinator.link)
      await createPaper(anne, TITLE)
    }, 60_000)

    afterAll(async () => {
      await stack?.close()
    })

    test('two partners typing in the same paper see each other’s text and named carets', async () => {
      kari = await stack.openApp()
      await joinWith(kari, stack.members.editor.link)
      await openPaper(kari)

      await anne.locator('.paper-body p').first().click()
      await selectionRead(anne)
      await anne.keyboard.press('End')
      await selectionRead(anne)
      await anne.keyboard.type(' Anne skriver her.')
      await kari.locator('.paper-body li p').first().click()
      await selectionRead(kari)
      await kari.keyboard.press('End')
      await selectionRead(kari)
      await kari.keyboard.type(' Kari svarer.')

      await kari.getByText('Anne skriver her.', { exact: false }).waitFor()
      await anne.getByText('Kari svarer.', { exact: false }).waitFor()
      const annesView = anne.locator('.collab-caret-label')
      await expect
        .poll(() => annesView.allInnerTexts())
        .toEqual([expect.stringMatching(/Kari Nordmann\s*·?\s*Universitetet i Stavanger/)])
      const karisView = kari.locator('.collab-caret-label')
      await expect
        .poll(() => karisView.allInnerTexts())
        .toEqual([expect.stringMatching(/Anne Berg\s*·?\s*NTNU/)])
      await kari.getByText('Lagret på reléserveren').waitFor()
      await anne.screenshot({ path: join(SHOTS, 'two-partners-anne.png') })
      await kari.screenshot({ path: join(SHOTS, 'two-partners-kari.png') })
    }, 60_000)

    test('a reviewer cannot change the paper: what they type is their suggestion, for the others to decide', async () => {
      const ole = await stack.openApp()
      await joinWith(ole, stack.members.reviewer.link)
      await expect.poll(() => ole.getByRole('button', { name: 'Nytt notat' }).count()).toBe(0)
      await openPaper(ole)
      await ole.getByText(nb('suggesting.note.reviewer')).waitFor()
      // Suggesting, and no way out of it.
      expect(await ole.locator('.tool-mode').innerText()).toContain(
        nb('suggesting.mode.suggesting'),
      )
      expect(await ole.locator('select.tool-mode').count()).toBe(0)
      const body = ole.locator('.paper-body')
      const before = await paperText(ole)
      await typeAtEndOf(body.locator('p').first(), 'Oleforeslår')
      const suggested = (page: typeof ole) =>
        page.locator('.paper-body ins.suggest-insert', { hasText: 'Oleforeslår' })
      await suggested(ole).waitFor()
      await suggested(anne).waitFor({ timeout: 15_000 })
      expect(await suggested(anne).getAttribute('title')).toBe('Ole Hansen (Nordic Edge)')
      await ole.screenshot({ path: join(SHOTS, 'reviewer.png') })
      // Taken back, the paper is as it was, on both screens.
      await ole.keyboard.press('Control+z')
      await suggested(ole).waitFor({ state: 'detached' })
      await suggested(anne).waitFor({ state: 'detached', timeout: 15_000 })
      expect(await paperText(ole)).toBe(before)
    }, 60_000)

    test('a member whose access is revoked while writing sees it at once and can no longer type', async () => {
      const per = stack.invite('Per Utvik', 'Stavanger kommune', 'editor')
      const page = await stack.openApp()
      await joinWith(page, per.link)
      await openPaper(page)
      const body = page.locator('.paper-body')
      await typeAtEndOf(body.locator('p').first(), ' Per var innom.')
      await statusBar(page).getByText(nb('saved.relay')).waitFor()
      await anne.getByText('Per var innom.', { exact: false }).waitFor()

      stack.relay.members.revoke(per.id)
      await statusBar(page).getByText(nb('connection.revoked')).waitFor()
      await expect.poll(() => body.getAttribute('contenteditable')).toBe('false')
      expect(await page.getByRole('toolbar').count()).toBe(0)
      const before = await paperText(page)
      await body.locator('p').first().click()
      await selectionRead(page)
      await page.keyboard.type('Per prøver å skrive videre')
      await page.keyboard.press('Enter')
      expect(await paperText(page)).toBe(before)
      expect(await connection(anne)).toContain(nb('connection.online'))
      await page.screenshot({ path: join(SHOTS, 'access-revoked.png') })
    }, 60_000)

    test('an invite that is not a link, or was revoked, shows what is wrong', async () => {
      const page = await stack.openApp()
      await page.getByRole('button', { name: 'Bli med i et arbeidsområde' }).click()
      await page.getByLabel('Invitasjonslenke').fill('https://example.org/invitasjon')
      await page.getByRole('button', { name: 'Sjekk invitasjonen' }).click()
      await page.getByRole('alert').getByText('Dette er ikke en gyldig invitasjonslenke').waitFor()

      const revoked = stack.relay.members.add({
        workspace: 'smartbyer',
        name: 'Per Tidligere',
        organisation: 'Smartbyene',
        role: 'editor',
      })
      stack.relay.members.revoke(revoked.member.id)
      const link = stack.members.editor.link.replace(/token=[^&]+/, `token=${revoked.token}`)
      await page.getByLabel('Invitasjonslenke').fill(link)
      await page.getByRole('button', { name: 'Sjekk invitasjonen' }).click()
      await page.getByRole('alert').getByText('Invitasjonen er trukket tilbake').waitFor()
      await page.screenshot({ path: join(SHOTS, 'invite-revoked.png') })
    }, 60_000)
  },
)
