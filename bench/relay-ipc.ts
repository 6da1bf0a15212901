// The relay benchmark's processes and the messages between them (see bench/relay.ts).
import { fork, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'

/** The servers compared; each runs alone in its own process (bench/relay-server.ts). */
export const SERVER_KINDS = ['samstemt', 'yws', 'hocuspocus'] as const
export type ServerKind = (typeof SERVER_KINDS)[number]

export const SERVER_NAMES: Record<ServerKind, string> = {
  samstemt: 'samstemt relay (durable SQLite)',
  yws: '@y/websocket-server 0.1.1 (in-memory)',
  hocuspocus: 'Hocuspocus 4.7 + database ext. over better-sqlite3',
}

/** Every room lives in this workspace (the relay's rooms are `<workspace>/paper/<id>`). */
export const WORKSPACE = 'bench'
export const room = (paperId: string) => `${WORKSPACE}/paper/${paperId}`
/** Scenario 4's room, laid down by bench/relay-prep.ts, and a compacted copy for warming up. */
export const COLD_ROOM = room('automerge')
export const WARMUP_ROOM = room('warmup')

/** CPU and memory of a server process, as it reports them. */
export type ServerStats = {
  /** process.cpuUsage(): every thread of the process (the store's writer thread too), µs. */
  cpuMicros: number
  /** performance.timeOrigin + performance.now() when sampled, ms. */
  at: number
  rssBytes: number
  peakRssBytes: number
  /** Event-loop delay since the previous sample, ms. */
  loopP99Ms: number
  loopMaxMs: number
}

export type ServerRequest =
  | { type: 'tokens'; count: number }
  | { type: 'members'; roles: string[] }
  | { type: 'stats' }
  | { type: 'close' }

/** What one client needs to join one room: the stock provider of its server, plus a token. */
export type ClientSpec = { room: string; token: string | null }

/** One scenario of the client process (bench/relay-client.ts). */
export type ClientJob =
  | {
      scenario: 'trace'
      kind: ServerKind
      url: string
      clients: ClientSpec[]
      trace: string
      seconds: number
      speedup: number
    }
  | {
      scenario: 'typing'
      kind: ServerKind
      url: string
      /** Clients per room, in room order; the first `typists` of every room type. */
      rooms: ClientSpec[][]
      typists: number
      hz: number
      seconds: number
    }
  | {
      scenario: 'cold'
      kind: ServerKind
      url: string
      client: ClientSpec
      expectedLength: number
      /** Loaded first, when given: the same text in another room, to warm up both processes. */
      warmup: ClientSpec | null
    }

/** What the client process reports for a scenario. */
export type ClientResult = {
  /** Updates sent (local transactions). */
  sent: number
  /** (update, receiver) pairs observed; `expected` is what full delivery would give. */
  delivered: number
  expected: number
  /** Latency of each delivery, ms, sorted. */
  latencies: Float64Array
  /** The first send and the last delivery, epoch ms (performance.timeOrigin based). */
  firstSendAt: number
  lastDeliveryAt: number
  /** Sending time, ms (the trace window or the typing duration). */
  sendMs: number
  /** The client process's own CPU over the measured window, µs. */
  clientCpuMicros: number
  /** Every doc of every room ends with the same text. */
  converged: boolean
  /** Trace scenario: txns that waited for their parents to arrive first. */
  waited?: number
  /** Trace scenario: how much of the trace the window covered. */
  txnsTotal?: number
  traceSeconds?: number
  traceSecondsTotal?: number
  /** Cold scenario: from creating the provider to holding the whole text, ms. */
  loadMs?: number
}

export type ChildMessage =
  | { type: 'ready'; url?: string }
  | { type: 'reply'; id: number; value: unknown }
  | { type: 'result'; result: ClientResult }
  | { type: 'failed'; message: string }

/** A forked helper process, spoken to over IPC (structured clone, so typed arrays pass). */
export class Child {
  readonly process: ChildProcess
  readonly #waiting = new Map<number, (value: unknown) => void>()
  readonly #inbox: ChildMessage[] = []
  readonly #listeners: ((message: ChildMessage) => void)[] = []
  #nextId = 1
  #exit: Promise<number>

  constructor(script: string, args: string[], env: NodeJS.ProcessEnv = {}) {
    this.process = fork(join(import.meta.dirname, script), args, {
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, ...env },
    })
    this.#exit = new Promise((resolve) => this.process.once('exit', (code) => resolve(code ?? 1)))
    this.process.on('message', (message: ChildMessage) => {
      if (message.type === 'reply') {
        this.#waiting.get(message.id)?.(message.value)
        this.#waiting.delete(message.id)
      } else {
        const listener = this.#listeners.shift()
        if (listener) listener(message)
        else this.#inbox.push(message)
      }
    })
  }

  /** The next message that is not a reply; rejects if the process fails or exits first. */
  next(): Promise<ChildMessage> {
    const queued = this.#inbox.shift()
    if (queued) return checked(queued)
    return new Promise<ChildMessage>((resolve, reject) => {
      this.#listeners.push((message) => checked(message).then(resolve, reject))
      void this.#exit.then((code) => reject(new Error(`${this.#name()} exited with ${code}`)))
    })
  }

  request<T>(message: object): Promise<T> {
    const id = this.#nextId++
    return new Promise<T>((resolve, reject) => {
      this.#waiting.set(id, (value) => resolve(value as T))
      this.process.send({ ...message, id })
      void this.#exit.then((code) => reject(new Error(`${this.#name()} exited with ${code}`)))
    })
  }

  send(message: object): void {
    this.process.send(message)
  }

  /** Waits for the process to end; kills it (by its pid) if it takes longer than `ms`. */
  async exited(ms = 15_000): Promise<number> {
    const timer = setTimeout(() => this.process.kill('SIGKILL'), ms)
    const code = await this.#exit
    clearTimeout(timer)
    return code
  }

  #name(): string {
    return `${this.process.spawnargs.slice(1, 3).join(' ')} (pid ${this.process.pid})`
  }
}

function checked(message: ChildMessage): Promise<ChildMessage> {
  return message.type === 'failed'
    ? Promise.reject(new Error(message.message))
    : Promise.resolve(message)
}

/** The side of a child: answers requests with `handler`; exits once `close` is answered. */
export function serve(handler: (message: { id: number; type: string }) => Promise<unknown>): void {
  process.on('message', (message: { id: number; type: string }) => {
    handler(message).then(
      (value) =>
        process.send?.({ type: 'reply', id: message.id, value }, () => {
          if (message.type === 'close') process.exit(0)
        }),
      (error: unknown) => fail(error),
    )
  })
}

/** Tells the parent what went wrong, then exits. */
export function fail(error: unknown): void {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error)
  console.error(message)
  if (process.send) process.send({ type: 'failed', message }, () => process.exit(1))
  setTimeout(() => process.exit(1), 1000)
}

/** A small seeded generator (mulberry32), so every server sees the same keystrokes. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
