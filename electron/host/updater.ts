import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'
import type { Result, UpdateStatus } from '../../shared/ipc/index.ts'
import { fail, ok } from './host-error.ts'
import type { HostLog } from './host-log.ts'

/** How often a running app looks for an update, besides at start. */
export const CHECK_EVERY_MS = 24 * 60 * 60 * 1000

/** The graphical sudo helpers electron-updater's deb installer knows (LinuxUpdater). */
const SUDO_HELPERS = ['pkexec', 'gksudo', 'kdesudo', 'beesu'] as const

/** What decides whether this install looks for updates. */
export type UpdateSetting = {
  isPackaged: boolean
  platform: NodeJS.Platform
  env: NodeJS.ProcessEnv
  /** electron-builder's `resources/package-type` (`deb` for the deb); null where there is none. */
  packageType: string | null
  /** The build carries an update server (`resources/app-update.yml`, from electron-builder.yml). */
  feedBuiltIn: boolean
  /** Whether a command is on PATH; by default looked up in `env.PATH`. */
  hasCommand?: (name: string) => boolean
}

export type UpdateDecision =
  { enabled: true; feedUrl: string | null } | { enabled: false; reason: string }

/**
 * Whether to look for updates, and where. Off in development unless SAMSTEMT_UPDATE_URL names a
 * server; off for installs that cannot replace themselves (a folder or tarball, a deb without a
 * graphical sudo helper: those update through the system's package manager); off with
 * SAMSTEMT_AUTO_UPDATE=0, for organisations that roll out versions themselves.
 */
export function decideUpdates(setting: UpdateSetting): UpdateDecision {
  const { env, platform } = setting
  if (env.SAMSTEMT_AUTO_UPDATE === '0')
    return { enabled: false, reason: 'SAMSTEMT_AUTO_UPDATE=0 turns them off' }
  const override = env.SAMSTEMT_UPDATE_URL ?? ''
  if (override !== '' && !isAcceptableFeed(override))
    return {
      enabled: false,
      reason: `SAMSTEMT_UPDATE_URL must be an https:// address (http:// only on this computer), not ${JSON.stringify(override.slice(0, 200))}`,
    }
  if (!setting.isPackaged && override === '')
    return {
      enabled: false,
      reason: 'a development build (set SAMSTEMT_UPDATE_URL to try updates)',
    }
  if (platform === 'linux') {
    const hasCommand = setting.hasCommand ?? ((name) => onPath(name, env.PATH))
    if (setting.packageType === 'deb') {
      if (!SUDO_HELPERS.some(hasCommand))
        return {
          enabled: false,
          reason: `a deb install without a graphical sudo helper (${SUDO_HELPERS.join(', ')}): update it with the system's package manager`,
        }
    } else if (setting.packageType !== null) {
      return {
        enabled: false,
        reason: `a ${setting.packageType} install: update it with the system's package manager`,
      }
    } else if (!env.APPIMAGE) {
      return { enabled: false, reason: 'not an AppImage or deb install: replace it by hand' }
    }
  }
  if (!setting.feedBuiltIn && override === '')
    return {
      enabled: false,
      reason: 'this build has no update server (publish in electron-builder.yml)',
    }
  return { enabled: true, feedUrl: override === '' ? null : override }
}

function isAcceptableFeed(address: string): boolean {
  try {
    const url = new URL(address)
    if (url.protocol === 'https:') return true
    return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)
  } catch {
    return false
  }
}

function onPath(name: string, path = ''): boolean {
  return path
    .split(delimiter)
    .filter((dir) => dir !== '')
    .some((dir) => {
      try {
        accessSync(join(dir, name), constants.X_OK)
        return true
      } catch {
        return false
      }
    })
}

/** The part of electron-updater's AppUpdater the app uses. */
export type UpdateEngine = {
  /** Resolves once the server answered; a download it started runs on in `downloadPromise`. */
  checkForUpdates(): Promise<{ downloadPromise?: Promise<unknown> | null } | null>
  quitAndInstall(): void
  on(
    event: 'update-available' | 'update-downloaded',
    listener: (info: { version: string }) => void,
  ): unknown
  on(event: 'error', listener: (error: Error) => void): unknown
}

/** What the host handlers call; the preview and installs without updates use `noUpdates`. */
export type UpdateService = {
  status(): UpdateStatus
  restart(): Result<null>
  stop(): void
}

export const noUpdates: UpdateService = {
  status: () => ({ state: 'off', version: null }),
  restart: () =>
    fail(
      'invalid-payload',
      'There is no update to install.',
      'Det finnes ingen oppdatering å installere.',
    ),
  stop: () => undefined,
}

export type UpdateOptions = {
  engine: UpdateEngine
  log: HostLog
  /** Pushes a changed status to the window (`update/status`). */
  emit: (status: UpdateStatus) => void
  /** Runs `check` every `ms`; returns a stop function. setInterval, unref'd, by default. */
  every?: (ms: number, check: () => void) => () => void
}

/**
 * Looks for an update at start and once a day, downloads it (electron-updater checks its
 * SHA-512), and offers "restart to update" once it is ready. A failed check is logged and tried
 * again the next day; the app itself is never held up by it.
 */
export function startUpdates(options: UpdateOptions): UpdateService {
  const { engine, log } = options
  let status: UpdateStatus = { state: 'idle', version: null }
  const set = (next: UpdateStatus) => {
    status = next
    options.emit(next)
  }
  engine.on('update-available', ({ version }) => set({ state: 'downloading', version }))
  engine.on('update-downloaded', ({ version }) => {
    log.write('info', 'an update is ready to install', { version })
    set({ state: 'ready', version })
  })
  engine.on('error', (error) => {
    log.write('warn', 'looking for an update failed', { error: error.message })
    if (status.state === 'downloading') set({ state: 'idle', version: null })
  })
  const check = () => {
    // A downloaded update waits for the restart; looking again would only download it again.
    if (status.state === 'downloading' || status.state === 'ready') return
    engine.checkForUpdates().then(
      // A failed download is reported by the engine's `error` event; its promise must not
      // also end up as an unhandled rejection.
      (result) => result?.downloadPromise?.catch(() => undefined),
      (error: unknown) =>
        log.write('warn', 'looking for an update failed', { error: String(error) }),
    )
  }
  const every =
    options.every ??
    ((ms, run) => {
      const timer = setInterval(run, ms)
      timer.unref()
      return () => clearInterval(timer)
    })
  const stop = every(CHECK_EVERY_MS, check)
  check()
  return {
    status: () => status,
    restart: () => {
      if (status.state !== 'ready') return noUpdates.restart()
      log.write('info', 'restarting to install an update', { version: status.version })
      engine.quitAndInstall()
      return ok(null)
    },
    stop,
  }
}
