// The renderer's web boundaries, as pure functions both Electron and the preview apply.

const ORIGIN = /^wss?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?$|^wss?:\/\/\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/

/**
 * The page's Content-Security-Policy: scripts and styles from the app only, no plugins, frames or
 * forms, and network connections only to the app itself and the relays of joined workspaces.
 * Inline style attributes are allowed because the editor sets caret colours through them.
 */
export function contentSecurityPolicy(relayOrigins: readonly string[]): string {
  const relays = relayOrigins.filter((origin) => ORIGIN.test(origin))
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    ["connect-src 'self'", ...relays].join(' '),
    "worker-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ')
}

/** Only https links leave the app, to the system browser; never file:, javascript: or custom schemes. */
export function isSafeExternalUrl(url: string): boolean {
  if (url.length > 2048) return false
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === ''
  } catch {
    return false
  }
}

/**
 * True when `url` is on one of the `trusted` origins (`app://samstemt`, or the dev server's
 * `http://localhost:5173`). Compared by scheme and host, since `URL.origin` is "null" for
 * custom schemes.
 */
export function isTrustedUrl(url: string, trusted: readonly string[]): boolean {
  try {
    const parsed = new URL(url)
    return trusted.includes(`${parsed.protocol}//${parsed.host}`)
  } catch {
    return false
  }
}

/** The `samstemt://` link among a process's arguments (second instance, Windows, Linux). */
export function findDeepLink(argv: readonly string[]): string | null {
  const link = argv.find((arg) => arg.toLowerCase().startsWith('samstemt://'))
  return link !== undefined && link.length <= 2048 ? link : null
}
