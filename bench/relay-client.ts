// The clients of the relay benchmark, in their own process (never the server's): the stock
// provider of each server (y-websocket's WebsocketProvider, or Hocuspocus's own provider,
// since Hocuspocus speaks its own protocol). Forked with IPC by bench/relay.ts; it receives
// one ClientJob, connects, says `ready`, waits for `go`, runs and reports a ClientResult.
//
// Latency: every client lives in this process, so send and receive times come from one clock.
// A sender records its clock (Yjs state) after each local transaction; a receiver has the
// update once its state vector reaches that clock. Every update advances its sender's clock.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import { WebsocketProvider } from 'y-websocket'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import { prepareConcurrent, type ScheduledTxn } from './relay-trace.ts'
import { fail, seeded, type ClientJob, type ClientResult, type ClientSpec } from './relay-ipc.ts'

/** The origin of our own changes; anything else arrived from the server. */
const LOCAL = Symbol('local')
const SYNC_TIMEOUT_MS = 120_000
const DRAIN_TIMEOUT_MS = 20_000

type Connection = { synced(): boolean; onSynced(f: () => void): void; destroy(): void }

function connect(job: ClientJob, spec: ClientSpec, doc: Y.Doc): Connection {
  if (job.kind === 'hocuspocus') {
    const socket = new HocuspocusProviderWebsocket({ url: job.url, WebSocketPolyfill: WebSocket })
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: spec.room,
      document: doc,
    })
    provider.attach()
    return {
      synced: () => provider.isSynced,
      onSynced: (f) => provider.on('synced', f),
      destroy: () => {
        provider.destroy()
        socket.destroy()
      },
    }
  }
  const provider = new WebsocketProvider(job.url, spec.room, doc, {
    params: spec.token === null ? {} : { token: spec.token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
  return {
    synced: () => provider.synced,
    onSynced: (f) => provider.on('sync', (synced: boolean) => synced && f()),
    destroy: () => provider.destroy(),
  }
}

function whenSynced(connections: Connection[]): Promise<void> {
  return new Promise((resolve, reject) => {
    let left = connections.length
    const timer = setTimeout(
      () => reject(new Error(`${left} of ${connections.length} clients never synced`)),
      SYNC_TIMEOUT_MS,
    )
    const done = () => {
      if (--left === 0) {
        clearTimeout(timer)
        resolve()
      }
    }
    if (left === 0) done()
    for (const c of connections) {
      if (c.synced()) done()
      else {
        let once = false
        c.onSynced(() => {
          if (!once && (once = true)) done()
        })
      }
    }
  })
}

/** The sends of one client: its Yjs client id, and the clock and time of each update. */
type Sender = { client: number; clocks: number[]; times: number[]; receivers: number }

/** Everything observed: one latency per (update, receiver). */
class Tracker {
  readonly latencies: number[] = []
  expected = 0
  sent = 0
  firstSend = Number.POSITIVE_INFINITY
  lastDelivery = 0

  send(sender: Sender, clock: number, at: number): void {
    sender.clocks.push(clock)
    sender.times.push(at)
    this.expected += sender.receivers
    this.sent++
    if (at < this.firstSend) this.firstSend = at
  }

  /** Watches `doc` for the updates of `senders` (never including its own). */
  receive(doc: Y.Doc, senders: Sender[], onRemote?: () => void): void {
    const next = senders.map(() => 0)
    doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin === LOCAL) return
      const now = performance.now()
      for (let j = 0; j < senders.length; j++) {
        const sender = senders[j]!
        let k = next[j]!
        if (k >= sender.clocks.length) continue
        const state = Y.getState(doc.store, sender.client)
        while (k < sender.clocks.length && sender.clocks[k]! <= state) {
          this.latencies.push(now - sender.times[k]!)
          k++
          this.lastDelivery = now
        }
        next[j] = k
      }
      onRemote?.()
    })
  }

  /** Resolves once every update reached every receiver, or after the drain timeout. */
  drained(): Promise<void> {
    const started = performance.now()
    return new Promise((resolve) => {
      const check = () => {
        if (this.latencies.length >= this.expected) resolve()
        else if (performance.now() - started > DRAIN_TIMEOUT_MS) resolve()
        else setTimeout(check, 20)
      }
      check()
    })
  }
}

