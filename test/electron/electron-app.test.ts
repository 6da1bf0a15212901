import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { _electron, type ElectronApplication } from 'playwright-core'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { SamstemtApi } from '../../shared/ipc/index.ts'
import { useTempDir } from '../helpers/temp-dir.ts'

// The shell in a real Electron, where one exists. The binary is looked up without
// require('electron'), which would try to download it.

const ROOT = join(import.meta.dirname, '../..')
const NO_BINARY = 'no Electron binary on this machine (npm could not download it)'
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
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close()
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
})
