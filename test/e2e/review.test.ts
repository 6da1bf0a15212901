import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startCuttableProxy, type CuttableProxy } from './helpers/cuttable-proxy.ts'
import { CHROMIUM, joinWith, startStack, type App, type Stack } from './helpers/stack.ts'
import {
  connection,
  createPaper,
  nb,
  openPaper,
  paperText,
  selectText,
  selectionRead,
  statusBar,
} from './helpers/ui.ts'

const NO_CHROMIUM = existsSync(CHROMIUM) ? null : `no Chromium at ${CHROMIUM}`
const SHOTS = join(import.meta.dirname, '../../test-results/e2e')
const TITLE = 'Felles innspill om finansiering'
/** Two passages of the template's Norwegian text that the reviewer comments on. */
const FIRST = 'tre til fem setninger'
const SECOND = 'Begynn hver anbefaling med et verb'
const FIRST_NEW = 'to eller tre korte setninger'
const SECOND_NEW = 'Start hver anbefaling med et verb'
/** The second passage after the editor wrote inside it. */
const SECOND_NOW = 'Begynn hver anbefaling med gjerne et verb'

/** Puts the caret after `text`, and resolves once the editor has read the new selection. */
const caretAfter = (page: Page, text: string) => selectText(page, text, text.length)

const addKeys = 'Control+Alt+KeyM'

async function comment(page: Page, text: string, options: { on: string; suggest: string }) {
  await selectText(page, options.on)
  await page.keyboard.press(addKeys)
  const composer = page.locator('.composer')
  await expect.poll(() => composer.locator('.thread-quote').innerText()).toBe(options.on)
  await composer.getByLabel(nb('review.composer.text')).fill(text)
  await composer.getByLabel(nb('review.composer.suggest')).check()
  await composer.getByLabel(nb('review.composer.suggestion')).fill(options.suggest)
  // Suggesting new wording, the button says what it does.
  await composer.getByRole('button', { name: nb('review.composer.submitSuggestion') }).click()
  await composer.waitFor({ state: 'detached' })
}

const card = (page: Page, text: string) => page.locator('.thread-card', { hasText: text })
const highlights = (page: Page) =>
  page.locator('.paper-body .comment-highlight').evaluateAll((nodes) => {
    const byThread = new Map<string, string>()
    for (const node of nodes) {
      const id = node.getAttribute('data-thread') ?? ''
      byThread.set(id, (byThread.get(id) ?? '') + node.textContent)
    }
    return [...byThread.values()].sort()
  })

