import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { app } from 'electron'
import electronUpdater from 'electron-updater'
import type { HostServices } from '../host/host-services.ts'
import { decideUpdates, noUpdates, startUpdates, type UpdateService } from '../host/updater.ts'

/**
 * The app's own updates through electron-updater, from the generic server electron-builder.yml
 * names (`publish`); the decisions are electron/host/updater.ts's.
 */
export function setupUpdates(services: HostServices): UpdateService {
  const resources = process.resourcesPath ?? ''
  const decision = decideUpdates({
    isPackaged: app.isPackaged,
    platform: process.platform,
    env: process.env,
    packageType: readPackageType(resources),
    feedBuiltIn: resources !== '' && existsSync(join(resources, 'app-update.yml')),
  })
  if (!decision.enabled) {
    services.log.write('info', `updates are off: ${decision.reason}`)
    return noUpdates
  }
  const { autoUpdater } = electronUpdater
  autoUpdater.logger = {
    info: (message: unknown) => services.log.write('info', `updater: ${String(message)}`),
    warn: (message: unknown) => services.log.write('warn', `updater: ${String(message)}`),
    error: (message: unknown) => services.log.write('error', `updater: ${String(message)}`),
    debug: () => undefined,
  }
  if (decision.feedUrl !== null) {
    autoUpdater.setFeedURL({ provider: 'generic', url: decision.feedUrl })
    autoUpdater.forceDevUpdateConfig = !app.isPackaged
  }
  return startUpdates({
    engine: autoUpdater,
    log: services.log,
    emit: (status) => services.outbox.emit('update/status', status),
  })
}

function readPackageType(resources: string): string | null {
  const file = join(resources, 'package-type')
  return resources !== '' && existsSync(file) ? readFileSync(file, 'utf8').trim() : null
}
