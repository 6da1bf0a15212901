import type { SamstemtApi } from '../../../shared/ipc/contract.ts'
import { createEventHub } from '../../../shared/ipc/event-hub.ts'
import { invalidPayload, isChannel, isHostEvent } from '../../../shared/ipc/validate.ts'
import { parseWire, stringifyWire } from '../../../shared/ipc/wire.ts'
import { createEventParser, type BridgeMessage } from './event-stream.ts'

export type BridgeOptions = {
  /** Where the preview serves the bridge: the page's own origin. */
  origin: string
  token: string
  fetch?: typeof fetch
  /** What to do when the host asks for a reload (a newly joined relay needs a fresh CSP). */
  reload?: () => void
  /** Waits before reconnecting the event stream after it broke. */
  retryDelayMs?: number
}

/**
 * `window.samstemt` in a browser: the same contract as the preload, over the preview's
 * loopback bridge. Byte arrays travel base64-encoded; every request carries the run's token.
 */
export function createBridgeApi(options: BridgeOptions): SamstemtApi & { close(): void } {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis)
  const headers = { authorization: `Bearer ${options.token}` }
  const hub = createEventHub()
  const abort = new AbortController()

  const deliver = (message: BridgeMessage): void => {
    if ('control' in message) return message.control === 'reload' ? options.reload?.() : undefined
    if (isHostEvent(message.event)) hub.deliver(message.event, message.payload)
  }

  const listen = async (): Promise<void> => {
    while (!abort.signal.aborted) {
      try {
        const response = await doFetch(`${options.origin}/bridge/events`, {
          headers,
          signal: abort.signal,
        })
        if (!response.ok || !response.body)
          throw new Error(`event stream answered ${response.status}`)
        const parse = createEventParser()
        const decoder = new TextDecoder()
        const reader = response.body.getReader()
        for (let read = await reader.read(); !read.done; read = await reader.read()) {
          for (const message of parse(decoder.decode(read.value, { stream: true })))
            deliver(message)
        }
      } catch {
        if (abort.signal.aborted) return
      }
      // The preview was restarted or the connection dropped: try again shortly.
      await new Promise((resolve) => setTimeout(resolve, options.retryDelayMs ?? 1000))
    }
  }
  void listen()

  return {
    async invoke(channel, ...request) {
      if (!isChannel(channel)) return invalidPayload(`there is no channel ${String(channel)}`)
      const response = await doFetch(`${options.origin}/bridge/invoke`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: stringifyWire({ channel, payload: request[0] }),
      })
      return parseWire(await response.text()) as never
    },
    on: hub.on,
    close: () => abort.abort(),
  }
}
