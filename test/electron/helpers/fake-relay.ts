import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Role } from '../../../shared/protocol/index.ts'

export type Grant = {
  workspace: { id: string; name: string }
  member: { id: string; name: string; organisation: string; role: Role }
  revoked?: boolean
}

/**
 * The relay's `GET /invite` as the host expects it (the endpoint this issue asks the relay
 * for): 200 with the grant, 401 for an unknown token, 403 for a revoked one.
 */
export async function startFakeRelay(grants: Record<string, Grant>) {
  const requests: { path: string; authorization: string | undefined }[] = []
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://relay').pathname
    requests.push({ path, authorization: req.headers.authorization })
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? ''
    const grant = grants[token]
    res.setHeader('content-type', 'application/json')
    if (path !== '/invite') return void res.writeHead(404).end('{}')
    if (!grant) return void res.writeHead(401).end('{"error":"unknown token"}')
    if (grant.revoked) return void res.writeHead(403).end('{"error":"revoked"}')
    res.writeHead(200).end(JSON.stringify({ workspace: grant.workspace, member: grant.member }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `ws://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** A loopback address where nothing listens: the port was just freed. */
export async function closedRelayUrl(): Promise<string> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `ws://127.0.0.1:${port}`
}
