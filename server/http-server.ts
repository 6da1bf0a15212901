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
import { wsPeer } from './ws-peer.ts'

/** The transport's own settings. */
export type HttpOptions = {
  tls: { cert: string | Buffer; key: string | Buffer } | null
  maxMessageBytes: number
  maxConnectionsPerIp: number
  /** Take the client address from X-Forwarded-For (its last entry): only behind your own proxy. */
  trustProxy: boolean
  startedAt: number
}

/** The HTTP(S) server: WebSocket upgrades for the relay, GET /healthz and GET /metrics. */
export function createRelayServer(relay: Relay, options: HttpOptions, log: Log) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes })
  const perIp = new Map<string, number>()
  const sockets = new Set<WebSocket>()
  const routes = (req: IncomingMessage, res: ServerResponse) => serveHttp(relay, options, req, res)
  const server: Server = options.tls
    ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, routes)
    : createHttpServer(routes)

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://relay')
    const ip = clientIp(req, options.trustProxy)
    socket.on('error', () => socket.destroy())
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws)
      const open = perIp.get(ip) ?? 0
      perIp.set(ip, open + 1)
      const peer = wsPeer(ws)
      let connection: ReturnType<Relay['connect']> = null
      ws.on('close', () => {
        sockets.delete(ws)
        const left = (perIp.get(ip) ?? 1) - 1
        if (left > 0) perIp.set(ip, left)
        else perIp.delete(ip)
        peer.dispose()
        connection?.closedByPeer()
      })
      ws.on('error', (error: Error & { code?: string }) => {
        if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH')
          relay.metrics.closed(CloseCode.tooBig)
        log('socket-error', { ip, member: connection?.member.id, error: error.message })
      })
      if (open >= options.maxConnectionsPerIp) {
        relay.metrics.closed(CloseCode.overloaded)
        log('refused', {
          ip,
          code: CloseCode.overloaded,
          detail: 'too many connections from this address',
        })
        peer.close(CloseCode.overloaded, CLOSE_REASONS.overloaded)
        return
      }
      connection = relay.connect(peer, { path: url.pathname, params: url.searchParams, ip })
      const admitted = connection
      if (admitted === null) return
      ws.on('message', (data: Buffer, isBinary: boolean) => {
        if (isBinary) relay.receive(admitted, data)
        else relay.reject(admitted, 'malformed', 'text frame')
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
  if (path === '/invite') {
    const bearer = /^Bearer ([A-Za-z0-9_-]{16,128})$/.exec(req.headers.authorization ?? '')
    const answer = bearer?.[1] ? relay.describeInvite(bearer[1]) : { status: 'unknown' as const }
    if (answer.status === 'ok') {
      return reply(res, 200, 'application/json', JSON.stringify(answer.grant) + '\n')
    }
    const status = answer.status === 'revoked' ? 403 : 401
    const error = answer.status === 'revoked' ? 'invite revoked' : 'unknown invite'
    return reply(res, status, 'application/json', JSON.stringify({ error }) + '\n')
  }
  if (path === '/metrics') {
    const text = relay.metrics.render({
      connections: relay.connectionCount,
      rooms: relay.roomCount,
      uptimeSeconds: uptime,
    })
    return reply(res, 200, 'text/plain; version=0.0.4', text)
  }
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
