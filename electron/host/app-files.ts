import { extname, isAbsolute, relative, resolve, sep } from 'node:path'

/** The origin the renderer is served from in Electron: `app://samstemt/index.html`. */
export const APP_SCHEME = 'app'
export const APP_HOST = 'samstemt'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

/**
 * Maps a request path (as it came, percent-encoded) to a file inside `root`, or null when it
 * would leave `root` or is malformed: `..` in any spelling, encoded slashes and backslashes,
 * absolute and drive paths, NUL bytes. `/` serves index.html.
 */
export function resolveAppPath(root: string, requestPath: string): string | null {
  const pathOnly = requestPath.split(/[?#]/, 1)[0] ?? ''
  let decoded: string
  try {
    decoded = decodeURIComponent(pathOnly)
  } catch {
    return null
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return null
  const segments = decoded.split('/').slice(1)
  if (segments.some((s) => s === '..' || s === '.' || /^[A-Za-z]:/.test(s))) return null
  const wanted = segments.join('/') || 'index.html'
  const base = resolve(root)
  const file = resolve(base, wanted)
  const inside = relative(base, file)
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) {
    return null
  }
  return file
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
}

export function contentType(file: string): string {
  return TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * The built index.html as the host serves it. Its own CSP meta tag is removed because the
 * host's CSP header is the one authority: only the host knows which relays are joined, and a
 * meta policy would be intersected with the header and block them.
 */
export function prepareIndexHtml(html: string): string {
  return html.replace(/<meta\s+http-equiv=["']Content-Security-Policy["'][^>]*>\s*/gi, '')
}
