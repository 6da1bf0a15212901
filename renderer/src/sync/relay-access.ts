import type {
  MemberIdentity,
  SamstemtApi,
  WorkspaceConnection,
} from '../../../shared/ipc/contract.ts'
import { call, type UiError } from '../host/host.ts'

/**
 * Where this member stands with the relay. `active`: the relay admits them (or has not said
 * otherwise: offline counts as active); `revoked`: their access was revoked; `lost`: the relay
 * no longer knows this computer's key, or the key cannot be read here. The last two are final.
 */
export type Access = 'active' | 'revoked' | 'lost'

export type AccessState = {
  access: Access
  /** Who the relay says the member is, latest first: a ticket's answer or a member update. */
  member: MemberIdentity | null
  /** The ticket sockets connect with now; null until the first arrives. */
  ticket: { value: string; expiresAt: number } | null
  /** The last attempt to get a ticket could not reach the relay (the page retries). */
  unreachable: boolean
  /** Why access ended, in the host's words. */
  error: UiError | null
}

export type Clock = {
  now(): number
  setTimeout(run: () => void, ms: number): unknown
  clearTimeout(timer: unknown): void
}

const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
}

/** A ticket is renewed this long before it expires, or at 80% of its life if that is sooner. */
export const RENEW_BEFORE_MS = 60_000
/** Never sooner than this after the last renewal, whatever the clocks say. */
export const MIN_RENEW_MS = 5_000
/** A relay out of reach is asked again after 2 s, 4 s, ... up to this. */
export const MAX_RETRY_MS = 30_000

const FINAL: Partial<Record<UiError['code'], Access>> = {
  'access-revoked': 'revoked',
  'access-unknown': 'lost',
  'key-unreadable': 'lost',
  'unknown-workspace': 'lost',
}

/**
 * A workspace's standing with its relay: fetches connection tickets from the host (the member's
 * key never reaches the page), renews them before they expire and whenever a socket is refused
 * one, and follows the member as the relay reports them (a new role takes effect at once).
 */
export class RelayAccess {
  readonly relay: string
  private state: AccessState
  private readonly listeners = new Set<() => void>()
  private readonly api: SamstemtApi
  private readonly workspace: string
  private readonly clock: Clock
  private timer: unknown = null
  private pending: Promise<void> | null = null
  private failures = 0
  private stopped = true

  constructor(options: {
    api: SamstemtApi
    workspace: string
    relay: string
    member: MemberIdentity | null
    clock?: Clock
  }) {
    this.api = options.api
    this.workspace = options.workspace
    this.relay = options.relay
    this.clock = options.clock ?? systemClock
    this.state = {
      access: 'active',
      member: options.member,
      ticket: null,
      unreachable: false,
      error: null,
    }
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  getState = (): AccessState => this.state

  /** Starts fetching tickets and keeps them fresh, until `stop`. */
  start(): void {
    this.stopped = false
    void this.renew()
  }

  /** Stops renewing (the workspace closed); `start` resumes, with the same subscribers. */
  stop(): void {
    this.stopped = true
    if (this.timer !== null) this.clock.clearTimeout(this.timer)
    this.timer = null
  }

  /** Asks for a ticket now (once at a time); resolves when the host has answered. */
  renew(): Promise<void> {
    if (this.stopped || this.state.access !== 'active') return Promise.resolve()
    this.pending ??= this.fetch().finally(() => (this.pending = null))
    return this.pending
  }

  /** A socket was refused its ticket (4001): it expired or the relay restarted. */
  ticketRefused(ticket: string): void {
    if (this.state.ticket?.value === ticket || this.state.ticket === null) void this.renew()
  }

  /** The relay closed a socket for good (44xx): ask the host why, to say it right. */
  refusedForGood(revoked: boolean): void {
    if (revoked) this.end('revoked', null)
    void this.renew()
  }

  /** The relay says the member changed (message 101): their role applies at once. */
  memberChanged(member: MemberIdentity): void {
    if (this.stopped || (this.state.member !== null && this.state.member.id !== member.id)) return
    if (JSON.stringify(this.state.member) === JSON.stringify(member)) return
    this.set({ member })
    // The host keeps the member too, for the next start: the ticket call updates it.
    void this.renew()
  }

  private async fetch(): Promise<void> {
    if (this.timer !== null) this.clock.clearTimeout(this.timer)
    this.timer = null
    const result = await call(this.api, 'workspaces/connection', { workspace: this.workspace })
    if (this.stopped || this.state.access !== 'active') return
    if (result.ok && result.value !== null) return this.received(result.value)
    if (result.ok) return this.end('lost', null)
    const final = FINAL[result.error.code]
    if (final !== undefined) return this.end(final, result.error)
    this.failures++
    this.set({ unreachable: true })
    this.schedule(Math.min(MAX_RETRY_MS, 1000 * 2 ** this.failures))
  }

  private received(connection: WorkspaceConnection): void {
    this.failures = 0
    this.set({
      ticket: { value: connection.ticket, expiresAt: connection.expiresAt },
      member: connection.member,
      unreachable: false,
    })
    const lifetime = connection.expiresAt - this.clock.now()
    this.schedule(Math.max(MIN_RENEW_MS, Math.min(lifetime * 0.8, lifetime - RENEW_BEFORE_MS)))
  }

  private schedule(ms: number): void {
    if (this.stopped) return
    this.timer = this.clock.setTimeout(() => {
      this.timer = null
      void this.renew()
    }, ms)
  }

  private end(access: Access, error: UiError | null): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer)
    this.timer = null
    this.set({ access, error: error ?? this.state.error, unreachable: false })
  }

  private set(patch: Partial<AccessState>): void {
    this.state = { ...this.state, ...patch }
    for (const listener of this.listeners) listener()
  }
}
