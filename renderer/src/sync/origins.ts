import { WebsocketProvider } from 'y-websocket'

/**
 * Where a change to a Y.Doc came from: read back from this computer's store, received from the
 * relay (y-websocket applies those with its provider as the origin), or made here.
 */
export type OriginSource = 'store' | 'relay' | 'local'

/** The origin of updates read back from the store: they must not be stored again. */
export const STORE_ORIGIN = { source: 'store' } as const

export function originSource(origin: unknown): OriginSource {
  if (origin === STORE_ORIGIN) return 'store'
  if (origin instanceof WebsocketProvider) return 'relay'
  return 'local'
}

/** True for a change made here (typing, a form), false for one from the store or the relay. */
export function isLocalOrigin(origin: unknown): boolean {
  return originSource(origin) === 'local'
}
