/** Runs `task` later: at the end of this frame in the app, by hand in tests. */
export type Schedule = (task: () => void) => void

export type BatcherState = { storing: number; error: unknown }

export type BatcherOptions = {
  /** Stores updates in order; resolves once they are durable, rejects when they are not. */
  append(updates: Uint8Array[]): Promise<void>
  onChange(state: BatcherState): void
  schedule?: Schedule
  /** When the store failed, wait this long before trying again (ms). */
  retryMs?: number
}

const frame: Schedule = (task) => void setTimeout(task, 16)

/**
 * Collects a doc's updates and hands them to the store a batch per frame, one batch at a time so
 * they stay in order. A batch the store refused stays at the head of the queue and is retried.
 */
export class UpdateBatcher {
  private queue: Uint8Array[] = []
  private inFlight = 0
  private scheduled = false
  private error: unknown = null
  private idle: (() => void)[] = []
  private readonly schedule: Schedule
  private readonly retryMs: number
  private readonly options: BatcherOptions

  constructor(options: BatcherOptions) {
    this.options = options
    this.schedule = options.schedule ?? frame
    this.retryMs = options.retryMs ?? 2000
  }

  /** Updates handed over and not yet stored. */
  get storing(): number {
    return this.queue.length + this.inFlight
  }

  add(update: Uint8Array): void {
    this.queue.push(update)
    this.report()
    this.plan(this.schedule)
  }

  /** Resolves once everything added so far is stored, or the store has failed on it. */
  flush(): Promise<void> {
    if (this.storing === 0) return Promise.resolve()
    if (this.inFlight === 0) void this.run()
    return new Promise((resolve) => this.idle.push(resolve))
  }

  private plan(schedule: Schedule): void {
    if (this.scheduled || this.inFlight > 0) return
    this.scheduled = true
    schedule(() => {
      this.scheduled = false
      void this.run()
    })
  }

  private async run(): Promise<void> {
    if (this.inFlight > 0 || this.queue.length === 0) return
    const batch = this.queue
    this.queue = []
    this.inFlight = batch.length
    try {
      await this.options.append(batch)
      this.error = null
    } catch (error) {
      this.queue = [...batch, ...this.queue]
      this.error = error
    }
    this.inFlight = 0
    this.report()
    if (this.error !== null) {
      this.settle()
      this.plan((task) => void setTimeout(task, this.retryMs))
    } else if (this.queue.length > 0) {
      this.plan(this.schedule)
    } else {
      this.settle()
    }
  }

  private settle(): void {
    const waiting = this.idle
    this.idle = []
    for (const resolve of waiting) resolve()
  }

  private report(): void {
    this.options.onChange({ storing: this.storing, error: this.error })
  }
}
