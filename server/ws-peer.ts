import type { WebSocket } from 'ws'
import type { Peer } from './peer.ts'

/** How long a socket may stay silent to pings before it is dropped. */
const PING_INTERVAL_MS = 30_000
/** How long a closing member's socket gets to answer our close frame. */
const CLOSE_GRACE_MS = 5_000
/** A socket refused before it was admitted frees its place sooner: it never held one. */
const REFUSED_GRACE_MS = 1_000

/** Adapts a `ws` socket to the relay core, with a ping watchdog for dead peers. */
export function wsPeer(socket: WebSocket): Peer & { dispose(): void; admit(): void } {
  let alive = true
  let admitted = false
  socket.on('pong', () => (alive = true))
  const ping = setInterval(() => {
    if (!alive) {
      socket.terminate()
      return
    }
    alive = false
    socket.ping()
  }, PING_INTERVAL_MS)
  ping.unref()
  return {
    send(frame) {
      if (socket.readyState === socket.OPEN) socket.send(frame)
    },
    close(code, reason) {
      if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING) {
        socket.close(code, reason)
        setTimeout(() => socket.terminate(), admitted ? CLOSE_GRACE_MS : REFUSED_GRACE_MS).unref()
      }
    },
    get bufferedAmount() {
      return socket.bufferedAmount
    },
    dispose() {
      clearInterval(ping)
    },
    admit() {
      admitted = true
    },
  }
}
