import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { AppInfo } from '../../shared/ipc/index.ts'
import { openHostLog, type HostLog } from './host-log.ts'
import type { Fetch } from './invite-client.ts'
import { LocalStore } from './local-store.ts'
import type { EventOutbox } from './event-outbox.ts'
import { MemberService } from './member-service.ts'
import { SecretVault, type SecretBox } from './secret-vault.ts'
import { SettingsStore } from './settings-store.ts'
import { WorkspaceRegistry } from './workspace-registry.ts'
import { WorkspaceService } from './workspace-service.ts'

/** Where a profile keeps its files, all inside the user-data folder. */
export function profilePaths(userData: string) {
  return {
    store: join(userData, 'samstemt.sqlite'),
    settings: join(userData, 'settings.json'),
    workspaces: join(userData, 'workspaces.json'),
    secrets: join(userData, 'secrets.json'),
    log: join(userData, 'logs', 'samstemt.log'),
  }
}

export type HostServicesOptions = {
  userData: string
  secretBox: SecretBox
  version: string
  platform: string
  /** Where the services push events (Electron's window, or the preview's bridge). */
  outbox: EventOutbox
  fetch?: Fetch
  now?: () => number
  /** How long the relay has to answer one call (tests shorten it). */
  relayTimeoutMs?: number
}

/** Every host service of one profile, opened together and closed together. */
export type HostServices = {
  log: HostLog
  settings: SettingsStore
  registry: WorkspaceRegistry
  workspaces: WorkspaceService
  members: MemberService
  store: LocalStore
  vault: SecretVault
  outbox: EventOutbox
  info(): AppInfo
  close(): Promise<void>
}

/** Opens the profile in `userData`; throws a StoreError when its database cannot be used. */
export function openHostServices(options: HostServicesOptions): HostServices {
  const paths = profilePaths(options.userData)
  mkdirSync(options.userData, { recursive: true, mode: 0o700 })
  const now = options.now ?? Date.now
  const log = openHostLog(paths.log, { now })
  const settings = new SettingsStore(paths.settings, log)
  const registry = new WorkspaceRegistry(paths.workspaces, log)
  const vault = new SecretVault(paths.secrets, options.secretBox, log)
  const store = LocalStore.open(paths.store, log)
  const { outbox } = options
  if (store.recovery)
    outbox.emit('store/problem', { code: 'store', message: store.recovery.message })
  if (!vault.encrypted) {
    log.write('warn', 'no OS keychain available: workspace keys are stored unencrypted', {
      keys: vault.unencrypted,
    })
  }
  // Told once that keys were kept in clear; should the keychain go again, the user is told again.
  if (vault.reencrypted > 0) settings.update({ secretsNoticeSeen: false })
  const workspaces = new WorkspaceService({
    registry,
    vault,
    settings,
    store,
    log,
    fetch: options.fetch ?? fetch,
    now,
    timeoutMs: options.relayTimeoutMs,
  })
  const members = new MemberService(workspaces, log)
  log.write('info', 'host started', { version: options.version, platform: options.platform })
  return {
    log,
    settings,
    registry,
    workspaces,
    members,
    store,
    vault,
    outbox,
    info: () => ({
      version: options.version,
      platform: options.platform,
      secretsEncrypted: vault.encrypted,
      logFile: paths.log,
    }),
    async close() {
      await store.close()
      log.write('info', 'host stopped')
    },
  }
}
