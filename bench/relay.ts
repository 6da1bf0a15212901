// npm run bench -- relay [--seconds 60] [--duration 30] [--rooms-duration 15] [--hz 10]
//   [--only 1,2,3,4] [--servers samstemt,yws,hocuspocus] [--concurrent trace] [--sequential trace]
//   [--relay-limits JSON]
// The relay (issue 3) against @y/websocket-server and Hocuspocus: every server alone in its own
// process, the clients (stock providers) in others. Prints Markdown for docs/benchmarks.md.
import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import {
  COLD_ROOM,
  Child,
  WARMUP_ROOM,
  SERVER_KINDS,
  SERVER_NAMES,
  room,
  type ClientJob,
  type ClientResult,
  type ClientSpec,
  type ServerKind,
  type ServerStats,
} from './relay-ipc.ts'
import { mib, ms, printTable, quantile, ratio } from './table.ts'
import { DEFAULT_CONCURRENT, DEFAULT_SEQUENTIAL } from './trace.ts'

const SPEEDUP = 10
const FANOUT_CLIENTS = 50
const FANOUT_TYPISTS = 10
const ROOMS = 100
const CLIENTS_PER_ROOM = 5
const ROOM_CLIENT_PROCESSES = 2

type Measured = {
  result: ClientResult
  /** Server CPU over the measured window, in cores (1 = one core busy). */
  cpu: number
  clientCpu: number
  rss: number
  peakRss: number
  /** The server's longest event-loop delay over the window, ms. */
  loopMax: number
}

type Options = {
  seconds: number
  duration: number
  roomsDuration: number
  hz: number
  only: Set<number>
  servers: ServerKind[]
  concurrent: string
  sequential: string
  /** Extra limits for our relay (JSON), to try its knobs: e.g. {"compactAfter":1e9}. */
  relayLimits: string
}

function usage(message: string): never {
  console.error(
    `${message}\n` +
      'Usage: npm run bench -- relay [--seconds N] [--duration N] [--rooms-duration N] [--hz N]\n' +
      '         [--only 1,2,3,4] [--servers samstemt,yws,hocuspocus]\n' +
      '         [--concurrent clownschool.json.gz] [--sequential automerge-paper.json.gz]\n' +
      '         [--relay-limits \'{"compactAfter":500}\']',
  )
  process.exit(2)
}

function options(argv: string[]): Options {
  let values
  try {
    values = parseArgs({
      args: argv,
      options: {
        seconds: { type: 'string', default: '60' },
        duration: { type: 'string', default: '30' },
        'rooms-duration': { type: 'string', default: '15' },
        hz: { type: 'string', default: '10' },
        only: { type: 'string', default: '1,2,3,4' },
        servers: { type: 'string', default: SERVER_KINDS.join(',') },
        concurrent: { type: 'string', default: DEFAULT_CONCURRENT },
        sequential: { type: 'string', default: DEFAULT_SEQUENTIAL },
        'relay-limits': { type: 'string', default: '' },
      },
    }).values
  } catch (error) {
    usage(error instanceof Error ? error.message : String(error))
  }
  const positive = (name: keyof typeof values) => {
    const n = Number(values[name])
    if (!Number.isFinite(n) || n <= 0) usage(`--${name} must be a positive number`)
    return n
  }
  const only = new Set(values.only.split(',').map(Number))
  if ([...only].some((n) => ![1, 2, 3, 4].includes(n))) usage('--only takes scenario numbers 1-4')
  const servers = values.servers.split(',') as ServerKind[]
  if (servers.some((s) => !SERVER_KINDS.includes(s))) {
    usage(`--servers takes ${SERVER_KINDS.join(', ')}`)
  }
  const trace = (flag: string, path: string, needed: boolean) => {
    if (needed && !existsSync(path)) {
      usage(
        `Trace not found: ${path}\n` +
          'The relay benchmark replays the editing traces of ../shared/data/editing-traces ' +
          '(CC BY 4.0, see its SOURCE.md).\n' +
          `Pass its path: npm run bench -- relay --${flag} path/to/${flag === 'concurrent' ? 'clownschool' : 'automerge-paper'}.json.gz`,
      )
    }
    return path
  }
  return {
    seconds: positive('seconds'),
    duration: positive('duration'),
    roomsDuration: positive('rooms-duration'),
    hz: positive('hz'),
    only,
    servers,
    concurrent: trace('concurrent', values.concurrent, only.has(1)),
    sequential: trace('sequential', values.sequential, only.has(4)),
    relayLimits: limits(values['relay-limits']),
  }
}

