import { BrowserWindow, screen, type WebPreferences } from 'electron'
import type { HostServices } from '../host/host-services.ts'
import { MIN_SIZE, initialBounds } from '../host/window-bounds.ts'

/** The renderer's preferences: every item of the Electron security checklist that lives here. */
export function securePreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: true,
  }
}

/** The one app window, opened where it was last closed; its place is saved when it closes. */
export function createMainWindow(services: HostServices, preload: string): BrowserWindow {
  const workAreas = screen.getAllDisplays().map((display) => display.workArea)
  const { bounds, maximized } = initialBounds(services.settings.window, workAreas)
  const window = new BrowserWindow({
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Samstemt',
    show: false,
    webPreferences: securePreferences(preload),
  })
  if (maximized) window.maximize()
  window.once('ready-to-show', () => window.show())
  window.on('close', () => {
    services.settings.window = { ...window.getNormalBounds(), maximized: window.isMaximized() }
  })
  return window
}

/** Brings the window to the front, as a deep link or a second start should. */
export function showWindow(window: BrowserWindow | null): void {
  if (!window || window.isDestroyed()) return
  if (window.isMinimized()) window.restore()
  window.show()
  window.focus()
}
