import type { WebSocket } from 'ws'
import type { Peer } from './peer.ts'

/** How long a socket may stay silent to pings before it is dropped. */
const PING_INTERVAL_MS = 30_000
/** How long a closing socket gets to answer our close frame. */
const CLOSE_GRACE_MS = 5_000

/** Adapts a `ws` socket to the relay core, with a ping watchdog for dead peers. */
export function wsPeer(socket: WebSocket): Peer & { dispose(): void } {
  let alive = true
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
        setTimeout(() => socket.terminate(), CLOSE_GRACE_MS).unref()
      }
    },
    get bufferedAmount() {
      return socket.bufferedAmount
    },
    dispose() {
      clearInterval(ping)
    },
  }
}