function limits(json: string): string {
  if (json === '') return ''
  try {
    const parsed: unknown = JSON.parse(json)
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return json
  } catch {
    // reported below
  }
  usage(`--relay-limits takes a JSON object of the relay's limits, got: ${json}`)
}

/** Set by main(): the limits our relay runs with (its defaults unless --relay-limits). */
let relayLimits = ''

/**
 * One server process and one or more client processes (one per job); server CPU is sampled
 * once every client is connected and again once every update was delivered.
 */
async function measure(
  kind: ServerKind,
  file: string,
  count: number,
  jobs: (url: string, tokens: (string | null)[]) => ClientJob[],
): Promise<Measured> {
  const server = new Child('relay-server.ts', [kind, file, relayLimits])
  const clients: Child[] = []
  try {
    const ready = await server.next()
    const url = ready.type === 'ready' ? (ready.url ?? '') : ''
    const tokens = await server.request<(string | null)[]>({ type: 'tokens', count })
    for (const job of jobs(url, tokens)) {
      const client = new Child('relay-client.ts', [])
      client.send(job)
      clients.push(client)
    }
    await Promise.all(clients.map((c) => c.next()))
    const before = await server.request<ServerStats>({ type: 'stats' })
    for (const c of clients) c.send({ type: 'go' })
    const results = await Promise.all(
      clients.map(async (c) => {
        const done = await c.next()
        if (done.type !== 'result') throw new Error(`unexpected ${done.type} from a client`)
        return done.result
      }),
    )
    const after = await server.request<ServerStats>({ type: 'stats' })
    for (const c of clients) c.send({ type: 'exit' })
    await Promise.all(clients.map((c) => c.exited()))
    await server.request({ type: 'close' })
    await server.exited()
    const wallMs = after.at - before.at
    const result = merge(results)
    return {
      result,
      cpu: (after.cpuMicros - before.cpuMicros) / 1000 / wallMs,
      clientCpu: result.clientCpuMicros / 1000 / wallMs,
      rss: after.rssBytes,
      peakRss: after.peakRssBytes,
      loopMax: after.loopMaxMs,
    }
  } finally {
    for (const child of [server, ...clients]) {
      if (child.process.exitCode === null) child.process.kill('SIGKILL')
    }
  }
}

/** The results of several client processes as one (their clocks meet in epoch time). */
function merge(results: ClientResult[]): ClientResult {
  if (results.length === 1) return results[0]!
  const sum = (f: (r: ClientResult) => number) => results.reduce((a, r) => a + f(r), 0)
  const latencies = new Float64Array(sum((r) => r.latencies.length))
  let offset = 0
  for (const r of results) {
    latencies.set(r.latencies, offset)
    offset += r.latencies.length
  }
  return {
    ...results[0]!,
    sent: sum((r) => r.sent),
    delivered: sum((r) => r.delivered),
    expected: sum((r) => r.expected),
    latencies: latencies.sort(),
    firstSendAt: Math.min(...results.map((r) => r.firstSendAt)),
    lastDeliveryAt: Math.max(...results.map((r) => r.lastDeliveryAt)),
    sendMs: Math.max(...results.map((r) => r.sendMs)),
    clientCpuMicros: sum((r) => r.clientCpuMicros),
    converged: results.every((r) => r.converged),
  }
}

