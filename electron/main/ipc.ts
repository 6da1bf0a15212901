import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import type { HostEvent, HostEvents, HostImplementation, Result } from '../../shared/ipc/index.ts'
import { CHANNELS } from '../../shared/ipc/index.ts'
import { dispatch } from '../host/host-handlers.ts'
import { fail } from '../host/host-error.ts'
import type { HostServices } from '../host/host-services.ts'
import { isTrustedUrl } from '../host/web-policy.ts'

/**
 * Only accept messages from the app's own window, from a frame showing the app: a page that
 * got into any other web contents, or onto another origin, cannot reach the host.
 */
export function isTrustedSender(
  event: IpcMainInvokeEvent,
  window: () => BrowserWindow | null,
  trustedOrigins: readonly string[],
): boolean {
  const ours = window()
  if (!ours || ours.isDestroyed() || event.sender !== ours.webContents) return false
  const frame = event.senderFrame
  return frame !== null && isTrustedUrl(frame.url, trustedOrigins)
}

/** One `ipcMain.handle` per contract channel; each request is checked, validated, dispatched. */
export function setupIpc(
  handlers: HostImplementation,
  services: HostServices,
  isTrusted: (event: IpcMainInvokeEvent) => boolean,
): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, payload: unknown): Promise<Result<unknown>> => {
      if (!isTrusted(event)) {
        services.log.write('warn', 'refused a request from outside the app window', {
          channel,
          frame: event.senderFrame?.url.slice(0, 200) ?? null,
        })
        return fail('invalid-payload', 'Only the Samstemt window may call the host.')
      }
      return dispatch(handlers, services, channel, payload)
    })
  }
}

/** Pushes an event to the window's page, where the preload hands it to subscribers. */
export function sendEvent<E extends HostEvent>(
  window: BrowserWindow | null,
  event: E,
  payload: HostEvents[E],
): void {
  if (window && !window.isDestroyed()) window.webContents.send(event, payload)
}
