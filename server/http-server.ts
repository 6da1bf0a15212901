import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { Server } from 'node:http'
import { WebSocketServer, type WebSocket } from 'ws'
import { CLOSE_REASONS, CloseCode } from '../shared/protocol/index.ts'
import type { Log } from './peer.ts'
import type { Relay } from './relay.ts'
import { serveApi, type ApiOptions } from './admin-api.ts'
import type { MemberDirectory } from './members.ts'
import type { TokenBucket } from './rate-limit.ts'
import { wsPeer } from './ws-peer.ts'

/** The transport's own settings. */
export type HttpOptions = {
  tls: { cert: string | Buffer; key: string | Buffer } | null
  maxMessageBytes: number
  maxConnectionsPerIp: number
  /** Take the client address from X-Forwarded-For (its last entry): only behind your own proxy. */
  trustProxy: boolean
  startedAt: number
  members: MemberDirectory
  api: ApiOptions
}

/** The HTTP(S) server: WebSocket upgrades for the relay, and GET /healthz. */
export function createRelayServer(relay: Relay, options: HttpOptions, log: Log) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes })
  const perIp = new Map<string, number>()
  const sockets = new Set<WebSocket>()
  const buckets = new Map<string, TokenBucket>()
  const routes = (req: IncomingMessage, res: ServerResponse) => {
    const failed = (error: unknown) => {
      log('http-failed', { path: req.url?.split('?')[0], error: String(error) })
      if (!res.headersSent) reply(res, 500, 'text/plain', 'Internal error\n')
      else res.destroy()
    }
    try {
      const path = new URL(req.url ?? '/', 'http://relay').pathname
      const context = {
        relay,
        members: options.members,
        options: options.api,
        log,
        ip: clientIp(req, options.trustProxy),
        buckets,
      }
      void serveApi(req, res, path, context).then(
        (handled) => handled || serveHttp(relay, options, req, res),
        failed,
      )
    } catch (error) {
      failed(error)
    }
  }
  const server: Server = options.tls
    ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, routes)
    : createHttpServer(routes)

  // A connection that never sends its request is dropped soon, whatever else it does.
  server.headersTimeout = 10_000
  server.requestTimeout = 20_000

  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy())
    let url: URL
    try {
      url = new URL(req.url ?? '/', 'http://relay')
    } catch {
      socket.destroy()
      return
    }
    const ip = clientIp(req, options.trustProxy)
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws)
      const peer = wsPeer(ws)
      let connection: ReturnType<Relay['connect']> = null
      ws.on('close', () => {
        sockets.delete(ws)
        if (connection !== null) {
          const left = (perIp.get(ip) ?? 1) - 1
          if (left > 0) perIp.set(ip, left)
          else perIp.delete(ip)
        }
        peer.dispose()
        connection?.closedByPeer()
      })
      ws.on('error', (error: Error & { code?: string }) => {
        if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH')
          relay.metrics.closed(CloseCode.tooBig)
        log('socket-error', { ip, member: connection?.member.id, error: error.message })
      })
      // Only admitted sockets count against the address: a refused one (bad token, say) never
      // holds a place, and is dropped a second after its close frame if it does not answer.
      if ((perIp.get(ip) ?? 0) >= options.maxConnectionsPerIp) {
        relay.metrics.closed(CloseCode.overloaded)
        log('refused', {
          ip,
          code: CloseCode.overloaded,
          detail: 'too many connections from this address',
        })
        peer.close(CloseCode.overloaded, CLOSE_REASONS.overloaded)
        return
      }
      try {
        connection = relay.connect(peer, { path: url.pathname, params: url.searchParams, ip })
      } catch (error) {
        log('connect-failed', { ip, error: String(error) })
        peer.close(CloseCode.storageFailed, CLOSE_REASONS.storageFailed)
        return
      }
      const admitted = connection
      if (admitted === null) return
      peer.admit()
      perIp.set(ip, (perIp.get(ip) ?? 0) + 1)
      ws.on('message', (data: Buffer, isBinary: boolean) => {
        try {
          if (isBinary) relay.receive(admitted, data)
          else relay.reject(admitted, 'malformed', 'text frame')
        } catch (error) {
          // Nothing a client sends may end the relay: the socket goes, the relay goes on.
          log('message-failed', { member: admitted.member.id, error: String(error) })
          relay.reject(admitted, 'malformed', String(error))
        }
      })
    })
  })

  return {
    server,
    /** Every open socket, for shutdown. */
    sockets,
    wss,
  }
}

function serveHttp(
  relay: Relay,
  options: HttpOptions,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const path = new URL(req.url ?? '/', 'http://relay').pathname
  if (req.method !== 'GET' && req.method !== 'HEAD')
    return reply(res, 405, 'text/plain', 'Method not allowed\n')
  const uptime = Math.round((Date.now() - options.startedAt) / 1000)
  if (path === '/healthz') {
    const body = { ok: true, rooms: relay.roomCount, connections: relay.connectionCount, uptime }
    return reply(res, 200, 'application/json', JSON.stringify(body) + '\n')
  }
  // Counters say who is connected and how much they write: only on serve's --metrics-port.
  if (path === '/metrics')
    return reply(
      res,
      404,
      'text/plain',
      'Metrics are served on their own address (serve --metrics-port).\n',
    )
  reply(res, 426, 'text/plain', 'Samstemt relay: connect with a WebSocket client.\n')
}

function reply(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' })
  res.end(body)
}

function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers['x-forwarded-for']
  if (trustProxy && typeof forwarded === 'string') {
    const last = forwarded.split(',').pop()?.trim()
    if (last) return last
  }
  return req.socket.remoteAddress ?? 'unknown'
}
