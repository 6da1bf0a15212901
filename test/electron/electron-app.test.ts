import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { _electron, type ElectronApplication } from 'playwright-core'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { SamstemtApi } from '../../shared/ipc/index.ts'
import { fixturePaper } from '../export/fixture.ts'
import { useTempDir } from '../helpers/temp-dir.ts'
import { startTestRelay } from './helpers/test-relay.ts'

// The shell in a real Electron, where one exists. The binary is looked up without
// require('electron'), which would try to download it.

const ROOT = join(import.meta.dirname, '../..')
const NO_BINARY =
  'no Electron binary in node_modules/electron (Electron 45 fetches it on first use; with internet, `node node_modules/electron/install.js` fetches it now)'
const NO_DISPLAY = 'no display to open a window on (run under xvfb-run)'

function electronBinary(): string | null {
  const dir = join(ROOT, 'node_modules/electron')
  const pathFile = join(dir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(dir, 'dist')
  const binary = join(dist, readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : null
}

const binary = electronBinary()
const hasDisplay =
  process.platform !== 'linux' || Boolean(process.env.DISPLAY ?? process.env.WAYLAND_DISPLAY)
const skipReason = !binary ? NO_BINARY : !hasDisplay ? NO_DISPLAY : null
// Chromium refuses to run as root with its OS sandbox; the page's own sandbox stays on.
const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : []
const INVITE =
  'samstemt://join?relay=ws%3A%2F%2F127.0.0.1%3A9&workspace=w1&token=abcdefghijklmnop&name=A'

const tempDir = useTempDir('samstemt-electron-')
const apps: ElectronApplication[] = []
const stops: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close()
  for (const stop of stops.splice(0)) await stop()
})

async function launch(extraArgs: string[] = [], profile = tempDir()) {
  if (!binary) throw new Error(NO_BINARY)
  const app = await _electron.launch({
    executablePath: binary,
    args: [...rootArgs, ROOT, ...extraArgs],
    env: { ...process.env, SAMSTEMT_PROFILE: profile },
  })
  apps.push(app)
  return { app, page: await app.firstWindow(), profile }
}

type SamstemtWindow = { samstemt: SamstemtApi }

