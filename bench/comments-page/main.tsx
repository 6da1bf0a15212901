// The page of `npm run bench -- comments` (bench/comments.ts builds it with Vite and drives it with
// Playwright): the paper in Tiptap configured as PaperEditor configures it (paperExtensions, with
// the Review plugin timed) on a body Y.Doc loaded from stored bytes, the threads
// from a comments Y.Doc (`?threads=0` leaves it empty: the peer), and the side panel beside it
// with the app's own styles. A second Y.Doc in the page plays the partner whose changes the relay
// delivers.
import '@fontsource-variable/inter/wght.css'
import '@fontsource-variable/source-serif-4/wght.css'
import '../../renderer/src/styles/tokens.css'
import '../../renderer/src/styles/base.css'
import '../../renderer/src/styles/controls.css'
import '../../renderer/src/styles/feedback.css'
import '../../renderer/src/styles/shell.css'
import '../../renderer/src/styles/paper-body.css'
import '../../renderer/src/styles/review.css'
import '../../renderer/src/styles/editor.css'
import { Editor } from '@tiptap/core'
import { createRoot } from 'react-dom/client'
import { Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { paperExtensions } from '../../renderer/src/editor/paper-extensions.ts'
import { memberColor } from '../../renderer/src/sync/member-color.ts'
import { I18nProvider } from '../../renderer/src/i18n/I18nContext.tsx'
import { reviewKey } from '../../renderer/src/review/review-plugin.ts'
import type { RoomSession } from '../../renderer/src/sync/room-session.ts'
import type { Identity } from '../../renderer/src/workspace/identity.ts'
import { paperBody, readThreads } from '../../shared/model/index.ts'
import type { TypingPoint } from './fixture.ts'
import { ReviewSide } from './ReviewSide.tsx'
import { TimedReview, timeDispatch, timing, type Samples } from './timing.ts'

export type PageInfo = {
  crossOriginIsolated: boolean
  threads: number
  /** Threads whose text the editor found. */
  spans: number
  /** Highlights and suggestion widgets in the editor. */
  decorations: number
}

/** What the driver reads through `window.commentsBench`. Times are in milliseconds. */
export type CommentsBenchPage = {
  /** Resolves once the editor is open and draws every thread. */
  ready: Promise<PageInfo>
  /** Clicks the comments tab; `dom`: until the thread list is in the DOM, `painted`: the frame after. */
  openPanel(): Promise<{ dom: number; painted: number; cards: number }>
  /** Clicks the details tab, which unmounts the panel, and waits two frames. */
  closePanel(): Promise<void>
  /** Puts the cursor at the local typing point and records local keystrokes from then on. */
  startTyping(): void
  /** The partner types `count` characters, one per frame, each delivered as its own update. */
  typeRemote(count: number): Promise<void>
  /** Hands over what was recorded so far (recording goes on). */
  take(): Samples
  /** How many samples of a kind are recorded so far. */
  recorded(kind: keyof Samples): number
  frame(): Promise<void>
  /**
   * The margin beside the page: how many cards are drawn; what measuring every highlight exactly
   * would cost (ms: a view.coordsAtPos per thread); and how long MarginComments' own layouts took
   * since the last call (exact near the visible part, paragraph tops elsewhere).
   */
  margin(): { cards: number; exact: number; layouts: number[] }
}

declare global {
  interface Window {
    commentsBench: CommentsBenchPage
  }
}

const params = new URLSearchParams(location.search)
const withThreads = Number(params.get('threads') ?? '0') > 0
const localPoint = JSON.parse(params.get('local') ?? '{}') as TypingPoint
const remotePoint = JSON.parse(params.get('remote') ?? '{}') as TypingPoint
const REMOTE_LETTERS = 'samstemt skriver med '
/** Stands for the provider, which y-websocket passes as the origin of the relay's updates. */
const RELAY = Symbol('relay')
const identity: Identity = {
  memberId: 'm-anne',
  name: 'Anne Berg',
  organisation: 'NTNU',
  color: '#7c3aed',
  role: 'editor',
  local: false,
}

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()))
/** Resolves after the next frame is rendered: a task queued from requestAnimationFrame. */
const painted = () =>
  new Promise<void>((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel()
      channel.port1.onmessage = () => resolve()
      channel.port2.postMessage(null)
    }),
  )
const fetchBytes = async (path: string) => new Uint8Array(await (await fetch(path)).arrayBuffer())
const element = (id: string) => {
  const found = document.getElementById(id)
  if (found === null) throw new Error(`the page has no #${id}`)
  return found
}

let editor: Editor | null = null
let remoteText: Y.XmlText | null = null
let remoteTyped = 0
const relayed: Uint8Array[] = []
let bodyDoc: Y.Doc | null = null

