import type { BrowserWindow } from 'electron'
import type { EventOutbox } from '../host/event-outbox.ts'
import { sendEvent } from './ipc.ts'

/**
 * Routes host events to the window's page while one is loaded. During a (re)load they wait in
 * the outbox, so a deep link or a store problem is never sent into a page that is going away.
 */
export function connectWindowEvents(window: BrowserWindow, outbox: EventOutbox): void {
  const contents = window.webContents
  contents.on('did-start-loading', () => outbox.attach(null))
  contents.on('did-finish-load', () =>
    outbox.attach((event, payload) => sendEvent(window, event, payload)),
  )
  window.on('closed', () => outbox.attach(null))
}
