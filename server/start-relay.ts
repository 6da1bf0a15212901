import type { AddressInfo } from 'node:net'
import type { WebSocket } from 'ws'
import type { WriteGuard } from '../shared/protocol/index.ts'
import { salvageDatabase, StoreError, UpdateStore } from '../shared/store/index.ts'
import { createRelayServer } from './http-server.ts'
import { DEFAULT_LIMITS, type RelayLimits } from './limits.ts'
import { MemberDirectory } from './members.ts'
import { jsonLog, silentLog, type Log } from './peer.ts'
import { relayExtension } from './relay-schema.ts'
import { Relay } from './relay.ts'
import { watchMembers } from './member-watch.ts'

/** How to run a relay; only `data` is required. */
export type RelayOptions = {
  /** The SQLite file holding updates, workspaces and members (created if missing). */
  data: string
  /** Default 127.0.0.1: put a TLS proxy in front, or pass `tls`. */
  host?: string
  /** Default 4455; 0 picks a free port (see the returned `port`). */
  port?: number
  /** PEM certificate and key: the relay then speaks wss:// itself. */
  tls?: { cert: string | Buffer; key: string | Buffer } | null
  limits?: Partial<RelayLimits>
  /** Extra write check after the role table (issue 6: "not when final"). */
  writeGuard?: WriteGuard | null
  /** Structured log; default JSON lines on stderr, `false` for none. */
  log?: Log | false
  /** How often to look for members changed (revoked, new role) by another process (ms). */
  revocationPollMs?: number
  /** Coordinators may create further workspaces from the app. Off by default. */
  allowWorkspaceCreation?: boolean
  trustProxy?: boolean
  /**
   * On a damaged database: false (default) refuses to start with a StoreError that says what to
   * do; true moves the file aside and starts on a new one holding every row that can be read.
   */
  recover?: boolean
}

/** A listening relay. */
export type RunningRelay = {
  /** ws://host:port (wss:// with TLS); clients append `/<room>?token=...`. */
  url: string
  port: number
  relay: Relay
  store: UpdateStore
  members: MemberDirectory
  /** Stops accepting, commits everything, closes sockets with 1012, closes the store. */
  close(): Promise<void>
}

/** Opens the store and listens; resolves once connections are accepted. */
export async function startRelay(options: RelayOptions): Promise<RunningRelay> {
  const log = options.log === false ? silentLog : (options.log ?? jsonLog())
  const limits: RelayLimits = { ...DEFAULT_LIMITS, ...options.limits }
  const store = openStore(options.data, options.recover === true, log)
  const members = new MemberDirectory(store.db)
  const relay = new Relay({
    store,
    members,
    limits,
    log,
    writeGuard: options.writeGuard ?? null,
    seen: (member) => watch.seen(member),
  })
  const watch = watchMembers(
    members,
    (changed) => relay.membersChanged(changed),
    options.revocationPollMs ?? 500,
  )
  const http = createRelayServer(
    relay,
    {
      tls: options.tls ?? null,
      maxMessageBytes: limits.maxMessageBytes,
      maxConnectionsPerIp: limits.maxConnectionsPerIp,
      trustProxy: options.trustProxy ?? false,
      startedAt: Date.now(),
      members,
      api: { allowWorkspaceCreation: options.allowWorkspaceCreation ?? false },
    },
    log,
  )
  const host = options.host ?? '127.0.0.1'
  try {
    await new Promise<void>((resolve, reject) => {
      http.server.once('error', reject)
      http.server.listen(options.port ?? 4455, host, () => resolve())
    })
  } catch (error) {
    watch.stop()
    await store.close()
    throw error
  }
  const port = (http.server.address() as AddressInfo).port
  const url = `${options.tls ? 'wss' : 'ws'}://${host.includes(':') ? `[${host}]` : host}:${port}`
  log('listening', { url })

  let closing: Promise<void> | null = null
  const close = () => {
    closing ??= (async () => {
      http.server.close()
      watch.stop()
      await relay.shutdown()
      await socketsClosed(http.sockets, 2000)
      http.wss.close()
      http.server.closeAllConnections()
      await store.close()
      log('stopped')
    })()
    return closing
  }
  return { url, port, relay, store, members, close }
}

/**
 * The relay's database. A damaged one is never replaced silently: members' tokens live in it,
 * and a relay that started empty would turn every partner away for good (4401 is final).
 */
function openStore(data: string, recover: boolean, log: Log): UpdateStore {
  const open = () => UpdateStore.open(data, { extensions: [relayExtension], onUnusable: 'throw' })
  try {
    return open()
  } catch (error) {
    if (!(error instanceof StoreError) || error.code !== 'corrupt') throw error
    if (!recover) {
      throw new StoreError(
        'corrupt',
        `${data} is damaged, so the relay did not start. Start it with --recover to move the file aside and carry on with every row that can still be read (or run: samstemt-relay recover --data ${data}), or restore a backup.`,
        error,
      )
    }
    const salvage = salvageDatabase(data, [relayExtension])
    log('store-salvaged', { message: salvage.message, tables: salvage.tables })
    return open()
  }
}

/** Waits for clients to answer our close frames, then drops the ones that did not. */
async function socketsClosed(sockets: Set<WebSocket>, graceMs: number): Promise<void> {
  const pending = [...sockets].map(
    (ws) => new Promise<void>((resolve) => ws.once('close', () => resolve())),
  )
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))
  await Promise.race([Promise.all(pending), timeout])
  clearTimeout(timer)
  for (const ws of sockets) ws.terminate()
}
