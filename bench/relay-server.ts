// One server of the relay benchmark, in its own process so that its CPU and RSS are its own.
// Forked with IPC by bench/relay.ts: node bench/relay-server.ts <kind> <data file> [limits JSON]
//   samstemt:   our relay (server/start-relay.ts), durable: every update committed to SQLite
//   yws:        @y/websocket-server 0.1.1, the reference y-websocket server, in memory
//   hocuspocus: @hocuspocus/server 4.7 with @hocuspocus/extension-database over better-sqlite3
// Each server's modules are imported only in its own process, so they add to no other's RSS.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { WORKSPACE, fail, serve, type ServerKind, type ServerStats } from './relay-ipc.ts'

/** A client's way in: its token (null for servers without auth) and who it is. */
export type Grant = { token: string | null; memberId: string; name: string; organisation: string }

type Running = {
  url: string
  tokens(count: number): (string | null)[]
  /** Members of a given role, for scenarios that write as someone (comments). */
  members(roles: string[]): Grant[]
  close(): Promise<void>
}

/** Servers without members: anyone may write anything, under any name. */
const anonymous = (roles: string[]): Grant[] =>
  roles.map((_, i) => ({
    token: null,
    memberId: `m${i}`,
    name: `Client ${i}`,
    organisation: 'Bench',
  }))

async function samstemt(file: string, limits: string): Promise<Running> {
  const { startRelay } = await import('../server/start-relay.ts')
  // 500 sockets come from 127.0.0.1 in scenario 3: the per-address default (256) would refuse them.
  const relay = await startRelay({
    data: file,
    port: 0,
    log: false,
    limits: { maxConnectionsPerIp: 100_000, ...(JSON.parse(limits || '{}') as object) },
  })
  if (relay.members.workspace(WORKSPACE) === null) {
    relay.members.createWorkspace('Benchmark', WORKSPACE)
  }
  let invited = 0
  return {
    url: relay.url,
    // One member per client, as people would be: the per-member socket limit stays as shipped.
    tokens: (count) =>
      Array.from(
        { length: count },
        () =>
          relay.members.add({
            workspace: WORKSPACE,
            name: `Client ${++invited}`,
            organisation: 'Bench',
            role: 'editor',
          }).token,
      ),
    members: (roles) =>
      roles.map((role) => {
        const name = `Client ${++invited}`
        const { member, token } = relay.members.add({
          workspace: WORKSPACE,
          name,
          organisation: 'Bench',
          role: role as 'coordinator' | 'editor' | 'reviewer',
        })
        return { token, memberId: member.id, name, organisation: 'Bench' }
      }),
    close: () => relay.close(),
  }
}

async function yws(): Promise<Running> {
  const { setupWSConnection } = await import('@y/websocket-server/utils')
  const { WebSocketServer } = await import('ws')
  const wss = new WebSocketServer({ noServer: true })
  const server = createServer((_req, res) => res.end('okay'))
  wss.on('connection', setupWSConnection)
  server.on('upgrade', (req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `ws://127.0.0.1:${port}`,
    tokens: (count) => new Array<null>(count).fill(null),
    members: anonymous,
    close: async () => {
      for (const ws of wss.clients) ws.terminate()
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

async function hocuspocus(file: string): Promise<Running> {
  const { Server: HocuspocusServer } = await import('@hocuspocus/server')
  const { Database: HocuspocusDatabase } = await import('@hocuspocus/extension-database')
  const { openHocuspocusDb } = await import('./relay-sqlite.ts')
  const db = openHocuspocusDb(file)
  const select = db.prepare('SELECT data FROM documents WHERE name = ?')
  const upsert = db.prepare(
    'INSERT INTO documents (name, data) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET data = excluded.data',
  )
  const server = new HocuspocusServer({
    port: 0,
    address: '127.0.0.1',
    quiet: true,
    stopOnSignals: false,
    // debounce (2 s), maxDebounce (10 s) and flushDelay (0) stay at their defaults.
    extensions: [
      new HocuspocusDatabase({
        fetch: async ({ documentName }) => {
          const row = select.get(documentName) as { data: Uint8Array } | undefined
          return row?.data ?? null
        },
        store: async ({ documentName, state }) => {
          upsert.run(documentName, state)
        },
      }),
    ],
  })
  await server.listen()
  return {
    url: `ws://127.0.0.1:${server.address.port}`,
    tokens: (count) => new Array<null>(count).fill(null),
    members: anonymous,
    close: async () => {
      await server.destroy()
      db.close()
    },
  }
}

/** How late the event loop ran timers: a stall here delays every client of the process. */
const loop = monitorEventLoopDelay({ resolution: 1 })
loop.enable()

/** Where the process stands; the event-loop figures cover the time since the last call. */
function stats(): ServerStats {
  const cpu = process.cpuUsage()
  const result = {
    cpuMicros: cpu.user + cpu.system,
    at: performance.timeOrigin + performance.now(),
    rssBytes: process.memoryUsage().rss,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    loopP99Ms: loop.percentile(99) / 1e6,
    loopMaxMs: loop.max / 1e6,
  }
  loop.reset()
  return result
}

const [kind = 'samstemt', file = '', limits = ''] = process.argv.slice(2) as [ServerKind, string]
try {
  const start = { samstemt, yws, hocuspocus }[kind]
  if (start === undefined) throw new Error(`unknown server kind ${kind}`)
  const running = await start(file, limits)
  serve(async (message) => {
    switch (message.type) {
      case 'tokens':
        return running.tokens((message as unknown as { count: number }).count)
      case 'members':
        return running.members((message as unknown as { roles: string[] }).roles)
      case 'stats':
        return stats()
      case 'close': {
        const last = stats()
        await running.close()
        return last
      }
      default:
        throw new Error(`unknown request ${message.type}`)
    }
  })
  process.send?.({ type: 'ready', url: running.url })
} catch (error) {
  fail(error)
}
