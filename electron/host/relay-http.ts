import { isPlainObject, type Result } from '../../shared/ipc/index.ts'
import type { ApiErrorCode } from '../../shared/protocol/admin.ts'
import { fail, ok } from './host-error.ts'
import { refusal, type TokenKind } from './relay-refusals.ts'

export type Fetch = typeof fetch

/** How long the relay has to answer one call. */
export const RELAY_TIMEOUT_MS = 10_000

const CODES: readonly ApiErrorCode[] = [
  'unknown-token',
  'expired',
  'used',
  'revoked',
  'forbidden',
  'not-found',
  'last-coordinator',
  'invalid',
  'disabled',
]

/** What the relay answered with a 2xx: its JSON body, and its clock when it answered. */
export type RelayAnswer = { body: unknown; relayNow: number | null }

export type RelayRequest = {
  method: 'GET' | 'POST' | 'PATCH'
  /** After the relay's own path: `/invite`, `/admin/members/m7`. */
  path: string
  token: string
  /** What kind of token it is, so a refusal is told as the user knows it (invite or own key). */
  kind: TokenKind
  body?: unknown
}

export type RelayTransport = { fetch: Fetch; timeoutMs?: number }

/** `wss://host/relay` + `/invite` → `https://host/relay/invite` (the relay's own origin). */
export function relayEndpoint(relay: string, path: string): string {
  const url = new URL(relay)
  url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:'
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${path}`
  url.search = ''
  return url.toString()
}

/**
 * One call of the relay's HTTP API with `Authorization: Bearer`. Never throws: a relay out of
 * reach, a refusal (`{error, message}`) and an answer that is not the relay's all come back as a
 * HostError that says what to do.
 */
export async function relayCall(
  relay: string,
  request: RelayRequest,
  transport: RelayTransport,
): Promise<Result<RelayAnswer>> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${request.token}`,
    accept: 'application/json',
  }
  if (request.body !== undefined) headers['content-type'] = 'application/json'
  let response: Response
  try {
    response = await transport.fetch(relayEndpoint(relay, request.path), {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      // A redirect would carry the token to wherever it points.
      redirect: 'error',
      signal: AbortSignal.timeout(transport.timeoutMs ?? RELAY_TIMEOUT_MS),
    })
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError'
    return unreachable(
      relay,
      timedOut
        ? { en: 'no answer in time', nb: 'intet svar i tide' }
        : { en: 'no connection', nb: 'ingen forbindelse' },
    )
  }
  const body: unknown = await response.json().catch(() => undefined)
  if (response.ok) {
    if (body === undefined) return notRelay(relay)
    return ok({ body, relayNow: dateHeader(response) })
  }
  const code = apiErrorCode(body) ?? byStatus(response.status)
  if (code === null) {
    return unreachable(relay, {
      en: `it answered HTTP ${response.status}`,
      nb: `den svarte HTTP ${response.status}`,
    })
  }
  const detail = isPlainObject(body) && typeof body.message === 'string' ? body.message : ''
  return refusal(code, request.kind, detail.slice(0, 300))
}

/** The relay's clock from its `Date` header (whole seconds), to read its expiry times by. */
function dateHeader(response: Response): number | null {
  const value = response.headers.get('date')
  const parsed = value === null ? Number.NaN : Date.parse(value)
  return Number.isFinite(parsed) ? parsed : null
}

function apiErrorCode(body: unknown): ApiErrorCode | null {
  if (!isPlainObject(body)) return null
  const code = body.error
  return typeof code === 'string' && (CODES as readonly string[]).includes(code)
    ? (code as ApiErrorCode)
    : null
}

/** Relays from before the admin API say only `{error: 'unknown invite'}` with the status. */
function byStatus(status: number): ApiErrorCode | null {
  if (status === 401) return 'unknown-token'
  if (status === 403) return 'revoked'
  if (status === 410) return 'expired'
  return null
}

export function unreachable(relay: string, why: { en: string; nb: string }) {
  return fail(
    'relay-unreachable',
    `Could not reach the relay at ${relay} (${why.en}). Check your internet connection and try again; if it keeps failing, ask your coordinator whether the relay is running.`,
    `Fikk ikke kontakt med reléserveren på ${relay} (${why.nb}). Sjekk internettforbindelsen og prøv igjen; hvis det fortsetter, spør koordinatoren om reléserveren kjører.`,
  )
}

/** A 2xx whose body is not what a Samstemt relay sends. */
export function notRelay(relay: string) {
  return unreachable(relay, {
    en: 'its answer was not what a Samstemt relay sends',
    nb: 'svaret var ikke det en Samstemt-reléserver sender',
  })
}