describe.skipIf(NO_CHROMIUM !== null)(
  'review: a reviewer comments offline, an editor decides on the suggestions',
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
      // The reviewer's app reaches the relay through a proxy the test can cut.
      ole = await stack.startApp()
      const link = new URL(stack.members.reviewer.link)
      link.searchParams.set('relay', proxy.url)
      await joinWith(ole.page, link.toString())
      await openPaper(ole.page, TITLE)
      await ole.page.getByText(FIRST).waitFor()
    }, 90_000)

    afterAll(async () => {
      await proxy?.close()
      await stack?.close()
    })

    test('offline comments wait on the computer, survive a restart and land on the right text', async () => {
      await proxy.cut()
      await expect
        .poll(() => connection(ole.page), { timeout: 10_000 })
        .toContain(nb('connection.offline'))

      await comment(ole.page, 'For mange setninger for en leser med dårlig tid.', {
        on: FIRST,
        suggest: FIRST_NEW,
      })
      await comment(ole.page, 'Et mer direkte verb?', { on: SECOND, suggest: SECOND_NEW })
      const waiting = nb('review.waiting', { count: 2 })
      await statusBar(ole.page).getByText(waiting).waitFor()
      expect(await highlights(ole.page)).toEqual([SECOND, FIRST].sort())
      await ole.page.screenshot({ path: join(SHOTS, 'review-offline-reviewer.png') })

      // A reviewer cannot change the text, offline or not: what they type is a suggestion, which
      // they can take back.
      await caretAfter(ole.page, FIRST)
      await ole.page.keyboard.type('XYZ')
      await ole.page.locator('.paper-body ins.suggest-insert', { hasText: 'XYZ' }).waitFor()
      await ole.page.keyboard.press('Control+z')
      await ole.page.locator('.paper-body ins.suggest-insert').waitFor({ state: 'detached' })
      expect(await paperText(ole.page)).not.toContain('XYZ')

      // Meanwhile the editor, online, rewrites around both passages.
      const body = kari.page.locator('.paper-body')
      await body.waitFor()
      await selectText(kari.page, FIRST)
      await kari.page.keyboard.press('ArrowLeft')
      await kari.page.keyboard.type('gjerne ')
      await selectText(kari.page, SECOND)
      await kari.page.keyboard.press('ArrowLeft')
      await kari.page.keyboard.type('Viktig: ')
      await selectText(kari.page, 'et verb')
      await kari.page.keyboard.press('ArrowLeft')
      await kari.page.keyboard.type('gjerne ')
      await body.locator('h2').first().click()
      await selectionRead(kari.page)
      await kari.page.keyboard.press('End')
      await selectionRead(kari.page)
      await kari.page.keyboard.type(' i korte trekk')

      // Killed while offline (SIGKILL: nothing is flushed on the way out), then started again.
      await ole.kill()
      ole = await stack.startApp(ole.profile)
      await openPaper(ole.page, TITLE)
      await statusBar(ole.page).getByText(waiting).waitFor()
      expect(await highlights(ole.page)).toEqual([SECOND, FIRST].sort())

      await kari.page.getByRole('tab', { name: /Kommentarer/ }).click()
      await proxy.restore()
      // Asked again with backoff while the relay was away, the app may take a while to be back.
      await statusBar(ole.page).getByText(nb('saved.relay')).waitFor({ timeout: 45_000 })
      await expect
        .poll(() => statusBar(ole.page).innerText(), { timeout: 15_000 })
        .not.toContain(waiting)
      // Both see both threads, on the passages, inside the text the editor wrote around them.
      for (const page of [kari.page, ole.page]) {
        await card(page, 'Et mer direkte verb?').waitFor({ timeout: 15_000 })
        await expect
          .poll(() => highlights(page), { timeout: 15_000 })
          .toEqual([SECOND_NOW, FIRST].sort())
        expect(await paperText(page)).toContain(`Forklar i gjerne ${FIRST} hvem`)
      }

      // The library counts the open threads of each paper.
      await ole.page.getByRole('button', { name: nb('editor.back') }).click()
      await ole.page.getByText(nb('library.openComments', { count: 2 })).waitFor()
      await ole.page.screenshot({ path: join(SHOTS, 'review-library-counts.png') })
      await openPaper(ole.page, TITLE)
    }, 120_000)

    test('the editor accepts one suggestion in one undoable step and rejects the other', async () => {
      const page = kari.page
      await page.getByRole('tab', { name: /Kommentarer/ }).click()
      await page.locator('.paper-body .suggestion-new', { hasText: FIRST_NEW }).waitFor()
      await page.screenshot({ path: join(SHOTS, 'review-inline-suggestions.png') })
      await page.locator('.side-panel').screenshot({ path: join(SHOTS, 'review-sidebar.png') })

      const first = card(page, 'For mange setninger')
      const second = card(page, 'Et mer direkte verb?')
      // Keyboard and clicks move between the threads and the text they are on.
      await page.keyboard.press('Control+Alt+ArrowDown')
      await expect.poll(() => first.getAttribute('aria-current')).toBe('true')
      await page.keyboard.press('Control+Alt+ArrowDown')
      await expect.poll(() => second.getAttribute('aria-current')).toBe('true')
      expect(await first.getAttribute('aria-current')).toBeNull()
      await page.locator('.paper-body .comment-highlight', { hasText: FIRST }).click()
      await expect.poll(() => first.getAttribute('aria-current')).toBe('true')
      expect(
        await page.locator('.paper-body .comment-highlight.is-active').first().innerText(),
      ).toBe(FIRST)

      await first.getByRole('button', { name: nb('review.suggestion.accept') }).click()
      await expect.poll(() => paperText(page)).toContain(`Forklar i gjerne ${FIRST_NEW} hvem`)
      expect(await paperText(page)).not.toContain(FIRST)
      await page.getByRole('radio', { name: nb('review.filter.all') }).click()
      await first
        .getByText(nb('review.suggestion.accepted', { name: 'Kari Nordmann', date: '' }).trim(), {
          exact: false,
        })
        .waitFor()

      // The second passage changed after it was commented on: accepting shows both versions.
      await second.getByRole('button', { name: nb('review.suggestion.accept') }).click()
      const changed = second.getByRole('alert')
      await changed.getByText(nb('review.suggestion.changed')).waitFor()
      expect(await changed.innerText()).toContain(SECOND)
      expect(await changed.innerText()).toContain(SECOND_NOW)
      expect(await paperText(page)).not.toContain(SECOND_NEW)
      await page.locator('.side-panel').screenshot({ path: join(SHOTS, 'review-changed.png') })
      await changed.getByRole('button', { name: nb('review.thread.cancel') }).click()
      await second.getByRole('button', { name: nb('review.suggestion.reject') }).click()
      await second
        .getByText(nb('review.suggestion.rejected', { name: 'Kari Nordmann', date: '' }).trim(), {
          exact: false,
        })
        .waitFor()
      expect(await paperText(page)).toContain(`Viktig: ${SECOND_NOW}`)

      // The reviewer sees the decisions and the new wording.
      await ole.page.locator('.paper-body').getByText(FIRST_NEW).waitFor({ timeout: 15_000 })
      await ole.page.getByRole('radio', { name: nb('review.filter.all') }).click()
      await card(ole.page, 'For mange setninger')
        .getByText(nb('review.suggestion.accepted', { name: 'Kari Nordmann', date: '' }).trim(), {
          exact: false,
        })
        .waitFor()

      // Undo takes the accepted suggestion back in one step.
      await page.locator('.paper-body').click()
      await selectionRead(page)
      await page.keyboard.press('Control+z')
      await expect.poll(() => paperText(page)).toContain(`Forklar i gjerne ${FIRST} hvem`)
      expect(await paperText(page)).not.toContain(FIRST_NEW)
    }, 90_000)
  },
)
