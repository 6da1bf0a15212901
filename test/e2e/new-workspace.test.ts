import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createTranslator } from '../../shared/i18n/index.ts'
import { startTestRelay, type TestRelay } from '../electron/helpers/test-relay.ts'
import { axeViolations } from './helpers/axe.ts'
import { CHROMIUM, startStack, type Stack } from './helpers/stack.ts'
import { createPaper, nb, statusBar } from './helpers/ui.ts'

const NO_CHROMIUM = existsSync(CHROMIUM) ? null : `no Chromium at ${CHROMIUM}`
const SHOTS = join(import.meta.dirname, '../../test-results/e2e')
const en = createTranslator('en')
const NEW_NAME = 'Østersjøhavner'

/** Joins through the join screen with the link the relay's operator sent. */
async function joinAs(page: Page, link: string, workspace: string): Promise<void> {
  await page.getByRole('button', { name: nb('welcome.join.action') }).click()
  await page.getByLabel(nb('join.link.label')).fill(link)
  await page.getByRole('button', { name: nb('join.check') }).click()
  await page.getByRole('button', { name: nb('join.confirm', { workspace }) }).click()
  await page.getByRole('heading', { name: nb('library.title'), level: 1 }).waitFor()
}

const switcher = (page: Page, workspace: string) =>
  page
    .locator('.workspace-switcher')
    .getByRole('button', { name: new RegExp(workspace) })
    .first()

/** Opens the dialog from the workspace menu, as the coordinator would. */
async function openDialog(page: Page, workspace: string, t = nb) {
  await switcher(page, workspace).click()
  await page.getByRole('button', { name: t('workspace.create.open') }).click()
  const dialog = page.getByRole('dialog', { name: t('workspace.create.title') })
  await dialog.waitFor()
  return dialog
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '')

