import { beforeEach, describe, expect, it, vi } from 'vitest'
import { openHostLog } from '../../electron/host/host-log.ts'
import { securePreferences } from '../../electron/main/secure-window.ts'
import { setupWebSecurity } from '../../electron/main/web-security.ts'
import { useTempDir } from '../helpers/temp-dir.ts'
import { FakeBrowserWindow, electron, electronEvent, resetElectron } from './electron-mock.ts'

vi.mock('electron', async () => (await import('./electron-mock.ts')).electronModule)

const tempDir = useTempDir('samstemt-security-')

function secureContents() {
  setupWebSecurity(['app://samstemt'], openHostLog(`${tempDir()}/log`))
  return new FakeBrowserWindow({}).webContents
}

describe('the Electron security checklist', () => {
  beforeEach(resetElectron)

  it('runs the page with contextIsolation, sandbox, webSecurity and without nodeIntegration', () => {
    const prefs = securePreferences('/app/out/preload/index.cjs')
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    })
  })

  it('denies navigation away from the app, and opens https targets in the browser instead', () => {
    const contents = secureContents()
    const away = electronEvent({ url: 'https://example.org/phish', isMainFrame: true })
    contents.emit('will-navigate', away)
    expect(away.defaultPrevented).toBe(true)
    expect(electron().openExternal).toHaveBeenCalledWith('https://example.org/phish')
  })

  it('never hands a non-https navigation target to the OS', () => {
    const contents = secureContents()
    for (const url of [
      'file:///etc/passwd',
      'http://example.org',
      'smb://host/x',
      'javascript:1',
    ]) {
      const event = electronEvent({ url, isMainFrame: true })
      contents.emit('will-navigate', event)
      expect(event.defaultPrevented, url).toBe(true)
    }
    expect(electron().openExternal).not.toHaveBeenCalled()
  })

  it('lets the page navigate within the app origin', () => {
    const contents = secureContents()
    const inside = electronEvent({ url: 'app://samstemt/index.html', isMainFrame: true })
    contents.emit('will-navigate', inside)
    expect(inside.defaultPrevented).toBe(false)
  })

  it('denies sub-frame navigation off the app origin', () => {
    const contents = secureContents()
    const frame = electronEvent({ url: 'https://example.org/', isMainFrame: false })
    contents.emit('will-frame-navigate', frame)
    expect(frame.defaultPrevented).toBe(true)
  })

  it('denies window.open; an https link goes to the system browser, others nowhere', () => {
    const contents = secureContents()
    const open = contents.windowOpenHandler
    expect(open?.({ url: 'https://eurocities.eu/' })).toEqual({ action: 'deny' })
    expect(open?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
    expect(open?.({ url: 'app://samstemt/index.html' })).toEqual({ action: 'deny' })
    expect(electron().openExternal.mock.calls).toEqual([['https://eurocities.eu/']])
  })

  it('refuses to attach a <webview>', () => {
    const contents = secureContents()
    const attach = electronEvent()
    contents.emit('will-attach-webview', attach, {}, {})
    expect(attach.defaultPrevented).toBe(true)
  })

  it('denies every permission request and check', () => {
    secureContents()
    const { permissionRequest, permissionCheck, devicePermission } = electron()
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
    ]) {
      const callback = vi.fn()
      ;(permissionRequest as (...args: unknown[]) => void)({}, permission, callback, {})
      expect(callback, permission).toHaveBeenCalledWith(false)
      expect(
        (permissionCheck as (...args: unknown[]) => boolean)({}, permission, 'app://samstemt', {}),
      ).toBe(false)
    }
    expect((devicePermission as (...args: unknown[]) => boolean)({ deviceType: 'usb' })).toBe(false)
  })

  it("lets only the app's own page write to the clipboard (Copy link), never read it", () => {
    secureContents()
    const { permissionRequest, permissionCheck } = electron()
    const request = (permission: string, requestingUrl: string) => {
      const callback = vi.fn()
      ;(permissionRequest as (...args: unknown[]) => void)({}, permission, callback, {
        requestingUrl,
      })
      return callback.mock.calls[0]?.[0] as boolean
    }
    const check = (permission: string, origin: string) =>
      (permissionCheck as (...args: unknown[]) => boolean)({}, permission, origin, {})
    expect(request('clipboard-sanitized-write', 'app://samstemt/index.html')).toBe(true)
    expect(check('clipboard-sanitized-write', 'app://samstemt')).toBe(true)
    expect(request('clipboard-sanitized-write', 'https://evil.example/')).toBe(false)
    expect(check('clipboard-sanitized-write', 'https://evil.example')).toBe(false)
    expect(request('clipboard-read', 'app://samstemt/index.html')).toBe(false)
    expect(check('clipboard-read', 'app://samstemt')).toBe(false)
  })
})
