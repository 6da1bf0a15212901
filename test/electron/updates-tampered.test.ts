import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, expect, it, vi } from 'vitest'
import { useTempDir } from '../helpers/temp-dir.ts'
import { waitFor } from '../relay/helpers/wait.ts'
import { provideElectronToRequire, resetElectron } from './electron-mock.ts'
import {
  installedAppImage,
  invoke,
  running,
  startMain,
  updateEvents,
  updateServer,
} from './helpers/update-server.ts'

// A file of its own: electron-updater keeps one updater per process.

vi.mock('electron', async () => (await import('./electron-mock.ts')).electronModule)

const tempDir = useTempDir('samstemt-updates-tampered-')
const saved = { ...process.env }
afterEach(async () => {
  for (const stop of running.splice(0)) await stop()
  process.env = { ...saved }
  ;(process as { resourcesPath?: string }).resourcesPath = undefined
})

it.runIf(process.platform === 'linux')(
  'an AppImage whose SHA-512 is not the one latest-linux.yml names is never offered, and the installed one stays',
  async () => {
    resetElectron()
    provideElectronToRequire()
    const dir = tempDir()
    const server = await updateServer('0.2.0', join(dir, 'never'), true)
    const appImage = installedAppImage(dir, server.url)
    const before = readFileSync(appImage)
    const window = await startMain(join(dir, 'profile'))
    await waitFor(
      () =>
        updateEvents(window).some((sent) => (sent.payload as { state: string }).state === 'idle'),
      'the failed download to be reported',
      20_000,
    )
    expect(updateEvents(window).map((sent) => sent.payload)).toEqual([
      { state: 'downloading', version: '0.2.0' },
      { state: 'idle', version: null },
    ])
    expect(await invoke(window, 'update/restart')).toMatchObject({ ok: false })
    expect(readFileSync(appImage)).toEqual(before)
  },
)
