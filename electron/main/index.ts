import { join } from 'node:path'
import { app, dialog, session, type BrowserWindow } from 'electron'
import { APP_ORIGIN } from '../host/app-files.ts'
import { EventOutbox } from '../host/event-outbox.ts'
import { createHostHandlers } from '../host/host-handlers.ts'
import { openHostServices, type HostServices } from '../host/host-services.ts'
import { createImportService } from '../host/import-service.ts'
import { contentSecurityPolicy } from '../host/web-policy.ts'
import { registerAppScheme, setupAppProtocol } from './app-protocol.ts'
import { claimSingleInstance, setupDeepLinks } from './deep-links.ts'
import { createAppExporter } from './export.ts'
import { createImportChooser } from './import-dialog.ts'
import { isTrustedSender, setupIpc } from './ipc.ts'
import { setupLifecycle } from './lifecycle.ts'
import { applyMenu } from './menu.ts'
import { safeStorageBox } from './secret-box.ts'
import { createMainWindow, showWindow } from './secure-window.ts'
import { setupContextMenu, setupSpelling } from './spelling.ts'
import { setupUpdates } from './updates.ts'
import { setupWebSecurity } from './web-security.ts'
import { connectWindowEvents } from './window-events.ts'

// The composition root: each feature is set up by its own module, in the order Electron needs.

const PRELOAD = join(import.meta.dirname, '../preload/index.cjs')
const RENDERER = join(import.meta.dirname, '../renderer')
const DEV_URL = !app.isPackaged ? (process.env.ELECTRON_RENDERER_URL ?? null) : null

/** Resolves with the window once the app is up; null when this process only handed over. */
export const started: Promise<BrowserWindow | null> = start()

async function start(): Promise<BrowserWindow | null> {
  // A second profile side by side (two partners on one machine, or tests); the lock is per profile.
  const profile = process.env.SAMSTEMT_PROFILE
  if (profile) app.setPath('userData', profile)
  if (!claimSingleInstance()) {
    app.quit()
    return null
  }
  registerAppScheme()
  const outbox = new EventOutbox()
  let window: BrowserWindow | null = null
  setupDeepLinks(outbox, () => showWindow(window))
  await app.whenReady()

  const services = openServices(outbox)
  if (!services) return null
  const trusted = DEV_URL ? [APP_ORIGIN, new URL(DEV_URL).origin] : [APP_ORIGIN]
  setupWebSecurity(trusted, services.log)
  setupAppProtocol(RENDERER, () => contentSecurityPolicy(services.registry.relays()))
  const exporter = createAppExporter(services, () => window)
  const spelling = setupSpelling(session.defaultSession, services.log)
  const updates = setupUpdates(services)
  const importer = createImportService({
    chooseFile: createImportChooser(
      () => window,
      () => services.settings.get().language,
    ),
    log: services.log,
  })
  setupIpc(createHostHandlers(services, exporter, spelling, updates, importer), services, (event) =>
    isTrustedSender(event, () => window, trusted),
  )
  const ready = createMainWindow(services, PRELOAD)
  window = ready
  connectWindowEvents(ready, outbox)
  setupContextMenu(ready, spelling, () => services.settings.get().language)
  const menu = () =>
    applyMenu({
      platform: process.platform,
      language: services.settings.get().language,
      dev: !app.isPackaged,
      send: (event) => outbox.emit(event, null),
      logFile: services.info().logFile,
    })
  menu()
  services.settings.onChange(menu)
  // A relay joined after the page loaded is outside its CSP until the page loads again.
  services.registry.onRelaysChanged(() =>
    setImmediate(() => {
      if (!ready.isDestroyed()) ready.webContents.reload()
    }),
  )
  setupLifecycle(services)
  await ready.loadURL(DEV_URL ?? `${APP_ORIGIN}/index.html`)
  return ready
}

function openServices(outbox: EventOutbox): HostServices | null {
  try {
    return openHostServices({
      userData: app.getPath('userData'),
      secretBox: safeStorageBox(),
      version: app.getVersion(),
      platform: process.platform,
      outbox,
    })
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    dialog.showErrorBox('Samstemt cannot start', detail)
    app.quit()
    return null
  }
}
