import { createHash } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useTempDir } from '../helpers/temp-dir.ts'
import { waitFor } from '../relay/helpers/wait.ts'
import {
  electron,
  electronEvent,
  provideElectronToRequire,
  resetElectron,
  type FakeBrowserWindow,
} from './electron-mock.ts'

// The app's own updates, end to end in main with the Electron mock: the real electron-updater
// asks a local HTTP server (a folder as any web server serves it) for latest-linux.yml,
// downloads the AppImage it names, checks its SHA-512, and main offers "restart to update";
// restarting puts the new AppImage in the old one's place, under the same version-less name.

vi.mock('electron', async () => (await import('./electron-mock.ts')).electronModule)

const tempDir = useTempDir('samstemt-updates-')
const running: (() => Promise<void>)[] = []
const saved = {
  env: { ...process.env },
  resourcesPath: (process as { resourcesPath?: string }).resourcesPath,
}
afterEach(async () => {
  for (const stop of running.splice(0)) await stop()
  process.env = { ...saved.env }
  ;(process as { resourcesPath?: string }).resourcesPath = saved.resourcesPath
})

const APPIMAGE = 'Samstemt-linux-x86_64.AppImage'

/** The folder on the organisation's update server: latest-linux.yml and the new AppImage. */
async function updateServer(version: string, marker: string) {
  const appImage = Buffer.from(`#!/bin/sh\necho ${version} > '${marker}'\n`)
  const sha512 = createHash('sha512').update(appImage).digest('base64')
  const latest = [
    `version: ${version}`,
    'files:',
    `  - url: ${APPIMAGE}`,
    `    sha512: ${sha512}`,
    `    size: ${appImage.length}`,
    `path: ${APPIMAGE}`,
    `sha512: ${sha512}`,
    "releaseDate: '2026-12-01T10:00:00.000Z'",
    '',
  ].join('\n')
  const asked: string[] = []
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    asked.push(path)
    if (path === '/latest-linux.yml') res.writeHead(200).end(latest)
    else if (path === `/${APPIMAGE}`) res.writeHead(200).end(appImage)
    else res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  running.push(() => new Promise<void>((resolve) => server.close(() => resolve())))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  return { url, asked, appImage }
}

/** An installed AppImage: resources with the build's app-update.yml, and the AppImage file. */
function installedAppImage(dir: string, feed: string) {
  const resources = join(dir, 'resources')
  mkdirSync(resources, { recursive: true })
  writeFileSync(
    join(resources, 'app-update.yml'),
    `provider: generic\nurl: ${feed}\nupdaterCacheDirName: samstemt-updater\n`,
  )
  const appImage = join(dir, 'Programmer', APPIMAGE)
  mkdirSync(join(dir, 'Programmer'))
  writeFileSync(appImage, '#!/bin/sh\necho 0.1.0\n')
  chmodSync(appImage, 0o755)
  ;(process as { resourcesPath?: string }).resourcesPath = resources
  process.env.APPIMAGE = appImage
  process.env.XDG_CACHE_HOME = join(dir, 'cache')
  return appImage
}

async function startMain(userData: string): Promise<FakeBrowserWindow> {
  electron().userData = userData
  vi.resetModules()
  const { started } = await import('../../electron/main/index.ts')
  const window = (await started) as unknown as FakeBrowserWindow | null
  if (!window) throw new Error('main did not open its window')
  running.unshift(
    () =>
      new Promise<void>((resolve) => {
        electron().app.quit.mockImplementation(() => resolve())
        electron().app.emit('will-quit', electronEvent())
      }),
  )
  window.webContents.emit('did-finish-load')
  return window
}

function invoke(window: FakeBrowserWindow, channel: string): Promise<unknown> {
  const handler = electron().handlers.get(channel) as (event: unknown) => Promise<unknown>
  return handler({ sender: window.webContents, senderFrame: { url: window.url } })
}

const updateEvents = (window: FakeBrowserWindow) =>
  window.webContents.sent.filter((sent) => sent.channel === 'update/status')

describe('updating the installed app', () => {
  beforeEach(() => {
    resetElectron()
    provideElectronToRequire()
  })

  it.runIf(process.platform === 'linux')(
    'an AppImage finds 0.2.0 on the update server at start, offers to restart, and restarting runs the new one from the same path',
    async () => {
      const dir = tempDir()
      const marker = join(dir, 'started-version')
      const server = await updateServer('0.2.0', marker)
      const appImage = installedAppImage(dir, server.url)
      const window = await startMain(join(dir, 'profile'))

      await waitFor(
        () =>
          updateEvents(window).some(
            (sent) => (sent.payload as { state: string }).state === 'ready',
          ),
        'the update to be downloaded',
        20_000,
      )
      expect(updateEvents(window).map((sent) => sent.payload)).toEqual([
        { state: 'downloading', version: '0.2.0' },
        { state: 'ready', version: '0.2.0' },
      ])
      expect(server.asked).toContain('/latest-linux.yml')
      expect(await invoke(window, 'update/status')).toEqual({
        ok: true,
        value: { state: 'ready', version: '0.2.0' },
      })

      expect(await invoke(window, 'update/restart')).toEqual({ ok: true, value: null })
      // The launcher's path now holds the new AppImage, which was started; the app quits.
      expect(readFileSync(appImage)).toEqual(server.appImage)
      await waitFor(() => existsSync(marker), 'the new AppImage to start', 20_000)
      expect(readFileSync(marker, 'utf8').trim()).toBe('0.2.0')
      await waitFor(() => electron().app.quit.mock.calls.length > 0, 'the app to quit')
    },
  )

  it('a deb install without a graphical sudo helper never asks the server, and says updates are off', async () => {
    const dir = tempDir()
    const server = await updateServer('0.2.0', join(dir, 'never'))
    installedAppImage(dir, server.url)
    delete process.env.APPIMAGE
    writeFileSync(join(dir, 'resources', 'package-type'), 'deb\n')
    process.env.PATH = join(dir, 'empty-bin')
    const window = await startMain(join(dir, 'profile'))
    expect(await invoke(window, 'update/status')).toEqual({
      ok: true,
      value: { state: 'off', version: null },
    })
    expect(await invoke(window, 'update/restart')).toMatchObject({ ok: false })
    expect(server.asked).toEqual([])
  })
})
