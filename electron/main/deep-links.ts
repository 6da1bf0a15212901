import { resolve } from 'node:path'
import { app } from 'electron'
import type { EventOutbox } from '../host/event-outbox.ts'
import { findDeepLink } from '../host/web-policy.ts'

const SCHEME = 'samstemt'

/**
 * The single-instance lock: a second start (for instance by clicking an invite link) hands its
 * arguments to the running app and quits. False means this process is that second start.
 */
export function claimSingleInstance(): boolean {
  return app.requestSingleInstanceLock()
}

/**
 * `samstemt://` links, however they arrive: the first start's argv (Windows, Linux), a second
 * start's argv, or macOS's open-url. Each becomes an `app/invite` event and brings the window
 * forward; events wait in the outbox while no page is there yet.
 */
export function setupDeepLinks(outbox: EventOutbox, bringForward: () => void): void {
  // Unpackaged, the OS must start Electron with the app's path for the link to reach us.
  if (process.defaultApp && process.argv[1] !== undefined) {
    app.setAsDefaultProtocolClient(SCHEME, process.execPath, [resolve(process.argv[1])])
  } else {
    app.setAsDefaultProtocolClient(SCHEME)
  }
  const deliver = (link: string | null): void => {
    if (link !== null) outbox.emit('app/invite', { link })
  }
  deliver(findDeepLink(process.argv))
  app.on('second-instance', (_event, argv) => {
    deliver(findDeepLink(argv))
    bringForward()
  })
  app.on('open-url', (event, url) => {
    event.preventDefault()
    deliver(findDeepLink([url]))
    bringForward()
  })
}
