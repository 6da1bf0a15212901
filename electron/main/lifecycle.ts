import { app } from 'electron'
import type { HostServices } from '../host/host-services.ts'

/**
 * Quits with the last window, and closes the host services first so every update queued for
 * the store is on disk before the process ends.
 */
export function setupLifecycle(services: HostServices): void {
  app.on('window-all-closed', () => app.quit())
  let closed = false
  app.on('will-quit', (event) => {
    if (closed) return
    event.preventDefault()
    closed = true
    services
      .close()
      .catch((error: unknown) => services.log.write('error', 'closing the store failed', { error }))
      .finally(() => app.quit())
  })
}