describe('the desktop app in Electron', () => {
  beforeAll(() => {
    if (skipReason) return
    const built = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
      { cwd: ROOT, stdio: 'inherit' },
    )
    if (built.status !== 0) throw new Error('electron-vite build failed')
  }, 180_000)

  it('opens its window on app://samstemt with the secure preferences', async ({ skip }) => {
    if (skipReason) skip(skipReason)
    const { page } = await launch()
    expect(page.url()).toBe('app://samstemt/index.html')
    // No Node in the page, and the API is a contextBridge proxy (isolated worlds).
    expect(
      await page.evaluate(() =>
        (window as unknown as SamstemtWindow).samstemt.invoke.toString().includes('[native code]'),
      ),
    ).toBe(true)
    expect(await page.evaluate(() => [typeof require, typeof process])).toEqual([
      'undefined',
      'undefined',
    ])
    expect(
      await page.evaluate(() => Object.keys((window as unknown as SamstemtWindow).samstemt).sort()),
    ).toEqual(['invoke', 'on'])
    expect(
      await page.evaluate(() =>
        (window as unknown as SamstemtWindow).samstemt.invoke('settings/get'),
      ),
    ).toMatchObject({
      ok: true,
    })
  })

  it('denies new windows and connections outside the CSP', async ({ skip }) => {
    if (skipReason) skip(skipReason)
    const { page } = await launch()
    expect(await page.evaluate(() => window.open('file:///etc/hostname'))).toBeNull()
    const violated = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          document.addEventListener('securitypolicyviolation', (event) =>
            resolve(event.violatedDirective),
          )
          new WebSocket('ws://127.0.0.1:9/')
        }),
    )
    expect(violated).toBe('connect-src')
  })

  it('has the application menu with File, Edit, View, Window and Help', async ({ skip }) => {
    if (skipReason) skip(skipReason)
    const { app } = await launch()
    const labels = await app.evaluate(({ Menu }) =>
      Menu.getApplicationMenu()?.items.map((item) => item.label),
    )
    expect(labels?.slice(-5)).toEqual(['Fil', 'Rediger', 'Vis', 'Vindu', 'Hjelp'])
  })

  it('hands a samstemt:// link from the command line to the page', async ({ skip }) => {
    if (skipReason) skip(skipReason)
    const { page } = await launch([INVITE])
    const payload = await page.evaluate(
      () =>
        new Promise((resolve) =>
          (window as unknown as SamstemtWindow).samstemt.on('app/invite', resolve),
        ),
    )
    expect(payload).toEqual({ link: INVITE })
  })

  it('a second start with a link passes it to the running app and exits', async ({ skip }) => {
    if (skipReason || !binary) return skip(skipReason ?? NO_BINARY)
    const { page, profile } = await launch()
    const second = spawn(binary, [...rootArgs, ROOT, INVITE], {
      env: { ...process.env, SAMSTEMT_PROFILE: profile },
    })
    const exit = new Promise<number | null>((resolve) => second.on('exit', resolve))
    const payload = await page.evaluate(
      () =>
        new Promise((resolve) =>
          (window as unknown as SamstemtWindow).samstemt.on('app/invite', resolve),
        ),
    )
    expect(payload).toEqual({ link: INVITE })
    expect(await exit).toBe(0)
  })

  it('its page has no Node, and web security keeps it from reading files', async ({ skip }) => {
    if (skipReason) skip(skipReason)
    const { page } = await launch()
    const reach = await page.evaluate(async () => ({
      node: [typeof require, typeof process, typeof module],
      file: await fetch('file:///etc/hostname').then(
        () => 'read',
        () => 'refused',
      ),
    }))
    expect(reach).toEqual({ node: ['undefined', 'undefined', 'undefined'], file: 'refused' })
  })

  it('reopens its window where and as large as it was closed', async ({ skip }) => {
    if (skipReason) skip(skipReason)
    const first = await launch()
    await first.app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows()[0]?.setBounds({ x: 40, y: 30, width: 1100, height: 760 }),
    )
    await apps.pop()?.close()
    const second = await launch([], first.profile)
    const bounds = await second.app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows()[0]?.getBounds(),
    )
    expect(bounds).toMatchObject({ width: 1100, height: 760 })
  })

  it('serves the renderer on app://samstemt with its CSP, and nothing outside it', async ({
    skip,
  }) => {
    if (skipReason) skip(skipReason)
    const { page } = await launch()
    const answers = await page.evaluate(async () => {
      const index = await fetch('app://samstemt/index.html')
      const outside = await fetch('app://samstemt/../../package.json').then((r) => r.status)
      const other = await fetch('app://elsewhere/index.html').then(
        (r) => r.status,
        () => 0,
      )
      return { csp: index.headers.get('content-security-policy'), outside, other }
    })
    expect(answers.csp).toContain("default-src 'self'")
    expect(answers.outside).toBe(404)
    expect([0, 404]).toContain(answers.other)
  })

  it('File > Export… in the menu reaches the page as menu/export', async ({ skip }) => {
    if (skipReason) skip(skipReason)
    const { app, page } = await launch()
    const received = page.evaluate(
      () =>
        new Promise((resolve) =>
          (window as unknown as SamstemtWindow).samstemt.on('menu/export', resolve),
        ),
    )
    await app.evaluate(({ Menu }) => {
      const file = Menu.getApplicationMenu()?.items.find((item) => item.label === 'Fil')
      file?.submenu?.items.find((item) => item.label.startsWith('Eksporter'))?.click()
    })
    expect(await received).toBeNull()
  })

  it('keeps a joined workspace’s token with safeStorage, never in plain text where it can encrypt', async ({
    skip,
  }) => {
    if (skipReason) skip(skipReason)
    const relay = await startTestRelay({ workspace: { id: 'wTrondheim', name: 'Trondheim' } })
    stops.push(relay.close)
    const invite = relay.invite('Kari', 'NTNU', 'coordinator')
    const { app, page, profile } = await launch()
    const joined = await page.evaluate(
      (link) => (window as unknown as SamstemtWindow).samstemt.invoke('workspaces/join', { link }),
      invite.link,
    )
    expect(joined).toMatchObject({ ok: true })
    const encrypts = await app.evaluate(
      ({ safeStorage }) =>
        safeStorage.isEncryptionAvailable() &&
        (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text'),
    )
    const text = readFileSync(join(profile, 'secrets.json'), 'utf8')
    const stored = (
      JSON.parse(text) as { tokens: Record<string, { encrypted: boolean; data: string }> }
    ).tokens['wTrondheim']
    expect(stored?.encrypted).toBe(encrypts)
    if (encrypts && stored) {
      // The member's key (from claiming the invite) is what safeStorage opens, and not in the file.
      const key = await app.evaluate(
        ({ safeStorage }, data) => safeStorage.decryptString(Buffer.from(data, 'base64')),
        stored.data,
      )
      expect(key).toMatch(/^[A-Za-z0-9_-]{16,128}$/)
      expect(text).not.toContain(key)
    }
    const info = await page.evaluate(() =>
      (window as unknown as SamstemtWindow).samstemt.invoke('app/info'),
    )
    expect(info).toMatchObject({ ok: true, value: { secretsEncrypted: encrypts } })
  })

  it('exports a PDF printed by printToPDF to the file chosen in the (stubbed) save dialog, and nothing when it is cancelled', async ({
    skip,
  }) => {
    if (skipReason) skip(skipReason)
    const { app, page } = await launch()
    const file = join(tempDir(), 'Notat.pdf')
    const exportPdf = () =>
      page.evaluate(
        (source) =>
          (window as unknown as SamstemtWindow).samstemt.invoke('export/save', {
            format: 'pdf',
            source,
            compareWith: null,
            includeComments: false,
            suggestedName: 'Notat',
          }),
        fixturePaper(),
      )
    // The native dialog cannot be clicked by a test: it is replaced in main, as a user would answer.
    await app.evaluate(({ dialog }) => {
      dialog.showSaveDialog = (async () => ({ canceled: true, filePath: '' })) as never
    })
    expect(await exportPdf()).toEqual({ ok: true, value: { cancelled: true } })
    await app.evaluate(({ dialog }, path) => {
      dialog.showSaveDialog = (async () => ({ canceled: false, filePath: path })) as never
    }, file)
    expect(await exportPdf()).toEqual({ ok: true, value: { path: file } })
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-')
  })
})