function specs(rooms: string[], perRoom: number, tokens: (string | null)[]): ClientSpec[][] {
  return rooms.map((name, r) =>
    Array.from({ length: perRoom }, (_, i) => ({
      room: name,
      token: tokens[r * perRoom + i] ?? null,
    })),
  )
}

const pct = (cores: number) => `${Math.round(cores * 100)} %`
const count = (n: number) => Math.round(n).toLocaleString('en')
const p = (m: Measured, q: number) => quantile(m.result.latencies, q)
const deliveries = (r: ClientResult) =>
  r.delivered >= r.expected ? count(r.delivered) : `${count(r.delivered)} of ${count(r.expected)}`

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

function prep(args: string[]): Record<string, number> {
  const out = execFileSync(
    process.execPath,
    [join(import.meta.dirname, 'relay-prep.ts'), ...args],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Record<string, number>
}

export async function main(argv: string[]): Promise<void> {
  const o = options(argv)
  relayLimits = o.relayLimits
  const started = performance.now()
  const dir = mkdtempSync(join(tmpdir(), 'samstemt-bench-relay-'))
  let files = 0
  const fresh = (kind: ServerKind) => join(dir, `${kind}-${++files}.sqlite`)
  const name = (kind: ServerKind) => SERVER_NAMES[kind]
  const p99: Record<number, Partial<Record<ServerKind, number>>> = { 1: {}, 2: {} }
  let coldCompacted = Number.NaN
  let coldCompactedNew = Number.NaN
  console.log(
    `Relay benchmark: ${o.servers.map(name).join(' vs ')}.\n` +
      'Each server runs alone in its own process; the clients (stock providers) run in others.\n' +
      `Machine: ${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(2)} at the start.`,
  )
  try {
    if (o.only.has(1)) {
      const rows = []
      let covered = ''
      for (const kind of o.servers) {
        const m = await measure(kind, fresh(kind), 3, (url, tokens) => [
          {
            scenario: 'trace',
            kind,
            url,
            clients: tokens.map((token) => ({ room: room('clownschool'), token })),
            trace: o.concurrent,
            seconds: o.seconds,
            speedup: SPEEDUP,
          },
        ])
        const r = m.result
        p99[1]![kind] = p(m, 0.99)
        covered =
          `${count(r.sent)} of ${count(r.txnsTotal ?? 0)} txns, the first ` +
          `${count(r.traceSeconds ?? 0)} of ${count(r.traceSecondsTotal ?? 0)} recorded seconds ` +
          `(${(((r.traceSeconds ?? 0) / (r.traceSecondsTotal ?? 1)) * 100).toFixed(0)} %)`
        rows.push({
          server: name(kind),
          txns: count(r.sent),
          deliveries: deliveries(r),
          'waited for parents': count(r.waited ?? 0),
          p50: ms(p(m, 0.5)),
          p99: ms(p(m, 0.99)),
          max: ms(p(m, 1)),
          'server CPU': pct(m.cpu),
          'server loop max': ms(m.loopMax),
          'peak RSS': mib(m.peakRss),
          converged: r.converged ? 'yes' : 'NO',
        })
      }
      printTable(
        `Relay 1: keystroke latency A -> server -> B, clownschool (3 agents) at ${SPEEDUP}x, ` +
          `${o.seconds} s of wall time`,
        rows,
      )
      console.log(`\nReplayed ${covered}.`)
    }

    if (o.only.has(2)) {
      const rows = []
      for (const kind of o.servers) {
        const m = await measure(kind, fresh(kind), FANOUT_CLIENTS, (url, tokens) => [
          {
            scenario: 'typing',
            kind,
            url,
            rooms: specs([room('fanout')], FANOUT_CLIENTS, tokens),
            typists: FANOUT_TYPISTS,
            hz: o.hz,
            seconds: o.duration,
          },
        ])
        p99[2]![kind] = p(m, 0.99)
        rows.push({
          server: name(kind),
          'updates sent': count(m.result.sent),
          deliveries: deliveries(m.result),
          p50: ms(p(m, 0.5)),
          p99: ms(p(m, 0.99)),
          'server CPU': pct(m.cpu),
          'server loop max': ms(m.loopMax),
          RSS: mib(m.rss),
          'peak RSS': mib(m.peakRss),
          'client CPU': pct(m.clientCpu),
          converged: m.result.converged ? 'yes' : 'NO',
        })
      }
      printTable(
        `Relay 2: one room, ${FANOUT_CLIENTS} clients, ${FANOUT_TYPISTS} typing at ${o.hz} Hz ` +
          `for ${o.duration} s (fan-out: send -> each receiver)`,
        rows,
      )
    }

    if (o.only.has(3)) {
      const rows = []
      const names = Array.from({ length: ROOMS }, (_, i) => room(`r${i}`))
      for (const kind of o.servers) {
        // Two client processes, half of the rooms each: one alone cannot type 5,000 updates/s
        // and take in 20,000. A room's clients share a process, so latency keeps one clock.
        const m = await measure(kind, fresh(kind), ROOMS * CLIENTS_PER_ROOM, (url, tokens) => {
          const all = specs(names, CLIENTS_PER_ROOM, tokens)
          return Array.from({ length: ROOM_CLIENT_PROCESSES }, (_, i) => ({
            scenario: 'typing',
            kind,
            url,
            rooms: all.filter((_, r) => r % ROOM_CLIENT_PROCESSES === i),
            typists: CLIENTS_PER_ROOM,
            hz: o.hz,
            seconds: o.roomsDuration,
          }))
        })
        const r = m.result
        const delivered = r.delivered / ((r.lastDeliveryAt - r.firstSendAt) / 1000)
        rows.push({
          server: name(kind),
          'offered updates/s': count(r.sent / (r.sendMs / 1000)),
          'delivered/s': count(delivered),
          deliveries: deliveries(r),
          p50: ms(p(m, 0.5)),
          p99: ms(p(m, 0.99)),
          'server CPU': pct(m.cpu),
          'server loop max': ms(m.loopMax),
          'delivered/s per server core': count(delivered / m.cpu),
          RSS: mib(m.rss),
          'peak RSS': mib(m.peakRss),
          'client CPU': pct(m.clientCpu),
          converged: r.converged ? 'yes' : 'NO',
        })
      }
      printTable(
        `Relay 3: ${ROOMS} rooms x ${CLIENTS_PER_ROOM} clients, all typing at ${o.hz} Hz ` +
          `for ${o.roomsDuration} s (each update delivered to ${CLIENTS_PER_ROOM - 1} peers)`,
        rows,
      )
    }

    if (o.only.has(4)) {
      const ours = join(dir, 'cold-samstemt.sqlite')
      const theirs = join(dir, 'cold-hocuspocus.sqlite')
      const written = prep(['write', ours, theirs, o.sequential])
      const raw = join(dir, 'cold-samstemt-raw.sqlite')
      copyFileSync(ours, raw)
      /** Median of `times` runs, each with a new server process and a new client process. */
      const load = async (kind: ServerKind, file: string, times: number, warm: boolean) => {
        const runs: number[] = []
        for (let i = 0; i < times; i++) {
          const m = await measure(kind, file, 2, (url, [token = null, other = null]) => [
            {
              scenario: 'cold',
              kind,
              url,
              client: { room: COLD_ROOM, token },
              expectedLength: written.length!,
              warmup: warm ? { room: WARMUP_ROOM, token: other } : null,
            },
          ])
          runs.push(m.result.loadMs ?? Number.NaN)
        }
        return median(runs)
      }
      const rows = []
      const updates = count(written.updates!)
      for (const kind of o.servers) {
        if (kind === 'samstemt') {
          const before = await load(kind, raw, 3, false)
          const compaction = prep(['compact', ours])
          coldCompactedNew = await load(kind, ours, 5, false)
          coldCompacted = await load(kind, ours, 5, true)
          rows.push({
            server: name(kind),
            'stored as': `log of ${updates} updates, then snapshot`,
            'log, new processes': ms(before),
            compaction: ms(compaction.ms!),
            'compacted, new processes': ms(coldCompactedNew),
            'compacted, warm processes': ms(coldCompacted),
            'stored bytes': `${mib(written.logBytes!)} -> ${mib(compaction.snapshotBytes!)}`,
          })
        } else if (kind === 'yws') {
          rows.push({
            server: name(kind),
            'stored as': 'nothing (in memory: a restart loses the room)',
            'log, new processes': 'n/a',
            compaction: 'n/a',
            'compacted, new processes': 'n/a',
            'compacted, warm processes': 'n/a',
            'stored bytes': 'n/a',
          })
        } else {
          rows.push({
            server: name(kind),
            'stored as': 'whole-state snapshot only (no update log)',
            'log, new processes': 'n/a',
            compaction: 'n/a',
            'compacted, new processes': ms(await load(kind, theirs, 5, false)),
            'compacted, warm processes': ms(await load(kind, theirs, 5, true)),
            'stored bytes': mib(written.snapshotBytes!),
          })
        }
      }
      printTable(
        `Relay 4: cold load, a fresh server and a fresh client, automerge-paper ` +
          `(${updates} updates, ${count(written.length!)} characters): time until the client holds the whole text`,
        rows,
      )
      console.log(
        '\nTime from creating the client provider until its doc holds the whole text. Every run\n' +
          'starts a new server process and a new client process (log: median of 3, compacted:\n' +
          'median of 5). "Warm processes": both first load the same text from another room, so the\n' +
          'room is still cold (not in memory) but the code is warm, as in a relay that has been up.',
      )
    }

    const targets: string[] = []
    for (const s of [1, 2]) {
      const ourP99 = p99[s]!.samstemt
      if (ourP99 === undefined) continue
      const vs = (kind: ServerKind, limit: number) => {
        const theirs = p99[s]![kind]
        return theirs === undefined
          ? ''
          : `, ${ratio(ourP99 / theirs)} of ${kind === 'yws' ? '@y/websocket-server' : 'Hocuspocus'} (<= ${limit.toFixed(2)}x)`
      }
      targets.push(`(${s}) p99 ${ms(ourP99)}${vs('yws', 1)}${vs('hocuspocus', 0.5)}`)
    }
    if (Number.isFinite(coldCompacted)) {
      targets.push(
        `(4) cold load after compaction ${ms(coldCompacted)} with warm processes (< 100 ms), ` +
          `${ms(coldCompactedNew)} from new processes`,
      )
    }
    if (targets.length > 0) console.log(`\nTargets: ${targets.join('; ')}.`)
    console.log(
      '\nNotes: samstemt relay with every update committed to SQLite (group commit, synchronous=FULL)\n' +
        'before it is acknowledged, default limits except connections per address (raised for the\n' +
        '500 sockets of scenario 3 from 127.0.0.1). Hocuspocus persists through\n' +
        '@hocuspocus/extension-database over better-sqlite3 (WAL, synchronous=FULL), with its\n' +
        'default store debounce (2 s, at most 10 s): @hocuspocus/extension-sqlite needs the native\n' +
        'sqlite3 module, which cannot be built here. Latency is measured in one client process\n' +
        '(one clock) from the local transaction to the update reaching each remote doc; server CPU\n' +
        'is of one core, over the measured window, all threads of the server process.\n' +
        `Ran in ${((performance.now() - started) / 1000).toFixed(0)} s; ` +
        `load average ${loadavg()[0]!.toFixed(2)} at the end.`,
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
