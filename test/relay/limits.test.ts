import { randomBytes } from 'node:crypto'
import { connect } from 'node:net'
import { join } from 'node:path'
import * as encoding from 'lib0/encoding'
import { afterEach, describe, expect, test } from 'vitest'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import { CloseCode, paperRoom } from '../../shared/protocol/index.ts'
import { startRelay, type RunningRelay } from '../../server/start-relay.ts'
import { useTempDir } from '../helpers/temp-dir.ts'
import { seedWorkspace, type Seeded } from './helpers/members.ts'
import { sendRaw } from './helpers/raw-socket.ts'
import { waitFor, within } from './helpers/wait.ts'

const tempDir = useTempDir('samstemt-relay-limits-')
const running: RunningRelay[] = []
const sockets: WebSocket[] = []

afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate()
  await Promise.all(running.splice(0).map((r) => r.close()))
})

async function relayWith(
  limits: Parameters<typeof startRelay>[0]['limits'],
): Promise<{ relay: RunningRelay; seeded: Seeded }> {
  const file = join(tempDir(), 'relay.sqlite')
  const seeded = await seedWorkspace(file)
  const relay = await startRelay({ data: file, port: 0, log: false, limits })
  running.push(relay)
  return { relay, seeded }
}

/** An open socket, with its close code once the relay closes it. */
async function openSocket(url: string, room: string, token: string) {
  const ws = new WebSocket(`${url}/${room}?token=${token}`)
  sockets.push(ws)
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)))
  ws.on('error', () => {})
  await within(new Promise((resolve) => ws.once('open', resolve)), 'the socket to open')
  return { ws, closed }
}

function updateFrame(text: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getText('body').insert(0, text)
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  encoding.writeVarUint(encoder, 2)
  encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc))
  return encoding.toUint8Array(encoder)
}