describe.skipIf(NO_CHROMIUM !== null)(
  'a coordinator makes a further workspace from the app',
  () => {
    let stack: Stack
    const relays: TestRelay[] = []

    beforeAll(async () => {
      stack = await startStack()
    }, 60_000)

    afterAll(async () => {
      await stack?.close()
      for (const relay of relays) await relay.close()
    })

    test("is told plainly, before typing a name, when the relay's operator has not allowed it", async () => {
      const relay = await startTestRelay()
      relays.push(relay)
      const { page } = await stack.startApp()
      const workspace = relay.workspace.name
      await joinAs(page, relay.invite('Anne Berg', 'NTNU', 'coordinator').link, workspace)

      const dialog = await openDialog(page, workspace)
      // The app asked the relay as the dialog opened: nothing to type, the way out has the focus.
      await dialog.getByText(nb('error.creation-disabled.title')).waitFor()
      await dialog.getByText(nb('error.creation-disabled.body')).waitFor()
      expect(await dialog.getByLabel(nb('workspace.create.name')).isDisabled()).toBe(true)
      expect(
        await dialog.getByRole('button', { name: nb('workspace.create.submit') }).isDisabled(),
      ).toBe(true)
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ''))
        .toBe(nb('workspace.create.cancel'))
      expect(relay.running.members.listWorkspaces().map((w) => w.name)).toEqual([workspace])
      expect(await axeViolations(page, 'dialog.new-workspace-dialog')).toEqual([])
      await page.screenshot({ path: join(SHOTS, 'new-workspace-refused-nb.png') })

      // Escape closes it, and focus is back on the workspace menu's button.
      await page.keyboard.press('Escape')
      await dialog.waitFor({ state: 'detached' })
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.className ?? ''))
        .toBe('workspace-button')
    }, 90_000)

    test('an editor sees who is in, read-only, and is offered neither invites nor a new workspace', async () => {
      const relay = await startTestRelay({ allowWorkspaceCreation: true })
      relays.push(relay)
      relay.invite('Anne Berg', 'NTNU', 'coordinator')
      const { page } = await stack.startApp()
      const workspace = relay.workspace.name
      await joinAs(page, relay.invite('Kari Nordmann', 'UiS', 'editor').link, workspace)
      await switcher(page, workspace).click()
      await page.getByRole('button', { name: nb('topbar.joinAnother') }).waitFor()
      expect(await page.getByRole('button', { name: nb('workspace.create.open') }).count()).toBe(0)

      await page.getByRole('button', { name: nb('members.open') }).click()
      const members = page.getByRole('dialog', { name: nb('members.title', { workspace }) })
      await members.getByText(nb('members.readOnly')).waitFor()
      const anne = members.locator('[data-member="Anne Berg"]')
      await anne.waitFor()
      expect(await anne.innerText()).toContain('NTNU')
      expect(await anne.innerText()).toContain(nb('role.coordinator'))
      expect(await members.getByRole('button', { name: nb('members.invite') }).count()).toBe(0)
      expect(await members.getByRole('combobox').count()).toBe(0)
      expect(
        await members
          .getByRole('button', { name: nb('members.revoke.label', { name: 'Anne Berg' }) })
          .count(),
      ).toBe(0)
      // A paper's header has no Share button for her either.
      await page.keyboard.press('Escape')
      await members.waitFor({ state: 'detached' })
      await createPaper(page, 'Felles innspill')
      await page.getByRole('button', { name: nb('editor.back') }).waitFor()
      expect(await page.getByRole('button', { name: nb('members.share') }).count()).toBe(0)
    }, 90_000)

    test('where allowed, Enter creates it and it opens at once with her as its first coordinator', async () => {
      const relay = await startTestRelay({ allowWorkspaceCreation: true })
      relays.push(relay)
      const { page } = await stack.startApp()
      const workspace = relay.workspace.name
      await joinAs(page, relay.invite('Anne Berg', 'NTNU', 'coordinator').link, workspace)

      const dialog = await openDialog(page, workspace)
      expect(await focusedId(page)).toBe('new-workspace-name')
      // Enter on an empty name asks for one, without asking the relay.
      await page.keyboard.press('Enter')
      await dialog.getByText(nb('workspace.create.missing')).waitFor()
      expect(await focusedId(page)).toBe('new-workspace-name')
      expect(await dialog.getByText(nb('error.creation-disabled.title')).count()).toBe(0)
      await dialog.getByLabel(nb('workspace.create.name')).fill(`  ${NEW_NAME} `)
      await dialog.getByLabel(nb('workspace.create.name')).press('Enter')
      await dialog.waitFor({ state: 'detached' })
      await switcher(page, NEW_NAME).waitFor()
      await page.getByRole('heading', { name: nb('library.title'), level: 1 }).waitFor()
      await statusBar(page).getByText(nb('saved.relay')).waitFor({ timeout: 15_000 })

      const created = relay.running.members.listWorkspaces().find((w) => w.name === NEW_NAME)
      expect(created).toBeDefined()
      expect(relay.running.members.summaries(created?.id ?? '')).toMatchObject([
        { name: 'Anne Berg', organisation: 'NTNU', role: 'coordinator', status: 'active' },
      ])
      // Both workspaces are hers, on the one relay, and the new one has its own member list.
      await switcher(page, NEW_NAME).click()
      await page.getByRole('button', { name: workspace, exact: true }).waitFor()
      await page.getByRole('button', { name: nb('members.open') }).click()
      const members = page.getByRole('dialog', {
        name: nb('members.title', { workspace: NEW_NAME }),
      })
      await members.locator('[data-member="Anne Berg"]').waitFor()
      await page.keyboard.press('Escape')
      await members.waitFor({ state: 'detached' })

      // The dialog in English, as an English-speaking coordinator sees it.
      await page.getByRole('button', { name: 'English' }).click()
      const english = await openDialog(page, NEW_NAME, en)
      await english
        .getByText(en('workspace.create.lead', { workspace: NEW_NAME, relay: relay.url }))
        .waitFor()
      await english.getByLabel(en('workspace.create.name')).fill('Baltic ports')
      expect(await axeViolations(page, 'dialog.new-workspace-dialog')).toEqual([])
      await page.screenshot({ path: join(SHOTS, 'new-workspace-en.png') })
      await english
        .getByRole('button', { name: en('workspace.create.cancel'), exact: true })
        .click()
      await english.waitFor({ state: 'detached' })
      expect(relay.running.members.listWorkspaces()).toHaveLength(2)
    }, 90_000)
  },
)
