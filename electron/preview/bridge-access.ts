import { timingSafeEqual } from 'node:crypto'

/** What the bridge looks at before it serves anything. */
export type AccessRequest = {
  remoteAddress: string | undefined
  host: string | undefined
  origin: string | undefined
  authorization: string | undefined
}

export type AccessRule = {
  port: number
  token: string
  /** Host API calls need the token; the static renderer files do not. */
  needsToken: boolean
}

/** Null when allowed, else the HTTP status and the reason. */
export type AccessRefusal = { status: 401 | 403; reason: string } | null

export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address
  return v4.startsWith('127.') || address === '::1'
}

/**
 * The bridge gives whoever holds the token the same powers as the app window, so it answers
 * only this machine (loopback), only under its own host name (a DNS-rebinding page would send
 * another Host), only same-origin calls, and host calls only with the token of this run.
 */
export function checkAccess(request: AccessRequest, rule: AccessRule): AccessRefusal {
  if (!isLoopback(request.remoteAddress)) {
    return { status: 403, reason: 'the preview answers this computer only' }
  }
  const hosts = [`127.0.0.1:${rule.port}`, `localhost:${rule.port}`]
  if (!hosts.includes(request.host ?? '')) {
    return { status: 403, reason: 'unexpected Host header' }
  }
  if (request.origin !== undefined && !hosts.some((host) => request.origin === `http://${host}`)) {
    return { status: 403, reason: 'cross-origin requests are refused' }
  }
  if (rule.needsToken && !tokenMatches(request.authorization, rule.token)) {
    return { status: 401, reason: 'missing or wrong bridge token' }
  }
  return null
}

function tokenMatches(authorization: string | undefined, token: string): boolean {
  const given = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1]
  if (given === undefined) return false
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}
