import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CHROMIUM, startStack, type Stack } from './helpers/stack.ts'
import { selectionRead } from './helpers/ui.ts'

const NO_CHROMIUM = existsSync(CHROMIUM) ? null : `no Chromium at ${CHROMIUM}`
const SHOTS = join(import.meta.dirname, '../../test-results/e2e')

describe.skipIf(NO_CHROMIUM !== null)('the first start, through the preview', () => {
  let stack: Stack

  beforeAll(async () => {
    stack = await startStack()
  }, 60_000)

  afterAll(async () => {
    await stack?.close()
  })

  test('offers a sample workspace that opens, is edited and stays on this computer', async () => {
    const page = await stack.openApp()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await page.getByRole('heading', { name: 'Velkommen til Samstemt' }).waitFor()
    await page.getByRole('button', { name: 'Opprett et eksempelområde' }).click()
    await page.getByRole('heading', { name: 'Notater', level: 1 }).waitFor()
    await page.getByText('Bare på denne maskinen').first().waitFor()

    // The Norwegian UI shows the Norwegian sample paper.
    await page.getByText('Delte dataplattformer i byene', { exact: false }).first().waitFor()
    await page.locator('.paper-link').first().click()
    const body = page.locator('.paper-body')
    await body.getByRole('heading', { name: 'Hovedbudskap' }).waitFor()
    await body.locator('p').first().click({ clickCount: 3 })
    await selectionRead(page)
    await page.keyboard.press('ArrowRight')
    await selectionRead(page)
    await page.keyboard.type(' Lagt til uten nett.')
    await page.getByText('Lagret på denne maskinen').waitFor()
    await page.screenshot({ path: join(SHOTS, 'sample-editor.png') })

    await page.reload()
    await page.locator('.paper-link').first().click()
    await page.getByText('Lagt til uten nett.', { exact: false }).waitFor()
    expect(errors).toEqual([])
  }, 60_000)

  test('switches the whole interface to English and keeps the choice', async () => {
    const page = await stack.openApp()
    await page.getByRole('button', { name: 'English' }).click()
    await page.getByRole('heading', { name: 'Welcome to Samstemt' }).waitFor()
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    await page.reload()
    await page.getByRole('heading', { name: 'Welcome to Samstemt' }).waitFor()
  }, 60_000)
})
