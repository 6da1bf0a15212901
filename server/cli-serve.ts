import { readFileSync } from 'node:fs'
import { integer, optionalString, requireString, UsageError, type Values } from './cli-args.ts'
import { DEFAULT_LIMITS } from './limits.ts'
import { startMetricsServer } from './metrics-server.ts'
import { jsonLog, silentLog, type Log } from './peer.ts'
import { startRelay } from './start-relay.ts'
import { LOG_FORMATS, textLog, type LogFormat } from './text-log.ts'
import { startWatchdog } from './watchdog.ts'

/** Flags of `serve`, besides --data and --json. */
export const SERVE_FLAGS = {
  host: { type: 'string' },
  port: { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'trust-proxy': { type: 'boolean' },
  quiet: { type: 'boolean' },
  'max-message-bytes': { type: 'string' },
  'max-connections-per-ip': { type: 'string' },
  'max-connections-per-member': { type: 'string' },
  'max-buffered-bytes': { type: 'string' },
  'idle-unload-ms': { type: 'string' },
  'compact-after': { type: 'string' },
  'max-messages-per-second': { type: 'string' },
  'max-bytes-per-second': { type: 'string' },
  'max-burst-bytes': { type: 'string' },
  recover: { type: 'boolean' },
  'allow-workspace-creation': { type: 'boolean' },
  'watchdog-seconds': { type: 'string' },
  'health-port': { type: 'string' },
  'health-host': { type: 'string' },
  'metrics-port': { type: 'string' },
  'metrics-host': { type: 'string' },
  'log-format': { type: 'string' },
} as const

/** Runs the relay until SIGTERM or SIGINT, then shuts down cleanly and exits 0. */
export async function serve(values: Values): Promise<void> {
  const data = requireString(values, 'data', 'the relay database, or SAMSTEMT_RELAY_DATA')
  const cert = optionalString(values, 'tls-cert')
  const key = optionalString(values, 'tls-key')
  if ((cert === undefined) !== (key === undefined))
    throw new UsageError('--tls-cert and --tls-key go together.')
  const d = DEFAULT_LIMITS
  const options = {
    data,
    host: optionalString(values, 'host') ?? '127.0.0.1',
    port: integer(values, 'port', 4455, 0, 65535),
    tls: cert && key ? { cert: readFileSync(cert), key: readFileSync(key) } : null,
    trustProxy: values['trust-proxy'] === true,
    log: values.quiet === true ? silentLog : serviceLog(values),
    limits: {
      maxMessageBytes: integer(values, 'max-message-bytes', d.maxMessageBytes, 1024),
      maxConnectionsPerIp: integer(values, 'max-connections-per-ip', d.maxConnectionsPerIp, 1),
      maxConnectionsPerMember: integer(
        values,
        'max-connections-per-member',
        d.maxConnectionsPerMember,
        1,
      ),
      maxBufferedBytes: integer(values, 'max-buffered-bytes', d.maxBufferedBytes, 1024),
      idleUnloadMs: integer(values, 'idle-unload-ms', d.idleUnloadMs, 0),
      compactAfter: integer(values, 'compact-after', d.compactAfter, 1),
      maxMessagesPerSecond: integer(values, 'max-messages-per-second', d.maxMessagesPerSecond, 1),
      maxBytesPerSecond: integer(values, 'max-bytes-per-second', d.maxBytesPerSecond, 1024),
      maxBurstBytes: integer(values, 'max-burst-bytes', d.maxBurstBytes, 1024),
    },
    recover: values.recover === true,
    allowWorkspaceCreation: values['allow-workspace-creation'] === true,
  }
  const healthPortFlag = optionalString(values, 'health-port')
  const healthHost = optionalString(values, 'health-host') ?? '127.0.0.1'
  const metricsPort =
    optionalString(values, 'metrics-port') === undefined
      ? null
      : integer(values, 'metrics-port', 0, 0, 65535)
  const metricsHost = optionalString(values, 'metrics-host') ?? '127.0.0.1'
  const watchdog = await startWatchdog({
    killAfterSeconds: integer(values, 'watchdog-seconds', 30, 0, 86_400),
    healthPort: healthPortFlag === undefined ? null : integer(values, 'health-port', 0, 0, 65535),
    healthHost,
  })
  // The last line of defence: every entry point catches what a client can cause; anything that
  // still escapes is logged, and the relay goes on rather than dropping every partner's socket.
  const log = options.log
  process.on('uncaughtException', (error) => log('uncaught-exception', { error: String(error) }))
  process.on('unhandledRejection', (error) => log('unhandled-rejection', { error: String(error) }))
  // Handlers first: a signal that arrives while starting must still shut down cleanly.
  const startedAt = Date.now()
  const starting = startRelay(options)
  const metrics = starting.then((running) =>
    metricsPort === null
      ? null
      : startMetricsServer(running.relay, { host: metricsHost, port: metricsPort, startedAt }),
  )
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    Promise.all([starting, metrics.catch(() => null)])
      .then(([running, served]) => Promise.all([running.close(), served?.close()]))
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(`The relay could not shut down cleanly after ${signal}: ${String(error)}`)
          process.exit(1)
        },
      )
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
  const running = await starting
  const served = await metrics
  watchdog.ready()
  const healthPort = watchdog.healthPort
  const servedPort = served?.port ?? null
  if (values.json === true) {
    const address = { url: running.url, port: running.port, healthPort, metricsPort: servedPort }
    console.log(JSON.stringify({ ...address, data: options.data }))
  } else {
    console.log(`Samstemt relay listening on ${running.url}`)
    if (healthPort !== null)
      console.log(`Health check (watchdog thread): http://${healthHost}:${healthPort}/healthz`)
    if (servedPort !== null)
      console.log(`Metrics (Prometheus): http://${urlHost(metricsHost)}:${servedPort}/metrics`)
  }
}

/** The log of `serve`: JSON lines by default (journald, Docker, log shippers), or text. */
function serviceLog(values: Values): Log {
  const format = optionalString(values, 'log-format') ?? 'json'
  if (!(LOG_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`--log-format must be ${LOG_FORMATS.join(' or ')}, not "${format}".`)
  return (format as LogFormat) === 'text' ? textLog() : jsonLog()
}

const urlHost = (host: string) => (host.includes(':') ? `[${host}]` : host)