describe('limits', () => {
  test('a frame over the size limit closes its socket with 1009; smaller ones pass', async () => {
    const { relay, seeded } = await relayWith({ maxMessageBytes: 4096 })
    const room = paperRoom('w', 'p')
    expect(
      await sendRaw(relay.url, room, seeded.tokens.editor, [updateFrame('x'.repeat(1000))]),
    ).toEqual({ closed: false })
    expect(
      await sendRaw(relay.url, room, seeded.tokens.editor, [updateFrame('x'.repeat(5000))]),
    ).toMatchObject({ code: CloseCode.tooBig })
  })

  test('connections beyond the per-address limit are closed with 1013', async () => {
    const { relay, seeded } = await relayWith({ maxConnectionsPerIp: 3 })
    const room = paperRoom('w', 'p')
    for (let i = 0; i < 3; i++) await openSocket(relay.url, room, seeded.tokens.editor)
    const fourth = await openSocket(relay.url, room, seeded.tokens.reviewer)
    expect(await within(fourth.closed, 'the fourth socket to close')).toBe(CloseCode.overloaded)
    sockets[0]!.close()
    await waitFor(() => relay.relay.connectionCount === 2, 'a socket to leave')
    const again = await openSocket(relay.url, room, seeded.tokens.reviewer)
    expect(again.ws.readyState).toBe(WebSocket.OPEN)
  })

  test('connections beyond the per-member limit are closed with 1013', async () => {
    const { relay, seeded } = await relayWith({ maxConnectionsPerMember: 2 })
    await openSocket(relay.url, paperRoom('w', 'a'), seeded.tokens.editor)
    await openSocket(relay.url, paperRoom('w', 'b'), seeded.tokens.editor)
    const third = await openSocket(relay.url, paperRoom('w', 'c'), seeded.tokens.editor)
    expect(await within(third.closed, 'the third socket to close')).toBe(CloseCode.overloaded)
    const other = await openSocket(relay.url, paperRoom('w', 'c'), seeded.tokens.reviewer)
    expect(other.ws.readyState).toBe(WebSocket.OPEN)
  })

  test('a reader that stops reading is disconnected instead of growing the send buffer', async () => {
    const { relay, seeded } = await relayWith({
      maxBufferedBytes: 1024 * 1024,
      // The writer sends ~100 MB as fast as it can: not what this test is about.
      maxBytesPerSecond: 1024 ** 3,
      maxBurstBytes: 1024 ** 3,
    })
    const room = paperRoom('w', 'p')
    const slow = await openSocket(relay.url, room, seeded.tokens.reviewer)
    slow.ws.pause()
    const writer = await openSocket(relay.url, room, seeded.tokens.editor)
    writer.ws.on('message', () => {})
    const chunk = 'Byene trenger forutsigbar finansiering. '.repeat(6000)
    for (let i = 0; i < 400 && relay.relay.connectionCount === 2; i++) {
      writer.ws.send(updateFrame(chunk))
      await new Promise<void>((resolve) => writer.ws.send(new Uint8Array([3]), () => resolve()))
    }
    await waitFor(() => relay.relay.connectionCount === 1, 'the slow reader to be dropped', 20_000)
    slow.ws.resume()
    expect(await within(slow.closed, 'the slow reader to see the close')).toBe(CloseCode.overloaded)
    expect(writer.ws.readyState).toBe(WebSocket.OPEN)
  })

  test('sockets refused for a bad token hold no place: 50 silent ones do not lock out the office', async () => {
    const { relay, seeded } = await relayWith({ maxConnectionsPerIp: 10 })
    const room = paperRoom('w', 'p')
    const { port } = new URL(relay.url)
    // Each completes the WebSocket handshake with a token that never existed, then neither reads
    // nor answers the relay's close frame.
    const squatters = await Promise.all(
      Array.from({ length: 50 }, () =>
        silentUpgrade(Number(port), `/${room}?token=${'x'.repeat(43)}`),
      ),
    )
    // Admitted: the relay answers its query instead of closing it as one too many.
    expect(await sendRaw(relay.url, room, seeded.tokens.editor, [])).toEqual({ closed: false })
    await within(
      Promise.all(squatters.map((s) => s.ended)),
      'the relay to drop the refused sockets',
      10_000,
    )
  })

  test('a member sending faster than the limit is closed with 1013; others carry on', async () => {
    const { relay, seeded } = await relayWith({ maxMessagesPerSecond: 20 })
    const room = paperRoom('w', 'p')
    const flooder = await openSocket(relay.url, room, seeded.tokens.editor)
    const calm = await openSocket(relay.url, room, seeded.tokens.reviewer)
    const query = new Uint8Array([3])
    for (let i = 0; i < 2000 && flooder.ws.readyState === WebSocket.OPEN; i++)
      flooder.ws.send(query)
    expect(await within(flooder.closed, 'the flooder to be closed')).toBe(CloseCode.tooFast)
    expect(calm.ws.readyState).toBe(WebSocket.OPEN)
    expect(await sendRaw(relay.url, room, seeded.tokens.reviewer, [query])).toEqual({
      closed: false,
    })
  })

  test("a member's sockets share one budget: many sockets do not multiply it", async () => {
    const { relay, seeded } = await relayWith({ maxMessagesPerSecond: 20 })
    // 20/s per socket with bursts of 200; the member's sockets together 80/s with bursts of 800.
    const own = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        openSocket(relay.url, paperRoom('w', `p${i}`), seeded.tokens.editor),
      ),
    )
    const query = new Uint8Array([3])
    for (const socket of own) for (let i = 0; i < 190; i++) socket.ws.send(query)
    const first = await within(
      Promise.race(own.map((socket) => socket.closed)),
      'one of the member’s sockets to be closed',
    )
    expect(first).toBe(CloseCode.tooFast)
    const other = await openSocket(relay.url, paperRoom('w', 'p0'), seeded.tokens.reviewer)
    expect(other.ws.readyState).toBe(WebSocket.OPEN)
  })
})

/** A raw TCP client that upgrades to a WebSocket and then goes silent; `ended` when the relay drops it. */
async function silentUpgrade(port: number, path: string): Promise<{ ended: Promise<void> }> {
  const socket = connect(port, '127.0.0.1')
  const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()))
  socket.on('error', () => {})
  await within(new Promise((resolve) => socket.once('connect', resolve)), 'a TCP connection')
  const upgraded = new Promise<void>((resolve) =>
    socket.once('data', () => {
      // Read nothing more: the close frame stays unanswered.
      socket.pause()
      resolve()
    }),
  )
  socket.write(
    [
      `GET ${path} HTTP/1.1`,
      'Host: 127.0.0.1',
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
      '',
      '',
    ].join('\r\n'),
  )
  await within(upgraded, 'the handshake')
  return { ended }
}
