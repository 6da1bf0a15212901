import { readFileSync } from 'node:fs'
import { integer, optionalString, requireString, UsageError, type Values } from './cli-args.ts'
import { DEFAULT_LIMITS } from './limits.ts'
import { silentLog } from './peer.ts'
import { startRelay } from './start-relay.ts'

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
    log: values.quiet === true ? silentLog : undefined,
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
    },
  }
  // Handlers first: a signal that arrives while starting must still shut down cleanly.
  const starting = startRelay(options)
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    starting
      .then((running) => running.close())
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
  if (values.json === true) console.log(JSON.stringify({ url: running.url, port: running.port }))
  else console.log(`Samstemt relay listening on ${running.url}`)
}
