import { readFile } from 'node:fs/promises'
import { protocol } from 'electron'
import {
  APP_HOST,
  APP_SCHEME,
  contentType,
  prepareIndexHtml,
  resolveAppPath,
} from '../host/app-files.ts'

/**
 * Declares `app://` a standard, secure scheme. Must run before the app is ready; `app://` is
 * used instead of `file://` so the page has a real origin and cannot read the file system.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ])
}

/** Serves the built renderer from `root`, with the CSP header computed for each page load. */
export function setupAppProtocol(root: string, csp: () => string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(root, csp, request))
}

export async function serveAppRequest(
  root: string,
  csp: () => string,
  request: Request,
): Promise<Response> {
  const url = new URL(request.url)
  const policy = csp()
  if (request.method !== 'GET' && request.method !== 'HEAD') return status(405, policy)
  if (url.host !== APP_HOST) return status(404, policy)
  const file = resolveAppPath(root, url.pathname)
  if (!file) return status(404, policy)
  let body: Buffer
  try {
    body = await readFile(file)
  } catch {
    return status(404, policy)
  }
  const type = contentType(file)
  const content = type.startsWith('text/html')
    ? prepareIndexHtml(body.toString('utf8'))
    : new Uint8Array(body)
  return new Response(request.method === 'HEAD' ? null : content, {
    headers: {
      'content-type': type,
      'content-security-policy': policy,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    },
  })
}

function status(code: number, policy: string): Response {
  return new Response(null, { status: code, headers: { 'content-security-policy': policy } })
}
