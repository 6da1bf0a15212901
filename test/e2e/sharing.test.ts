import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page, WebSocketRoute } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createTranslator } from '../../shared/i18n/index.ts'
import { parseInviteLink } from '../../shared/protocol/index.ts'
import { axeViolations } from './helpers/axe.ts'
import { CHROMIUM, joinWith, startStack, type App, type Stack } from './helpers/stack.ts'
import {
  createPaper,
  nb,
  openPaper,
  paperText,
  selectText,
  selectionRead,
  typeAtEndOf,
} from './helpers/ui.ts'

const NO_CHROMIUM = existsSync(CHROMIUM) ? null : `no Chromium at ${CHROMIUM}`
const SHOTS = join(import.meta.dirname, '../../test-results/e2e')
const en = createTranslator('en')
const WORKSPACE = 'Norske smartbyer i Europa'
const TITLE = 'Felles innspill om mobilitet'
const VERSION = 'Til høring'
const SIRI = { name: 'Siri Dahl', organisation: 'Nordic Edge' }
/** Passages of the template's Norwegian text that the reviewer comments on. */
const PASSAGE = 'tre til fem setninger'
const LATER_PASSAGE = 'Begynn hver anbefaling med et verb'
const FIRST_COMMENT = 'Bør vi nevne Bodø her?'
const UNSENT_COMMENT = 'Skrevet på toget, rett før tilgangen ble trukket tilbake.'

async function comment(page: Page, text: string, on: string): Promise<void> {
  await selectText(page, on)
  await page.keyboard.press('Control+Alt+KeyM')
  const composer = page.locator('.composer')
  await composer.getByLabel(nb('review.composer.text')).fill(text)
  await composer.getByRole('button', { name: nb('review.composer.submit') }).click()
  await composer.waitFor({ state: 'detached' })
}

async function openMembers(page: Page): Promise<void> {
  await page.getByRole('button', { name: new RegExp(WORKSPACE) }).click()
  await page.getByRole('button', { name: nb('members.open') }).click()
  await page.getByRole('dialog', { name: nb('members.title', { workspace: WORKSPACE }) }).waitFor()
}

const members = (page: Page) => page.locator('dialog.members-dialog')
const row = (page: Page, name: string) => members(page).locator(`[data-member="${name}"]`)

/** The coordinator gives Siri `role` in the member list and sees it said (after she is here). */
async function setRole(
  page: Page,
  role: 'editor' | 'reviewer',
  options: { hereFirst?: boolean } = {},
): Promise<void> {
  await openMembers(page)
  if (options.hereFirst) await row(page, SIRI.name).getByText(nb('members.hereNow')).waitFor()
  await row(page, SIRI.name)
    .getByLabel(nb('members.role.label', { name: SIRI.name }))
    .selectOption(role)
  await members(page)
    .getByText(nb('members.role.changed', { name: SIRI.name, role: nb(`role.${role}`) }))
    .waitFor()
  await page.keyboard.press('Escape')
}

/**
 * Every socket of a page goes through this switch: `cut()` closes them and refuses new ones, as
 * a train entering a tunnel would, while the host (another process) still reaches the relay.
 */
async function socketSwitch(page: Page) {
  const open = new Set<WebSocketRoute>()
  let cut = false
  await page.routeWebSocket(/.*/, (ws) => {
    if (cut) return void ws.close({ code: 1011, reason: 'no network' })
    open.add(ws)
    ws.onClose(() => open.delete(ws))
    ws.connectToServer()
  })
  return {
    cut() {
      cut = true
      for (const ws of open) void ws.close({ code: 1011, reason: 'no network' })
    },
    restore() {
      cut = false
    },
  }
}

