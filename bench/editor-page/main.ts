// The page of `npm run bench -- editor` (bench/editor.ts builds it with Vite and drives it with
// Playwright). `?mode=plain`: Tiptap with the paper's bodyExtensions() and the paper as JSON.
// `?mode=collab`: the app's editor as PaperEditor makes it (paperExtensions: the same schema plus
// Collaboration with the typing undo, carets, review, find and paste cleanup), on a Y.Doc loaded
// from stored bytes (as the app loads from its local store) and then synced through the relay
// with y-websocket.
import { Editor } from '@tiptap/core'
import { Awareness } from 'y-protocols/awareness'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { paperExtensions } from '../../renderer/src/editor/paper-extensions.ts'
import { memberColor } from '../../renderer/src/sync/member-color.ts'
import { bodyExtensions } from '../../shared/model/schema.ts'

/** What the driver reads through `window.bench`. Times are performance.now() (ms). */
export type BenchPage = {
  /** When the editor's DOM first held the whole paper (its last paragraph's end). */
  opened: number
  /** Resolves once the paper is open and, collaborative, synced with the relay. */
  ready: Promise<void>
  /** Puts the cursor at the end of the first paragraph and records each keystroke from then on. */
  startTyping(): void
  /** Keystroke-to-DOM times: keydown's timestamp to the typed character in the editor's DOM. */
  samples: number[]
  /** Updates that arrived from the relay (the other client typing). */
  remoteUpdates: number
  /** Resolves at the next animation frame. */
  frame(): Promise<void>
}

declare global {
  interface Window {
    bench: BenchPage
  }
}

const params = new URLSearchParams(location.search)
// `?mode=suggest`: the collaborative editor in suggesting mode, on a paper with open suggestions.
const suggesting = params.get('mode') === 'suggest'
const collaborative = params.get('mode') === 'collab' || suggesting
/** The end of the paper's last paragraph: once the DOM has it, the paper is open. */
const until = params.get('until') ?? ''
const mount = document.getElementById('editor') as HTMLElement

const bench: BenchPage = {
  opened: Number.NaN,
  ready: Promise.resolve(),
  startTyping: () => undefined,
  samples: [],
  remoteUpdates: 0,
  frame: () => new Promise((resolve) => requestAnimationFrame(() => resolve())),
}
window.bench = bench
bench.ready = collaborative ? openCollaborative() : openPlain()

async function openPlain(): Promise<void> {
  const content = (await (await fetch('paper.json')).json()) as object
  const editor = new Editor({ element: mount, extensions: bodyExtensions(), content })
  bench.opened = await whenOpen(editor)
  bench.startTyping = () => recordKeystrokes(editor)
}

async function openCollaborative(): Promise<void> {
  const file = suggesting ? 'paper-suggest.ystate' : 'paper.ystate'
  const stored = new Uint8Array(await (await fetch(file)).arrayBuffer())
  const doc = new Y.Doc()
  Y.applyUpdate(doc, stored)
  const awareness = new Awareness(doc)
  const user = { memberId: 'm-anne', name: 'Anne Berg', organisation: 'NTNU', color: '#7c3aed' }
  const editor = new Editor({
    element: mount,
    // The app's editor as PaperEditor makes it (paperExtensions), with no comments.
    extensions: paperExtensions({
      doc,
      awareness,
      user,
      colorOf: memberColor,
      openLink: () => undefined,
      onActivateThread: () => undefined,
      suggesting: {
        forced: () => suggesting,
        suggester: () => ({
          memberId: user.memberId,
          name: user.name,
          organisation: user.organisation,
        }),
      },
    }),
  })
  bench.opened = await whenOpen(editor)
  const room = params.get(suggesting ? 'suggestRoom' : 'room') ?? ''
  const provider = new WebsocketProvider(params.get('relay') ?? '', room, doc, {
    params: { token: params.get('token') ?? '' },
    awareness,
    disableBc: true,
  })
  doc.on('update', (_update: Uint8Array, origin: unknown) => {
    if (origin === provider) bench.remoteUpdates++
  })
  await new Promise<void>((resolve) => {
    if (provider.synced) resolve()
    else provider.once('sync', () => resolve())
  })
  bench.startTyping = () => recordKeystrokes(editor)
}

/** Resolves with the time the editor's DOM first holds the end of the paper. */
function whenOpen(editor: Editor): Promise<number> {
  const dom = editor.view.dom
  const open = () => dom.lastElementChild?.textContent?.endsWith(until) === true
  if (open()) return Promise.resolve(performance.now())
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!open()) return
      observer.disconnect()
      resolve(performance.now())
    })
    observer.observe(dom, { childList: true, subtree: true, characterData: true })
  })
}

/**
 * Types go to the end of the first paragraph. A keystroke counts as done when both the editor's
 * state and its DOM hold it: this observer is created after ProseMirror's own, so it runs after
 * ProseMirror has read the browser's edit, dispatched it, and (collaborative) written it to Yjs
 * and sent it. Keydown's timestamp is the input event's, so waiting in the queue counts too.
 */
function recordKeystrokes(editor: Editor): void {
  const first = editor.state.doc.firstChild
  if (first === null) throw new Error('the paper is empty')
  editor
    .chain()
    .focus()
    .setTextSelection(first.nodeSize - 1)
    .run()
  const dom = editor.view.dom
  const typedLength = () =>
    Math.min(
      editor.state.doc.firstChild?.textContent.length ?? 0,
      dom.firstElementChild?.textContent?.length ?? 0,
    )
  const base = typedLength()
  let typed = 0
  const pending: { start: number; length: number }[] = []
  dom.addEventListener(
    'keydown',
    (event) => {
      if (event.key.length !== 1) return
      typed++
      pending.push({ start: event.timeStamp, length: base + typed })
    },
    true,
  )
  new MutationObserver(() => {
    if (pending.length === 0) return
    const now = performance.now()
    const length = typedLength()
    while (pending[0] !== undefined && pending[0].length <= length) {
      bench.samples.push(now - pending[0].start)
      pending.shift()
    }
  }).observe(dom, { childList: true, subtree: true, characterData: true })
}
