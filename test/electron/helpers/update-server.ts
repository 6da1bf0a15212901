import { createHash } from 'node:crypto'
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { vi } from 'vitest'
import { electron, electronEvent, type FakeBrowserWindow } from '../electron-mock.ts'

/** Stops what a test started, in order; the test file runs them after each test. */
export const running: (() => Promise<void>)[] = []

export const APPIMAGE = 'Samstemt-linux-x86_64.AppImage'

/** The folder on the organisation's update server: latest-linux.yml and the new AppImage. */
export async function updateServer(version: string, marker: string, tamper = false) {
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
    // Tampered: one byte more than latest-linux.yml's SHA-512 and size describe.
    else if (path === `/${APPIMAGE}`)
      res.writeHead(200).end(tamper ? Buffer.concat([appImage, Buffer.from('!')]) : appImage)
    else res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  running.push(() => new Promise<void>((resolve) => server.close(() => resolve())))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  return { url, asked, appImage }
}

/** An installed AppImage: resources with the build's app-update.yml, and the AppImage file. */
export function installedAppImage(dir: string, feed: string) {
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

export async function startMain(userData: string): Promise<FakeBrowserWindow> {
  electron().userData = userData
  vi.resetModules()
  const { started } = await import('../../../electron/main/index.ts')
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

export function invoke(window: FakeBrowserWindow, channel: string): Promise<unknown> {
  const handler = electron().handlers.get(channel) as (event: unknown) => Promise<unknown>
  return handler({ sender: window.webContents, senderFrame: { url: window.url } })
}

export const updateEvents = (window: FakeBrowserWindow) =>
  window.webContents.sent.filter((sent) => sent.channel === 'update/status')