describe.skipIf(NO_CHROMIUM !== null)(
  'sharing from the app: the coordinator invites, changes roles and revokes, with the relay enforcing each at once',
  () => {
    let stack: Stack
    let anne: App
    let siri: App
    let siriSockets: Awaited<ReturnType<typeof socketSwitch>>
    let link = ''

    beforeAll(async () => {
      stack = await startStack()
      anne = await stack.startApp()
      await joinWith(anne.page, stack.members.coordinator.link)
      await createPaper(anne.page, TITLE)
      await anne.page.getByRole('tab', { name: new RegExp(nb('workflow.tab')) }).click()
      await anne.page.getByLabel(nb('workflow.versions.name')).fill(VERSION)
      await anne.page.getByRole('button', { name: nb('workflow.versions.save') }).click()
      await anne.page.locator(`[data-version="${VERSION}"]`).waitFor()
      await anne.page.getByRole('button', { name: nb('editor.back') }).click()
    }, 90_000)

    afterAll(async () => {
      await stack?.close()
    })

    test('the coordinator invites a reviewer from the app; she joins with the copied link and comments', async () => {
      await openMembers(anne.page)
      // Everyone the operator set up is listed, with role and status.
      for (const member of Object.values(stack.members)) {
        await row(anne.page, member.name).waitFor()
      }
      expect(await row(anne.page, 'Anne Berg').innerText()).toContain(nb('members.you'))
      // Who has the workspace open is said at once, before the relay's "last seen" catches up.
      expect(await row(anne.page, 'Anne Berg').innerText()).toContain(nb('members.hereNow'))
      expect(await row(anne.page, 'Ole Hansen').innerText()).toContain(nb('members.neverSeen'))
      expect(await axeViolations(anne.page, 'dialog.members-dialog')).toEqual([])
      await anne.page.screenshot({ path: join(SHOTS, 'members-panel-nb.png') })

      await members(anne.page)
        .getByRole('button', { name: nb('members.invite') })
        .click()
      await members(anne.page).getByLabel(nb('invite.name'), { exact: true }).fill(SIRI.name)
      // The organisation is suggested from those already in the workspace.
      const suggestions = await anne.page
        .locator('#invite-organisations option')
        .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value))
      expect(suggestions).toContain(SIRI.organisation)
      await members(anne.page)
        .getByLabel(nb('invite.organisation'), { exact: true })
        .fill(SIRI.organisation)
      await anne.page.getByRole('radio', { name: new RegExp(nb('role.reviewer')) }).check()
      await members(anne.page).getByLabel(nb('invite.expiry')).selectOption('7')
      expect(await axeViolations(anne.page, 'dialog.members-dialog')).toEqual([])
      await anne.page.screenshot({ path: join(SHOTS, 'invite-dialog-nb.png') })
      await anne.page.getByRole('button', { name: nb('invite.create') }).click()

      await anne.page
        .getByRole('heading', { name: nb('invite.ready', { name: SIRI.name }) })
        .waitFor()
      await anne.page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
      await anne.page.getByRole('button', { name: nb('invite.copyLink') }).click()
      await anne.page.getByText(nb('invite.copied')).waitFor()
      link = await anne.page.evaluate(() => navigator.clipboard.readText())
      expect(parseInviteLink(link)).toMatchObject({ name: SIRI.name, relay: stack.relay.url })
      const email = await members(anne.page).getByLabel(nb('invite.email')).inputValue()
      expect(email).toContain(link)
      expect(email).toContain(`Hei ${SIRI.name}`)
      expect(email).toContain('kommentator for Nordic Edge')
      await anne.page.screenshot({ path: join(SHOTS, 'invite-ready-nb.png') })
      await anne.page.getByRole('button', { name: nb('invite.done') }).click()
      await row(anne.page, SIRI.name).getByText(nb('members.status.invited')).waitFor()
      await anne.page.keyboard.press('Escape')

      siri = await stack.startApp()
      siriSockets = await socketSwitch(siri.page)
      await joinWith(siri.page, link)
      await openPaper(siri.page, TITLE)
      await siri.page.getByText(nb('suggesting.note.reviewer')).waitFor()
      await comment(siri.page, FIRST_COMMENT, PASSAGE)

      await openPaper(anne.page, TITLE)
      await anne.page
        .locator('.thread-card', { hasText: FIRST_COMMENT })
        .waitFor({ timeout: 15_000 })
      // The invite was claimed: it works no second time.
      const again = await stack.startApp()
      await again.page.getByRole('button', { name: nb('welcome.join.action') }).click()
      await again.page.getByLabel(nb('join.link.label')).fill(link)
      await again.page.getByRole('button', { name: nb('join.check') }).click()
      await again.page.getByText(nb('error.invite-used.title'), { exact: true }).waitFor()
      await again.kill()
    }, 120_000)

    test('promoted to editor, she can type at once, without joining again', async () => {
      await setRole(anne.page, 'editor', { hereFirst: true })

      await siri.page
        .getByText(
          nb('access.roleChanged', {
            role: nb('role.editor'),
            description: nb('role.editor.description'),
          }),
        )
        .waitFor({ timeout: 15_000 })
      await siri.page.getByText(nb('suggesting.note.reviewer')).waitFor({ state: 'detached' })
      const typed = ' Siri skrev dette som medforfatter.'
      // Over the first key message's guidance, as a drafter writes.
      await typeAtEndOf(siri.page.locator('.paper-body li p').first(), typed)
      await expect.poll(() => paperText(anne.page), { timeout: 15_000 }).toContain(typed.trim())
    }, 60_000)

    test('demoted to reviewer again, what she types at once is a suggestion, at the relay too', async () => {
      await setRole(anne.page, 'reviewer')

      await siri.page.getByText(nb('suggesting.note.reviewer')).waitFor({ timeout: 15_000 })
      const typed = ' Siri foreslår dette.'
      await typeAtEndOf(siri.page.locator('.paper-body li p').first(), typed)
      // Underlined as her suggestion on the coordinator's screen: the relay took it as one.
      const suggested = anne.page.locator('.paper-body ins.suggest-insert', {
        hasText: typed.trim(),
      })
      await suggested.waitFor({ timeout: 15_000 })
      const card = anne.page.locator('[data-suggestion-card]', { hasText: typed.trim() })
      await expect.poll(() => card.textContent()).toContain(SIRI.name)

      // An editor again, for what follows.
      await setRole(anne.page, 'editor')
      await siri.page.getByText(nb('suggesting.note.reviewer')).waitFor({ state: 'detached' })
    }, 60_000)

    test('revoked, every control on her screen that writes is off with the reason, and her unsent comment is kept and marked', async () => {
      // Her network goes; she goes on writing a comment, which waits on her computer.
      siriSockets.cut()
      await comment(siri.page, UNSENT_COMMENT, LATER_PASSAGE)
      const unsent = siri.page.locator('.thread-card', { hasText: UNSENT_COMMENT })
      await unsent.getByText(nb('review.thread.notSent')).waitFor()

      await anne.page.getByRole('button', { name: nb('members.share') }).click()
      await anne.page.getByRole('button', { name: nb('invite.back') }).click()
      await row(anne.page, SIRI.name)
        .getByRole('button', { name: nb('members.revoke.label', { name: SIRI.name }) })
        .click()
      const question = anne.page.getByRole('alertdialog', {
        name: nb('members.revoke.title', { name: SIRI.name }),
      })
      expect(await question.innerText()).toContain(`${SIRI.name} (${SIRI.organisation})`)
      await question.getByRole('button', { name: nb('members.revoke.confirm') }).click()
      await row(anne.page, SIRI.name).getByText(nb('members.status.revoked')).waitFor()
      await anne.page.keyboard.press('Escape')

      // Her network returns: the relay turns her away, and her app says so everywhere.
      siriSockets.restore()
      const reason = siri.page.getByRole('alert').filter({
        hasText: nb('access.revoked.title', { workspace: WORKSPACE }),
      })
      await reason.waitFor({ timeout: 20_000 })
      await unsent.getByText(nb('review.thread.notSentRevoked')).waitFor()
      const body = siri.page.locator('.paper-body')
      expect(await body.getAttribute('contenteditable')).toBe('false')
      const before = await paperText(siri.page)
      await siri.page.locator('.paper-body li p').first().click()
      await selectionRead(siri.page)
      await siri.page.keyboard.type('ENDRING')
      expect(await paperText(siri.page)).toBe(before)
      const describedBy =
        (await siri.page
          .locator('.paper-body [contenteditable], .paper-body')
          .first()
          .getAttribute('aria-describedby')) ?? ''
      expect(describedBy).toContain('write-block-reason')

      const disabled = async (name: string) => {
        const button = siri.page.getByRole('button', { name, exact: true }).first()
        expect(await button.isDisabled(), name).toBe(true)
        expect(await button.getAttribute('aria-describedby'), name).toBe('write-block-reason')
      }
      await disabled(nb('review.add'))
      await siri.page.getByRole('tab', { name: new RegExp(nb('workflow.tab')) }).click()
      await disabled(nb('workflow.signoff.endorse', { organisation: SIRI.organisation }))
      await siri.page.getByRole('tab', { name: new RegExp(nb('review.tab.comments')) }).click()
      await unsent.click()
      const reply = unsent.getByLabel(nb('review.thread.replyLabel', { name: SIRI.name }))
      expect(await reply.isDisabled()).toBe(true)
      expect(await reply.getAttribute('aria-describedby')).toBe('write-block-reason')
      await disabled(nb('review.thread.resolve'))
      await siri.page.screenshot({ path: join(SHOTS, 'revoked-nb.png') })

      // What she could not send is kept, and saved to send another way.
      await siri.page.getByRole('button', { name: nb('unsent.saveMarkdown') }).click()
      await siri.page.getByText(/^Lagret: /).waitFor()
      const exports = join(siri.profile, 'exports')
      const file = readdirSync(exports).find((name) => name.endsWith('.md')) ?? ''
      const markdown = readFileSync(join(exports, file), 'utf8')
      expect(markdown).toContain(UNSENT_COMMENT)
      expect(markdown).toContain(`> ${LATER_PASSAGE}`)
      expect(markdown).not.toContain(FIRST_COMMENT)
      await siri.page.getByRole('button', { name: nb('unsent.saveJson') }).click()
      await expect
        .poll(() => readdirSync(exports).filter((name) => name.endsWith('.json')).length)
        .toBe(1)

      await siri.page.getByRole('button', { name: 'English' }).click()
      await siri.page.getByText(en('access.revoked.title', { workspace: WORKSPACE })).waitFor()
      await siri.page.getByText(en('review.thread.notSentRevoked')).first().waitFor()
      await siri.page.screenshot({ path: join(SHOTS, 'revoked-en.png') })
      // Nothing she wrote reached the others.
      expect(await anne.page.getByText(UNSENT_COMMENT).count()).toBe(0)
    }, 90_000)

    test('the last coordinator cannot step down, and is told why', async () => {
      await openMembers(anne.page)
      await row(anne.page, 'Anne Berg')
        .getByLabel(nb('members.role.label', { name: 'Anne Berg' }))
        .selectOption('editor')
      const question = row(anne.page, 'Anne Berg').getByRole('alertdialog')
      await question
        .getByRole('button', { name: nb('members.role.selfConfirm', { role: 'medforfatter' }) })
        .click()
      await row(anne.page, 'Anne Berg')
        .getByRole('alert')
        .getByText(new RegExp(nb('error.last-coordinator.title')))
        .waitFor()
      expect(
        await row(anne.page, 'Anne Berg')
          .getByLabel(nb('members.role.label', { name: 'Anne Berg' }))
          .inputValue(),
      ).toBe('coordinator')

      await anne.page.keyboard.press('Escape')
      await anne.page.getByRole('button', { name: 'English' }).click()
      await openMembersEn(anne.page)
      await row(anne.page, 'Anne Berg').getByText(en('members.hereNow')).waitFor()
      await anne.page.screenshot({ path: join(SHOTS, 'members-panel-en.png') })
      await members(anne.page)
        .getByRole('button', { name: en('members.invite') })
        .click()
      await members(anne.page).getByLabel(en('invite.name'), { exact: true }).fill('Jonas Lie')
      await members(anne.page).getByLabel(en('invite.organisation'), { exact: true }).fill('NTNU')
      await anne.page.screenshot({ path: join(SHOTS, 'invite-dialog-en.png') })
    }, 60_000)
  },
)

async function openMembersEn(page: Page): Promise<void> {
  await page.getByRole('button', { name: new RegExp(WORKSPACE) }).click()
  await page.getByRole('button', { name: en('members.open') }).click()
  await page.getByRole('dialog', { name: en('members.title', { workspace: WORKSPACE }) }).waitFor()
}
