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
