import type { HostEvent, SamstemtApi } from './contract.ts'
import { isHostEvent } from './validate.ts'

type Listener = (payload: unknown) => void

/** How many undelivered events of one kind are kept for a late subscriber. */
const KEEP = 20

/**
 * The page side of host events, shared by the preload and the preview's bridge client. An event
 * that arrives before anyone subscribed (a deep link that started the app) waits, and is handed
 * to the first subscriber right after `on` returns.
 */
export function createEventHub(): {
  deliver(event: HostEvent, payload: unknown): void
  on: SamstemtApi['on']
} {
  const listeners = new Map<HostEvent, Set<Listener>>()
  const waiting = new Map<HostEvent, unknown[]>()
  return {
    deliver(event, payload) {
      const subscribed = listeners.get(event)
      if (subscribed && subscribed.size > 0) {
        for (const listener of [...subscribed]) listener(payload)
      } else {
        waiting.set(event, [...(waiting.get(event) ?? []).slice(1 - KEEP), payload])
      }
    },
    on(event, listener) {
      if (!isHostEvent(event) || typeof listener !== 'function') {
        throw new TypeError(`samstemt.on: there is no event ${String(event)}`)
      }
      const set = listeners.get(event) ?? new Set<Listener>()
      listeners.set(event, set)
      set.add(listener as Listener)
      const early = waiting.get(event) ?? []
      waiting.delete(event)
      if (early.length > 0) {
        queueMicrotask(() => {
          for (const payload of early)
            if (set.has(listener as Listener)) (listener as Listener)(payload)
        })
      }
      return () => {
        set.delete(listener as Listener)
      }
    },
  }
}
