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
    const { relay, seeded } = await relayWith({ maxBufferedBytes: 1024 * 1024 })
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
})
