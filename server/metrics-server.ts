import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Relay } from './relay.ts'

/** Where `serve --metrics-port` answers GET /metrics: its own bind, never the public port. */
export type MetricsServerOptions = { host: string; port: number; startedAt: number }

export type MetricsServer = { port: number; close(): Promise<void> }

/** The relay's counters in Prometheus text, as of now. */
export function renderMetrics(relay: Relay, startedAt: number): string {
  return relay.metrics.render({
    connections: relay.connectionCount,
    rooms: relay.roomCount,
    uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    damagedRows: relay.damagedRows,
  })
}

/**
 * Serves GET /metrics on an address of its own (loopback by default), so that what the relay
 * counts (who is connected, how much they write) is not answered to anyone who reaches its port.
 */
export async function startMetricsServer(
  relay: Relay,
  options: MetricsServerOptions,
): Promise<MetricsServer> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Only GET /metrics here.\n')
      return
    }
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4', 'cache-control': 'no-store' })
    res.end(renderMetrics(relay, options.startedAt))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => resolve())
  })
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
