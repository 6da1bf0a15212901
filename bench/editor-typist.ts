// The editor benchmark's second client: a Node y-websocket provider (no BroadcastChannel) that
// uploads the paper to the relay and then types into a paragraph in its middle, moving its caret
// (awareness) with every character, as a partner typing in the same paper would.
import { WebsocketProvider } from 'y-websocket'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import { BODY_FIELD } from '../shared/model/paper.ts'

const SYNC_TIMEOUT_MS = 30_000
const LETTERS = 'samstemt skriver med '

export type Typist = {
  /** Characters typed so far. */
  readonly typed: number
  start(hz: number): void
  stop(): void
  close(): void
}

/** Connects with `doc` (which holds the paper) and resolves once the relay has it. */
export async function connectTypist(
  relay: string,
  room: string,
  token: string,
  doc: Y.Doc,
): Promise<Typist> {
  const provider = new WebsocketProvider(relay, room, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the typist did not sync with ${relay} in ${SYNC_TIMEOUT_MS} ms`)),
      SYNC_TIMEOUT_MS,
    )
    provider.once('sync', () => {
      clearTimeout(timer)
      resolve()
    })
  })
  provider.awareness.setLocalStateField('user', {
    name: 'Kari Nordmann',
    organisation: 'Universitetet i Stavanger',
    color: '#0b7285',
  })
  const body = doc.getXmlFragment(BODY_FIELD)
  const paragraph = body.get(Math.floor(body.length / 2))
  const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null
  if (!(text instanceof Y.XmlText)) throw new Error('the middle of the paper is not a paragraph')
  let index = Math.floor(text.length / 2)
  let typed = 0
  let timer: ReturnType<typeof setInterval> | undefined
  const stop = () => clearInterval(timer)
  return {
    get typed() {
      return typed
    },
    start(hz) {
      stop()
      timer = setInterval(() => {
        text.insert(index++, LETTERS[typed++ % LETTERS.length] ?? ' ')
        const at = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, index))
        provider.awareness.setLocalStateField('cursor', { anchor: at, head: at })
      }, 1000 / hz)
    },
    stop,
    close() {
      stop()
      provider.destroy()
      // The provider leaves its awareness (and the awareness' timer) to whoever made it.
      provider.awareness.destroy()
    },
  }
}
