import type { HostEvent, HostEvents } from '../../shared/ipc/index.ts'

export type EventSink = <E extends HostEvent>(event: E, payload: HostEvents[E]) => void

/**
 * Host → renderer events. Until a page is there to receive them (a deep link that started the
 * app, a store recovered on open) they wait here, so none is lost to start-up order.
 */
export class EventOutbox {
  readonly #queue: { event: HostEvent; payload: unknown }[] = []
  readonly #limit: number
  #sink: EventSink | null = null

  constructor(limit = 100) {
    this.#limit = limit
  }

  emit<E extends HostEvent>(event: E, payload: HostEvents[E]): void {
    if (this.#sink) return this.#sink(event, payload)
    this.#queue.push({ event, payload })
    if (this.#queue.length > this.#limit) this.#queue.shift()
  }

  /** Delivers what waited, then every later event, to `sink`; null holds them again. */
  attach(sink: EventSink | null): void {
    this.#sink = sink
    if (!sink) return
    for (const { event, payload } of this.#queue.splice(0)) {
      sink(event, payload as HostEvents[typeof event])
    }
  }
}
