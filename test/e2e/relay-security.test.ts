import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { networkInterfaces, tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startTestRelay, type TestRelay } from '../electron/helpers/test-relay.ts'
import { CHROMIUM, startStack, type Stack } from './helpers/stack.ts'
import { nb, statusBar } from './helpers/ui.ts'

const NO_CHROMIUM = existsSync(CHROMIUM) ? null : `no Chromium at ${CHROMIUM}`
const SHOTS = join(import.meta.dirname, '../../test-results/e2e')

/** An address of this machine that is not loopback, as a colleague on the same network uses. */
const LAN = Object.values(networkInterfaces())
  .flat()
  .find((address) => address?.family === 'IPv4' && !address.internal)?.address

async function pasteInvite(page: Page, link: string): Promise<void> {
  await page.getByRole('button', { name: nb('welcome.join.action') }).click()
  await page.getByLabel(nb('join.link.label')).fill(link)
  await page.getByRole('button', { name: nb('join.check') }).click()
}

describe.skipIf(NO_CHROMIUM !== null)('how safe the way to the relay is, said plainly', () => {
  let stack: Stack
  const relays: TestRelay[] = []
  const dir = mkdtempSync(join(tmpdir(), 'samstemt-tls-'))

  beforeAll(async () => {
    stack = await startStack()
  }, 60_000)

  afterAll(async () => {
    await stack?.close()
    for (const relay of relays) await relay.close()
    rmSync(dir, { recursive: true, force: true })
  })

  test.skipIf(LAN === undefined)(
    'a ws:// relay on the network: a warning before anything is sent, and joining only on "join anyway"',
    async () => {
      const relay = await startTestRelay({
        host: '0.0.0.0',
        publicUrl: (port) => `ws://${LAN}:${port}`,
      })
      relays.push(relay)
      const { link } = relay.invite('Ole Hansen', 'Nordic Edge', 'reviewer')
      const app = await stack.startApp()
      await pasteInvite(app.page, link)
      const warning = app.page.getByRole('alertdialog', { name: nb('join.insecure.title') })
      await warning.waitFor()
      expect(await warning.innerText()).toContain(relay.url)
      // Not joined: the invite is still unclaimed (the host tests show nothing is even sent).
      expect(relay.running.members.summaries(relay.workspace.id)[0]).toMatchObject({
        status: 'invited',
      })
      await app.page.screenshot({ path: join(SHOTS, 'join-insecure-nb.png') })

      await warning.getByRole('button', { name: nb('join.insecure.show') }).click()
      await app.page.getByText(nb('join.insecure.note')).waitFor()
      await app.page
        .getByRole('button', {
          name: nb('join.confirmInsecure', { workspace: relay.workspace.name }),
        })
        .click()
      await app.page.getByRole('heading', { name: nb('library.title'), level: 1 }).waitFor()
      await statusBar(app.page).getByText(nb('connection.online')).waitFor({ timeout: 15_000 })
      await statusBar(app.page).getByText(nb('connection.insecure')).waitFor()
      expect(await statusBar(app.page).locator('.connection-secure').count()).toBe(0)
      await app.page.screenshot({ path: join(SHOTS, 'status-insecure-nb.png') })
    },
    60_000,
  )

  test('a wss:// relay: a lock in the status bar; keys kept unencrypted are said once, plainly', async () => {
    const cert = join(dir, 'cert.pem')
    const key = join(dir, 'key.pem')
    execFileSync('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ])
    const relay = await startTestRelay({
      tls: { cert: readFileSync(cert, 'utf8'), key: readFileSync(key, 'utf8') },
    })
    relays.push(relay)
    expect(relay.url).toMatch(/^wss:\/\//)
    const { link } = relay.invite('Kari Nordmann', 'UiS', 'editor')
    const app = await stack.startApp(undefined, {
      env: { NODE_EXTRA_CA_CERTS: cert },
      ignoreHTTPSErrors: true,
    })
    await pasteInvite(app.page, link)
    await app.page
      .getByRole('button', { name: nb('join.confirm', { workspace: relay.workspace.name }) })
      .click()
    await app.page.getByRole('heading', { name: nb('library.title'), level: 1 }).waitFor()
    await statusBar(app.page).getByText(nb('connection.online')).waitFor({ timeout: 15_000 })
    const lock = statusBar(app.page).locator('.connection-secure')
    expect(await lock.getAttribute('title')).toBe(nb('connection.secure'))
    expect(await lock.innerText()).toBe(nb('connection.secure'))

    // The preview keeps keys without a keychain: the user is told, once.
    const notice = app.page.getByRole('status').filter({ hasText: nb('secrets.title') })
    await notice.waitFor()
    expect(await notice.innerText()).toContain(nb('secrets.body'))
    await app.page.screenshot({ path: join(SHOTS, 'secure-relay-and-secrets-nb.png') })
    await notice.getByRole('button', { name: nb('secrets.ok') }).click()
    await notice.waitFor({ state: 'detached' })
    await app.page.reload()
    await statusBar(app.page).getByText(nb('connection.online')).waitFor({ timeout: 15_000 })
    expect(await app.page.getByText(nb('secrets.title')).count()).toBe(0)
  }, 60_000)
})
