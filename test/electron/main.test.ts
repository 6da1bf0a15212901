import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { parseInviteLink } from '../../shared/protocol/index.ts'
import { useTempDir } from '../helpers/temp-dir.ts'
import { startTestRelay } from './helpers/test-relay.ts'
import { electron, electronEvent, resetElectron, type FakeBrowserWindow } from './electron-mock.ts'

vi.mock('electron', async () => (await import('./electron-mock.ts')).electronModule)

const tempDir = useTempDir('samstemt-main-')
const running: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const stop of running.splice(0)) await stop()
})

/** Starts main afresh, as a new process would, on the profile in `userData`. */
async function startMain(userData: string): Promise<FakeBrowserWindow | null> {
  electron().userData = userData
  vi.resetModules()
  const { started } = await import('../../electron/main/index.ts')
  const window = (await started) as unknown as FakeBrowserWindow | null
  if (window) running.push(() => quit())
  return window
}

/** Quits as Electron would, resolving once main has closed its store and called app.quit(). */
function quit(): Promise<void> {
  const { app } = electron()
  return new Promise<void>((resolve) => {
    app.quit.mockImplementation(() => resolve())
    app.emit('will-quit', electronEvent())
  })
}

function invoke(window: FakeBrowserWindow, channel: string, payload?: unknown): Promise<unknown> {
  const handler = electron().handlers.get(channel) as (
    event: unknown,
    payload: unknown,
  ) => Promise<unknown>
  return handler({ sender: window.webContents, senderFrame: { url: window.url } }, payload)
}

