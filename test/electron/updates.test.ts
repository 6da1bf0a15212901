import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useTempDir } from '../helpers/temp-dir.ts'
import { waitFor } from '../relay/helpers/wait.ts'
import { electron, provideElectronToRequire, resetElectron } from './electron-mock.ts'
import {
  installedAppImage,
  invoke,
  running,
  startMain,
  updateEvents,
  updateServer,
} from './helpers/update-server.ts'

// The app's own updates, end to end in main with the Electron mock: the real electron-updater
// asks a local HTTP server (a folder as any web server serves it) for latest-linux.yml,
// downloads the AppImage it names, checks its SHA-512, and main offers "restart to update";
// restarting puts the new AppImage in the old one's place, under the same version-less name.

vi.mock('electron', async () => (await import('./electron-mock.ts')).electronModule)

const tempDir = useTempDir('samstemt-updates-')
const saved = {
  env: { ...process.env },
  resourcesPath: (process as { resourcesPath?: string }).resourcesPath,
}
afterEach(async () => {
  for (const stop of running.splice(0)) await stop()
  process.env = { ...saved.env }
  ;(process as { resourcesPath?: string }).resourcesPath = saved.resourcesPath
})

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
      // The new AppImage writes its version into the marker: the file exists before it is written.
      await waitFor(
        () => existsSync(marker) && readFileSync(marker, 'utf8').trim() !== '',
        'the new AppImage to start',
        20_000,
      )
      expect(readFileSync(marker, 'utf8').trim()).toBe('0.2.0')
      await waitFor(() => electron().app.quit.mock.calls.length > 0, 'the app to quit')
    },
  )

  it.runIf(process.platform === 'linux')(
    'a deb install without a graphical sudo helper never asks the server, and says updates are off',
    async () => {
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
    },
  )
})
