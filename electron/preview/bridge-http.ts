import { readFile } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { stringifyWire } from '../../shared/ipc/index.ts'
import { contentType, prepareIndexHtml, resolveAppPath } from '../host/app-files.ts'

/** Headers on every answer of the preview, as the app:// protocol sends them in Electron. */
export function baseHeaders(csp: string): Record<string, string> {
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-resource-policy': 'same-origin',
    'cache-control': 'no-store',
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, csp: string): void {
  res.writeHead(status, { ...baseHeaders(csp), 'content-type': 'application/json' })
  res.end(stringifyWire(body))
}

export function sendStatus(res: ServerResponse, status: number, reason: string, csp: string): void {
  res.writeHead(status, { ...baseHeaders(csp), 'content-type': 'text/plain; charset=utf-8' })
  res.end(`${reason}\n`)
}

/** The built renderer, through the same traversal-safe resolver as app:// in Electron. */
export async function serveStatic(
  root: string,
  req: IncomingMessage,
  res: ServerResponse,
  csp: string,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendStatus(res, 405, 'GET only', csp)
  const file = resolveAppPath(root, req.url ?? '/')
  if (!file) return sendStatus(res, 404, 'Not found', csp)
  let body: Buffer
  try {
    body = await readFile(file)
  } catch {
    return sendStatus(res, 404, 'Not found', csp)
  }
  const type = contentType(file)
  const content = type.startsWith('text/html') ? prepareIndexHtml(body.toString('utf8')) : body
  res.writeHead(200, { ...baseHeaders(csp), 'content-type': type })
  res.end(req.method === 'HEAD' ? undefined : content)
}

export class BodyTooLarge extends Error {}

/** The request body as text; rejects with BodyTooLarge past `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.byteLength
      // Past the limit the rest is read and dropped, so the 413 answer can still be sent.
      if (size <= limit) chunks.push(chunk)
    })
    req.on('end', () => {
      if (size > limit) reject(new BodyTooLarge(`the request is larger than ${limit} bytes`))
      else resolve(Buffer.concat(chunks).toString('utf8'))
    })
    req.on('error', reject)
  })
}
