/**
 * How well a relay's address protects what travels to it: `encrypted` for `wss://`; `loopback`
 * for `ws://` to this computer (nothing leaves it); `insecure` for `ws://` anywhere else, where
 * the member's key and everything they write cross the network in clear.
 */
export type RelaySecurity = 'encrypted' | 'loopback' | 'insecure'

export function relaySecurity(relay: string): RelaySecurity {
  let url: URL
  try {
    url = new URL(relay)
  } catch {
    return 'insecure'
  }
  if (url.protocol === 'wss:') return 'encrypted'
  return isLoopback(url.hostname) ? 'loopback' : 'insecure'
}

function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase()
  if (host === 'localhost' || host === '[::1]') return true
  // 127.0.0.0/8; the URL parser has already turned 127.1 and the like into dotted quads.
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
}