type Prepared = {
  connections: Connection[]
  docs: Y.Doc[][]
  tracker: Tracker
  run(): Promise<Partial<ClientResult> & { sendMs: number }>
}

/** Scenario 1: each agent of the concurrent trace sends its own txns, on the trace's schedule. */
async function prepareTrace(job: Extract<ClientJob, { scenario: 'trace' }>): Promise<Prepared> {
  const trace = prepareConcurrent(job.trace, job.speedup)
  const window = trace.txns.filter((t) => t.at < job.seconds * 1000)
  const tracker = new Tracker()
  const docs = trace.clients.map(() => new Y.Doc())
  const senders: Sender[] = trace.clients.map((client) => ({
    client,
    clocks: [],
    times: [],
    receivers: trace.agents - 1,
  }))
  const queues: ScheduledTxn[][] = trace.clients.map(() => [])
  let waited = 0
  const ready = (doc: Y.Doc, txn: ScheduledTxn) =>
    txn.needs.every(([b, clock]) => Y.getState(doc.store, trace.clients[b]!) >= clock)
  // A txn is typed on top of its parents: if one has not arrived yet, its agent waits for it.
  const drain = (a: number) => {
    const queue = queues[a]!
    const doc = docs[a]!
    while (queue.length > 0 && ready(doc, queue[0]!)) {
      const txn = queue.shift()!
      const at = performance.now()
      Y.applyUpdate(doc, txn.update, LOCAL)
      tracker.send(senders[a]!, txn.clock, at)
    }
  }
  docs.forEach((doc, a) => {
    tracker.receive(
      doc,
      senders.filter((_, b) => b !== a),
      () => queueMicrotask(() => drain(a)),
    )
  })
  const connections = docs.map((doc, a) => connect(job, job.clients[a]!, doc))
  await whenSynced(connections)
  return {
    connections,
    docs: [docs],
    tracker,
    run: () =>
      new Promise((resolve) => {
        const start = performance.now()
        let i = 0
        const tick = () => {
          const now = performance.now() - start
          while (i < window.length && window[i]!.at <= now) {
            const txn = window[i++]!
            const queue = queues[txn.agent]!
            queue.push(txn)
            if (queue.length > 1 || !ready(docs[txn.agent]!, txn)) waited++
            drain(txn.agent)
          }
          if (i < window.length) setTimeout(tick, Math.max(0, window[i]!.at - now))
          else
            resolve({
              sendMs: performance.now() - start,
              waited,
              txnsTotal: trace.txns.length,
              traceSeconds: Math.min(trace.traceSeconds, (job.seconds * job.speedup) | 0),
              traceSecondsTotal: trace.traceSeconds,
            })
        }
        tick()
      }),
  }
}

/** Scenarios 2 and 3: rooms of clients, the first `typists` of each typing at `hz`. */
async function prepareTyping(job: Extract<ClientJob, { scenario: 'typing' }>): Promise<Prepared> {
  const tracker = new Tracker()
  const rng = seeded(42)
  const rooms = job.rooms.map((specs) => {
    const docs = specs.map(() => new Y.Doc())
    const senders: Sender[] = docs.slice(0, job.typists).map((doc) => ({
      client: doc.clientID,
      clocks: [],
      times: [],
      receivers: specs.length - 1,
    }))
    docs.forEach((doc, i) => {
      tracker.receive(
        doc,
        senders.filter((_, j) => j !== i),
      )
    })
    return { specs, docs, senders }
  })
  const connections = rooms.flatMap((r) => r.docs.map((doc, i) => connect(job, r.specs[i]!, doc)))
  await whenSynced(connections)
  return {
    connections,
    docs: rooms.map((r) => r.docs),
    tracker,
    run: () =>
      new Promise((resolve) => {
        const start = performance.now()
        const period = 1000 / job.hz
        const timers: ReturnType<typeof setInterval>[] = []
        const phases: ReturnType<typeof setTimeout>[] = []
        for (const room of rooms) {
          room.senders.forEach((sender, i) => {
            const doc = room.docs[i]!
            const text = doc.getText('body')
            const type = () => {
              const at = performance.now()
              const pos = Math.floor(rng() * (text.length + 1))
              doc.transact(
                () => text.insert(pos, String.fromCharCode(97 + ((rng() * 26) | 0))),
                LOCAL,
              )
              tracker.send(sender, Y.getState(doc.store, sender.client), at)
            }
            phases.push(setTimeout(() => timers.push(setInterval(type, period)), rng() * period))
          })
        }
        setTimeout(() => {
          phases.forEach(clearTimeout)
          timers.forEach(clearInterval)
          resolve({ sendMs: performance.now() - start })
        }, job.seconds * 1000)
      }),
  }
}