window.commentsBench = {
  ready: open(),
  frame,
  async openPanel() {
    const side = element('side')
    const shown = () =>
      side.querySelector('.thread-list, .review-empty, .review-margin-note') !== null
    const inDom = new Promise<number>((resolve) => {
      const observer = new MutationObserver(() => {
        if (!shown()) return
        observer.disconnect()
        resolve(performance.now())
      })
      observer.observe(side, { childList: true, subtree: true })
    })
    const start = performance.now()
    element('side-tab-comments').click()
    const dom = (await inDom) - start
    await painted()
    return {
      dom,
      painted: performance.now() - start,
      cards: side.querySelectorAll('.thread-card').length,
    }
  },
  async closePanel() {
    element('side-tab-details').click()
    await frame()
    await frame()
  },
  startTyping() {
    if (editor === null) throw new Error('the editor is not open')
    const { doc } = editor.state
    let pos = 1 + localPoint.offset
    for (let i = 0; i < localPoint.paragraph; i++) pos += doc.child(i).nodeSize
    editor.chain().focus().setTextSelection(pos).run()
    timing.phase = 'local'
  },
  async typeRemote(count) {
    if (bodyDoc === null || remoteText === null) throw new Error('the editor is not open')
    timing.phase = 'remote'
    for (let i = 0; i < count; i++) {
      const letter = REMOTE_LETTERS[remoteTyped % REMOTE_LETTERS.length] ?? 'x'
      remoteText.insert(remotePoint.offset + remoteTyped, letter)
      remoteTyped++
      for (const update of relayed.splice(0)) {
        const start = performance.now()
        Y.applyUpdate(bodyDoc, update, RELAY)
        timing.samples.remoteTotal.push(performance.now() - start)
      }
      await frame()
    }
    timing.phase = 'idle'
  },
  recorded: (kind) => timing.samples[kind].length,
  margin() {
    if (editor === null) throw new Error('the editor is not open')
    const spans = reviewKey.getState(editor.state)?.spans ?? new Map()
    const start = performance.now()
    for (const span of spans.values()) editor.view.coordsAtPos(span.from)
    const exact = performance.now() - start
    const layouts = performance
      .getEntriesByName('samstemt:margin-layout')
      .map((entry) => entry.duration)
    // Each call hands over the layouts since the last one (the first: those of opening the page).
    performance.clearMeasures('samstemt:margin-layout')
    return { cards: document.querySelectorAll('.margin-card').length, exact, layouts }
  },
  take() {
    const taken = timing.samples
    timing.samples = { local: [], dispatch: [], remote: [], remoteTotal: [], panel: [] }
    return taken
  },
}

async function open(): Promise<PageInfo> {
  const stored = await fetchBytes('paper.ystate')
  bodyDoc = new Y.Doc()
  Y.applyUpdate(bodyDoc, stored)
  const commentsDoc = new Y.Doc()
  if (withThreads) Y.applyUpdate(commentsDoc, await fetchBytes('comments.ystate'))

  const remoteDoc = new Y.Doc()
  Y.applyUpdate(remoteDoc, stored)
  const block = paperBody(remoteDoc).get(remotePoint.paragraph)
  const text = block instanceof Y.XmlElement ? block.get(0) : null
  remoteText = text instanceof Y.XmlText ? text : null
  remoteDoc.on('update', (update: Uint8Array) => relayed.push(update))

  const awareness = new Awareness(bodyDoc)
  editor = new Editor({
    element: element('editor'),
    // The app's editor as PaperEditor makes it, with the Review plugin timed.
    extensions: paperExtensions({
      doc: bodyDoc,
      awareness,
      user: {
        memberId: identity.memberId,
        name: identity.name,
        organisation: identity.organisation,
        color: identity.color,
      },
      colorOf: memberColor,
      openLink: () => undefined,
      onActivateThread: () => undefined,
      review: TimedReview,
    }),
    editorProps: { attributes: { id: 'paper-body', class: 'paper-body', spellcheck: 'true' } },
  })
  timeDispatch(editor.view)

  // useReview reads nothing of a room session but its doc.
  const session = (doc: Y.Doc) => ({ doc }) as unknown as RoomSession
  createRoot(element('side')).render(
    <I18nProvider language="en" setLanguage={() => undefined}>
      <ReviewSide
        editor={editor}
        body={session(bodyDoc)}
        comments={session(commentsDoc)}
        identity={identity}
        margin={element('margin')}
        scroller={document.querySelector<HTMLElement>('.editor-column') ?? document.body}
      />
    </I18nProvider>,
  )

  const threads = readThreads(commentsDoc).value.length
  const drawn = () => reviewKey.getState(editor!.state)?.marks.length ?? 0
  while (drawn() < threads) await frame()
  await document.fonts.ready
  await painted()
  const review = reviewKey.getState(editor.state)
  return {
    crossOriginIsolated: window.crossOriginIsolated,
    threads,
    spans: review?.spans.size ?? 0,
    decorations: review?.decorations.find().length ?? 0,
  }
}
