import type { IpcRenderer } from 'electron'
import type { SamstemtApi } from '../../shared/ipc/contract.ts'
import { createEventHub } from '../../shared/ipc/event-hub.ts'
import { EVENTS, invalidPayload, isChannel } from '../../shared/ipc/validate.ts'

/**
 * `window.samstemt` in Electron: the contract's two functions over IPC, nothing else. Each
 * contract channel is its own IPC channel, and nothing but contract channels can be invoked.
 */
export function createSamstemtApi(ipc: Pick<IpcRenderer, 'invoke' | 'on'>): SamstemtApi {
  const hub = createEventHub()
  for (const event of EVENTS) {
    // The IpcRendererEvent stays here: handing it to the page would leak `sender` (ipcRenderer).
    ipc.on(event, (_ipcEvent, payload: unknown) => hub.deliver(event, payload))
  }
  return {
    invoke(channel, ...request) {
      if (!isChannel(channel)) {
        return Promise.resolve(invalidPayload(`there is no channel ${String(channel)}`))
      }
      return ipc.invoke(channel, request[0])
    },
    on: hub.on,
  }
}