/** Connects a fresh doc to `spec`; resolves with the connection once it holds the whole text. */
function load(
  job: Extract<ClientJob, { scenario: 'cold' }>,
  spec: ClientSpec,
  doc: Y.Doc,
): Promise<Connection> {
  return new Promise((resolve, reject) => {
    const text = doc.getText('body')
    const connection = connect(job, spec, doc)
    const timer = setTimeout(() => {
      connection.destroy()
      reject(new Error(`cold load: ${text.length} of ${job.expectedLength} characters`))
    }, SYNC_TIMEOUT_MS)
    // The reference server answers sync before its persistence (if any) loads: wait for the text.
    const check = () => {
      if (!connection.synced() || text.length < job.expectedLength) return
      clearTimeout(timer)
      resolve(connection)
    }
    doc.on('update', check)
    connection.onSynced(check)
  })
}

/** Scenario 4: a fresh client joins a room with a long history; how long until it has it all. */
async function prepareCold(job: Extract<ClientJob, { scenario: 'cold' }>): Promise<Prepared> {
  if (job.warmup !== null) (await load(job, job.warmup, new Y.Doc())).destroy()
  const doc = new Y.Doc()
  const connections: Connection[] = []
  return {
    connections,
    docs: [[doc]],
    tracker: new Tracker(),
    run: async () => {
      const start = performance.now()
      connections.push(await load(job, job.client, doc))
      const loadMs = performance.now() - start
      return { sendMs: loadMs, loadMs }
    },
  }
}

function converged(docs: Y.Doc[][]): boolean {
  return docs.every((room) => {
    const texts = room.map((doc) => doc.getText('body').toString())
    return texts.every((t) => t === texts[0])
  })
}

async function run(job: ClientJob): Promise<void> {
  const prepared =
    job.scenario === 'trace'
      ? await prepareTrace(job)
      : job.scenario === 'typing'
        ? await prepareTyping(job)
        : await prepareCold(job)
  process.send?.({ type: 'ready' })
  await new Promise<void>((resolve) => process.once('message', () => resolve()))
  const cpu0 = process.cpuUsage()
  const outcome = await prepared.run()
  const tracker = prepared.tracker
  await tracker.drained()
  const cpu = process.cpuUsage(cpu0)
  const result: ClientResult = {
    ...outcome,
    sent: tracker.sent,
    delivered: tracker.latencies.length,
    expected: tracker.expected,
    latencies: Float64Array.from(tracker.latencies).sort(),
    firstSendAt: performance.timeOrigin + tracker.firstSend,
    lastDeliveryAt: performance.timeOrigin + tracker.lastDelivery,
    clientCpuMicros: cpu.user + cpu.system,
    converged: converged(prepared.docs),
  }
  // Still connected, so that the server's memory is measured with its clients in.
  process.send?.({ type: 'result', result })
  await new Promise<void>((resolve) => process.once('message', () => resolve()))
  for (const c of prepared.connections) c.destroy()
  process.exit(0)
}

// y-websocket's provider adds a process 'exit' listener per instance; 500 are expected here.
process.setMaxListeners(0)
process.once('message', (job: ClientJob) => {
  run(job).catch(fail)
})