describe('starting the desktop app', () => {
  beforeEach(resetElectron)

  it('opens one secure window on app://samstemt with the menu, IPC and protocols set up', async () => {
    const window = await startMain(tempDir())
    expect(electron().windows).toHaveLength(1)
    expect(window?.url).toBe('app://samstemt/index.html')
    expect(window?.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    })
    expect(String((window?.options.webPreferences as { preload: string }).preload)).toMatch(
      /preload[/\\]index\.cjs$/,
    )
    expect(electron().menu).not.toBeNull()
    expect(electron().protocolHandlers.has('app')).toBe(true)
    expect(electron().handlers.size).toBeGreaterThan(0)
    expect(electron().app.setAsDefaultProtocolClient).toHaveBeenCalledWith('samstemt')
  })

  it('a second start hands over to the running app and quits at once', async () => {
    electron().singleInstance = false
    expect(await startMain(tempDir())).toBeNull()
    expect(electron().windows).toHaveLength(0)
    expect(electron().app.quit).toHaveBeenCalled()
  })

  it('sends an invite link from the first start’s arguments once the page has loaded', async () => {
    const link =
      'samstemt://join?relay=ws%3A%2F%2F127.0.0.1%3A1&workspace=w1&token=abcdefghijklmnop&name=A'
    process.argv.push(link)
    try {
      const window = await startMain(tempDir())
      expect(window?.webContents.sent).toEqual([])
      window?.webContents.emit('did-finish-load')
      expect(window?.webContents.sent).toEqual([{ channel: 'app/invite', payload: { link } }])
    } finally {
      process.argv.pop()
    }
  })

  it('a second start with an invite link brings the window forward and starts joining', async () => {
    const window = await startMain(tempDir())
    window?.webContents.emit('did-finish-load')
    if (window) window.minimized = true
    const link =
      'samstemt://join?relay=wss%3A%2F%2Fr.example.org&workspace=w1&token=abcdefghijklmnop&name=A'
    electron().app.emit('second-instance', electronEvent(), ['/opt/Samstemt/samstemt', link], '/')
    expect(window?.webContents.sent).toEqual([{ channel: 'app/invite', payload: { link } }])
    expect(window?.restore).toHaveBeenCalled()
    expect(window?.focus).toHaveBeenCalled()
  })

  it('handles macOS open-url events the same way', async () => {
    const window = await startMain(tempDir())
    window?.webContents.emit('did-finish-load')
    const openUrl = electronEvent()
    electron().app.emit('open-url', openUrl, 'samstemt://join?x')
    expect(openUrl.defaultPrevented).toBe(true)
    expect(window?.webContents.sent).toEqual([
      { channel: 'app/invite', payload: { link: 'samstemt://join?x' } },
    ])
  })

  it('reopens the window where it was closed', async () => {
    const profile = tempDir()
    const first = await startMain(profile)
    if (!first) throw new Error('no window')
    first.bounds = { x: 200, y: 100, width: 1000, height: 700 }
    first.maximized = true
    first.emit('close')
    await running.pop()?.()

    resetElectron()
    const second = await startMain(profile)
    expect(second?.options).toMatchObject({ x: 200, y: 100, width: 1000, height: 700 })
    expect(second?.maximized).toBe(true)
  })

  it('reloads the page after joining a workspace on a new relay, so its CSP admits the relay', async () => {
    const relay = await startTestRelay({ workspace: { id: 'wTrondheim', name: 'Trondheim' } })
    running.push(relay.close)
    const { link } = relay.invite('Kari', 'NTNU', 'coordinator')
    const window = await startMain(tempDir())
    if (!window) throw new Error('no window')
    expect(await invoke(window, 'workspaces/join', { link })).toMatchObject({ ok: true })
    await new Promise((resolve) => setImmediate(resolve))
    expect(window.webContents.reload).toHaveBeenCalledTimes(1)
    const page = await electron().protocolHandlers.get('app')?.(
      new Request('app://samstemt/index.html'),
    )
    expect(page?.headers.get('content-security-policy')).toContain(
      `connect-src 'self' ${relay.url}`,
    )
  })

  it('says tokens are unencrypted where Linux offers only basic_text storage', async () => {
    electron().encryption.backend = 'basic_text'
    const window = await startMain(tempDir())
    if (!window) throw new Error('no window')
    const info = await invoke(window, 'app/info')
    expect(info).toMatchObject({
      ok: true,
      value: { secretsEncrypted: process.platform !== 'linux' },
    })
  })

  it('keys joined without a keychain are encrypted on the first start that has one', async () => {
    const relay = await startTestRelay()
    running.push(relay.close)
    const profile = tempDir()
    electron().encryption.available = false
    const first = await startMain(profile)
    if (!first) throw new Error('no window')
    const { link } = relay.invite('Kari', 'NTNU', 'editor')
    expect(await invoke(first, 'workspaces/join', { link })).toMatchObject({ ok: true })
    expect(await invoke(first, 'app/info')).toMatchObject({ value: { secretsEncrypted: false } })
    await running.pop()?.()
    const secrets = () => readFileSync(join(profile, 'secrets.json'), 'utf8')
    const stored = JSON.parse(secrets()) as {
      tokens: Record<string, { encrypted: boolean; data: string }>
    }
    expect(stored.tokens[relay.workspace.id]).toMatchObject({ encrypted: false })
    const key = stored.tokens[relay.workspace.id]?.data ?? ''
    expect(key).not.toBe(parseInviteLink(link)?.token)

    resetElectron()
    electron().encryption.available = true
    const second = await startMain(profile)
    if (!second) throw new Error('no window')
    expect(JSON.parse(secrets())).toMatchObject({
      tokens: { [relay.workspace.id]: { encrypted: true } },
    })
    expect(await invoke(second, 'app/info')).toMatchObject({ value: { secretsEncrypted: true } })
    expect(
      await invoke(second, 'workspaces/connection', { workspace: relay.workspace.id }),
    ).toMatchObject({ ok: true, value: { ticket: expect.any(String) } })
    expect(secrets()).not.toContain(key)
  })

  it('explains and quits when the profile cannot be opened', async () => {
    const notAFolder = join(tempDir(), 'file')
    writeFileSync(notAFolder, '')
    expect(await startMain(notAFolder)).toBeNull()
    expect(electron().errorBoxes[0]?.[0]).toBe('Samstemt cannot start')
    expect(electron().app.quit).toHaveBeenCalled()
  })
})
