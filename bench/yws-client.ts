// One in-process client of our relay (or @y/websocket-server): y-websocket's stock provider, as
// the app uses it, for the benchmarks that measure the relay's checks (relay-comments,
// relay-suggest). BroadcastChannel is off: in one process it would carry the updates instead.
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import type { Grant } from './relay-server.ts'

export type YwsConnection = { synced: Promise<void>; destroy(): void }

export function connectYws(url: string, room: string, grant: Grant, doc: Y.Doc): YwsConnection {
  const provider = new WebsocketProvider(url, room, doc, {
    params: grant.token === null ? {} : { token: grant.token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
  return {
    synced: new Promise<void>((resolve) =>
      provider.on('sync', (synced: boolean) => synced && resolve()),
    ),
    destroy: () => {
      provider.destroy()
      // The provider made the awareness, whose timer would keep the process alive.
      provider.awareness.destroy()
    },
  }
}
