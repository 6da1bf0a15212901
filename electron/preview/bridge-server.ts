import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { invalidPayload, parseWire, stringifyWire, validateEvent } from '../../shared/ipc/index.ts'
import type { ExportService } from '../host/export-service.ts'
import { createHostHandlers, dispatch } from '../host/host-handlers.ts'
import type { HostServices } from '../host/host-services.ts'
import { contentSecurityPolicy } from '../host/web-policy.ts'
import { checkAccess } from './bridge-access.ts'
import {
  BodyTooLarge,
  baseHeaders,
  readBody,
  sendJson,
  sendStatus,
  serveStatic,
} from './bridge-http.ts'

/** Base64 of the largest batch the contract accepts (64 MiB), plus room for the JSON around it. */
const MAX_BODY = 96 * 1024 * 1024
const BRIDGE = '/bridge/'

export type PreviewServerOptions = {
  /** The built renderer (out/renderer). */
  root: string
  services: HostServices
  /** `export/save` without a native dialog: see preview-exporter.ts. */
  exporter: ExportService
  /** 0 (the default) picks a free port. */
  port?: number
  /** Random per run unless given (tests). */
  token?: string
}

export type PreviewServer = {
  /** The page to open; the token travels in the fragment, which is never sent to a server. */
  url: string
  origin: string
  port: number
  token: string
  close(): Promise<void>
}

/**
 * `npm run preview`: the built renderer over http on 127.0.0.1, and the host contract as
 * `POST /bridge/invoke` plus a `GET /bridge/events` stream, both behind the run's token.
 */
export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const { services, root } = options
  const token = options.token ?? randomBytes(24).toString('base64url')
  const handlers = createHostHandlers(services, options.exporter)
  const streams = new Set<ServerResponse>()
  const csp = () => contentSecurityPolicy(services.registry.relays())
  let port = options.port ?? 0

  const push = (message: unknown): void => {
    const frame = `data: ${stringifyWire(message)}\n\n`
    for (const stream of streams) stream.write(frame)
  }
  const stopRelayWatch = services.registry.onRelaysChanged(() =>
    setImmediate(() => push({ control: 'reload' })),
  )

  const openStream = (res: ServerResponse): void => {
    res.writeHead(200, { ...baseHeaders(csp()), 'content-type': 'text/event-stream' })
    res.write(': connected\n\n')
    streams.add(res)
    services.outbox.attach((event, payload) => push({ event, payload }))
    res.on('close', () => {
      streams.delete(res)
      if (streams.size === 0) services.outbox.attach(null)
    })
  }

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?', 1)[0] ?? '/'
    const refusal = checkAccess(
      {
        remoteAddress: req.socket.remoteAddress,
        host: req.headers.host,
        origin: req.headers.origin,
        authorization: req.headers.authorization,
      },
      { port, token, needsToken: path.startsWith(BRIDGE) },
    )
    if (refusal) {
      services.log.write('warn', 'preview bridge refused a request', { reason: refusal.reason })
      return sendJson(res, refusal.status, invalidPayload(refusal.reason), csp())
    }
    if (!path.startsWith(BRIDGE)) return serveStatic(root, req, res, csp())
    if (path === '/bridge/events' && req.method === 'GET') return openStream(res)
    if (req.method !== 'POST') return sendStatus(res, 405, 'POST only', csp())
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY) {
      res.setHeader('connection', 'close')
      return sendJson(res, 413, invalidPayload('the request is too large'), csp())
    }
    let body: unknown
    try {
      body = parseWire(await readBody(req, MAX_BODY))
    } catch (error) {
      const status = error instanceof BodyTooLarge ? 413 : 400
      return sendJson(res, status, invalidPayload('the request is not valid JSON'), csp())
    }
    const message = (body ?? {}) as { channel?: unknown; payload?: unknown; event?: unknown }
    if (path === '/bridge/invoke') {
      return sendJson(
        res,
        200,
        await dispatch(handlers, services, message.channel, message.payload),
        csp(),
      )
    }
    if (path === '/bridge/emit') {
      // Lets tests and tools play the OS's part: a deep link arriving, a menu item chosen.
      const valid = validateEvent(message.event, message.payload)
      if (valid.ok) services.outbox.emit(valid.value.event, valid.value.payload as never)
      return sendJson(
        res,
        valid.ok ? 200 : 400,
        valid.ok ? { ok: true, value: null } : valid,
        csp(),
      )
    }
    return sendStatus(res, 404, 'Not found', csp())
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      services.log.write('error', 'preview request failed', { error })
      if (!res.headersSent) sendStatus(res, 500, 'Internal error', csp())
      else res.end()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  port = (server.address() as AddressInfo).port
  const origin = `http://127.0.0.1:${port}`
  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    close: async () => {
      stopRelayWatch()
      for (const stream of streams) stream.end()
      services.outbox.attach(null)
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
