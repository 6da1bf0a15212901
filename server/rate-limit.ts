/** How much one socket or one member may send: a sustained rate and the burst above it. */
export type Rate = { perSecond: number; burst: number }

/** A token bucket: `burst` tokens at most, refilled at `perSecond`. */
export class TokenBucket {
  readonly #rate: Rate
  readonly #now: () => number
  #tokens: number
  #at: number

  constructor(rate: Rate, now: () => number = performance.now.bind(performance)) {
    this.#rate = rate
    this.#now = now
    this.#tokens = rate.burst
    this.#at = now()
  }

  /** Takes `n` tokens if there are that many; false (taking none) otherwise. */
  take(n = 1): boolean {
    this.#refill()
    if (this.#tokens < n) return false
    this.#tokens -= n
    return true
  }

  /** True when the bucket has refilled completely (nothing to remember about its owner). */
  get full(): boolean {
    this.#refill()
    return this.#tokens >= this.#rate.burst
  }

  #refill(): void {
    const now = this.#now()
    const elapsed = (now - this.#at) / 1000
    this.#at = now
    this.#tokens = Math.min(this.#rate.burst, this.#tokens + elapsed * this.#rate.perSecond)
  }
}

/** The message and byte budgets of one sender (a socket, or all sockets of a member). */
export class SendBudget {
  readonly #messages: TokenBucket
  readonly #bytes: TokenBucket

  constructor(limits: { messages: Rate; bytes: Rate }, now?: () => number) {
    this.#messages = new TokenBucket(limits.messages, now)
    this.#bytes = new TokenBucket(limits.bytes, now)
  }

  /** Charges one message of `bytes`; false when either budget is spent. */
  charge(bytes: number): boolean {
    return this.#messages.take(1) && this.#bytes.take(bytes)
  }

  get full(): boolean {
    return this.#messages.full && this.#bytes.full
  }
}
