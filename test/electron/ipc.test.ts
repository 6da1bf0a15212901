import { beforeEach, describe, expect, it, vi } from 'vitest'
import { CHANNELS } from '../../shared/ipc/index.ts'
import { EventOutbox } from '../../electron/host/event-outbox.ts'
import { createExportService } from '../../electron/host/export-service.ts'
import { createHostHandlers } from '../../electron/host/host-handlers.ts'
import { openHostServices, type HostServices } from '../../electron/host/host-services.ts'
import { plainSecretBox } from '../../electron/host/secret-vault.ts'
import { isTrustedSender, setupIpc } from '../../electron/main/ipc.ts'
import { useTempDir } from '../helpers/temp-dir.ts'
import { FakeBrowserWindow, electron, resetElectron } from './electron-mock.ts'

vi.mock('electron', async () => (await import('./electron-mock.ts')).electronModule)

const tempDir = useTempDir('samstemt-ipc-')
const TRUSTED = ['app://samstemt']

type Invoke = (event: unknown, payload?: unknown) => Promise<unknown>

function setup(): {
  window: FakeBrowserWindow
  services: HostServices
  invoke: (channel: string, event: unknown, payload?: unknown) => Promise<unknown>
} {
  const services = openHostServices({
    userData: tempDir(),
    secretBox: plainSecretBox,
    version: '0.1.0',
    platform: 'linux',
    outbox: new EventOutbox(),
  })
  const window = new FakeBrowserWindow({})
  // Cancels every export: what export/save does with a file is tested in its own files.
  const exporter = createExportService({
    chooseFile: async () => null,
    printPdf: () => Promise.reject(new Error('no printing here')),
    fonts: () => [],
    emit: () => undefined,
  })
  setupIpc(createHostHandlers(services, exporter), services, (event) =>
    isTrustedSender(event, () => window as never, TRUSTED),
  )
  const invoke = (channel: string, event: unknown, payload?: unknown) => {
    const handler = electron().handlers.get(channel) as Invoke | undefined
    if (!handler) throw new Error(`no handler for ${channel}`)
    return handler(event, payload)
  }
  return { window, services, invoke }
}

function from(window: FakeBrowserWindow, url: string) {
  return { sender: window.webContents, senderFrame: { url } }
}

describe('IPC registration', () => {
  beforeEach(resetElectron)

  it('registers one handler per channel of the contract, and no other', async () => {
    const { services } = setup()
    expect([...electron().handlers.keys()].sort()).toEqual([...CHANNELS].sort())
    await services.close()
  })

  it('answers a request from the app window with a Result', async () => {
    const { window, services, invoke } = setup()
    expect(await invoke('settings/get', from(window, 'app://samstemt/index.html'))).toEqual({
      ok: true,
      value: { language: 'nb', lastWorkspace: null, secretsNoticeSeen: false },
    })
    await services.close()
  })

  it('validates every payload before a handler sees it', async () => {
    const { window, services, invoke } = setup()
    const event = from(window, 'app://samstemt/index.html')
    expect(await invoke('store/append', event, { doc: 'w/index', updates: 'AAAA' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload' },
    })
    expect(await invoke('settings/update', event, { language: 'de' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload' },
    })
    await services.close()
  })

  it('refuses requests from a frame on another origin, or from other web contents', async () => {
    const { window, services, invoke } = setup()
    const other = new FakeBrowserWindow({})
    const refused = { ok: false, error: { code: 'invalid-payload' } }
    expect(await invoke('settings/get', from(window, 'https://example.org/'))).toMatchObject(
      refused,
    )
    expect(await invoke('settings/get', from(window, 'file:///tmp/x.html'))).toMatchObject(refused)
    expect(await invoke('settings/get', from(other, 'app://samstemt/index.html'))).toMatchObject(
      refused,
    )
    expect(
      await invoke('settings/get', { sender: window.webContents, senderFrame: null }),
    ).toMatchObject(refused)
    await services.close()
  })
})
