import { WebSocket } from 'ws'
import { within } from './wait.ts'

/** What happened to one raw socket after the frames the test sent. */
export type Outcome = { closed: true; code: number; reason: string } | { closed: false }

/**
 * Opens a plain WebSocket to a room, sends `frames`, then a query-awareness frame. The relay
 * handles frames in order, so an awareness reply means it took everything without closing.
 */
export async function sendRaw(
  url: string,
  room: string,
  token: string,
  frames: (Uint8Array | string)[],
): Promise<Outcome> {
  const ws = new WebSocket(`${url}/${room}?token=${encodeURIComponent(token)}`)
  const outcome = new Promise<Outcome>((resolve) => {
    ws.on('close', (code, reason) => resolve({ closed: true, code, reason: reason.toString() }))
    ws.on('message', (data: Buffer) => {
      // The relay greets with sync step 1 (0, 0); only an awareness frame (1) answers the query.
      if (data[0] === 1 && sent) {
        resolve({ closed: false })
        ws.close()
      }
    })
    ws.on('error', () => {})
  })
  let sent = false
  await within(
    new Promise((resolve, reject) => {
      ws.once('open', resolve)
      ws.once('close', (code) => reject(new Error(`closed before open: ${code}`)))
    }),
    'the socket to open',
  )
  for (const frame of frames) ws.send(frame)
  sent = true
  ws.send(new Uint8Array([3]))
  return within(outcome, 'the relay to answer or close')
}

/** A raw socket that stays open: what the relay sent it, and a way to send more. */
export type RawPeer = {
  ws: WebSocket
  /** Every binary frame received, in order. */
  frames: Uint8Array[]
  send: (frame: Uint8Array | string) => void
  /** Resolves with the close code and reason once the socket closed. */
  closed: Promise<{ code: number; reason: string }>
  /** Resolves once the relay handled everything sent so far (it answers query-awareness in order), or rejects when it closed the socket. */
  roundTrip: () => Promise<void>
}

export async function openRaw(url: string, room: string, token: string): Promise<RawPeer> {
  const ws = new WebSocket(`${url}/${room}?token=${encodeURIComponent(token)}`)
  const frames: Uint8Array[] = []
  let onAwareness: (() => void) | null = null
  ws.on('message', (data: Buffer) => {
    frames.push(new Uint8Array(data))
    if (data[0] === 1) onAwareness?.()
  })
  ws.on('error', () => {})
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  )
  await within(
    new Promise((resolve, reject) => {
      ws.once('open', resolve)
      ws.once('close', (code) => reject(new Error(`closed before open: ${code}`)))
    }),
    'the socket to open',
  )
  return {
    ws,
    frames,
    send: (frame) => ws.send(frame),
    closed,
    roundTrip: () => {
      const answered = new Promise<void>((resolve, reject) => {
        onAwareness = () => {
          onAwareness = null
          resolve()
        }
        void closed.then(({ code }) => reject(new Error(`the relay closed the socket: ${code}`)))
      })
      ws.send(new Uint8Array([3]))
      return within(answered, 'the relay to answer a query')
    },
  }
}
