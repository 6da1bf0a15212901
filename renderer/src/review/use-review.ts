import type { Editor } from '@tiptap/core'
import type { EditorView } from '@tiptap/pm/view'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type * as Y from 'yjs'
import {
  addReply,
  addThread,
  anchoredText,
  decideSuggestion,
  decodeAnchor,
  deleteComment,
  editComment,
  isAnchorPending,
  paperBody,
  reopenThread,
  resolveThread,
  type Author,
  type Thread,
  type Written,
} from '../../../shared/model/index.ts'
import type { RoomSession } from '../sync/room-session.ts'
import type { Identity } from '../workspace/identity.ts'
import { anchorForRange, textRuns, type Span } from './anchor-map.ts'
import { orderThreads, type PlacedThread } from './thread-order.ts'
import { reviewKey, setReview, type ThreadMark } from './review-plugin.ts'
import { useThreads } from './use-comments.ts'
import { problemsText } from '../ui/error-text.ts'

/** The mark id of the text a comment is being written on: never a thread id (no colon in those). */
export const DRAFT_MARK = 'draft:composer'

/** What the new-comment form holds; kept with the draft, so a form drawn again keeps the words. */
export type DraftForm = { text: string; suggesting: boolean; suggestion: string }

/** A comment being written: the text it is on, and what the form holds so far. */
export type Draft = {
  anchor: NonNullable<Thread['anchor']>
  quote: string
  /**
   * The form's fields as typed so far. The form can be drawn again while it is in use (the margin
   * places it anew, the window narrows to the side list): it starts from these.
   */
  form: DraftForm
}

/** What accepting a suggestion did, or why it did not. */
export type AcceptResult =
  | { kind: 'applied' }
  | { kind: 'changed'; current: string }
  | { kind: 'gone' }
  | { kind: 'failed'; reason: string }

/** The focus target of the "Comment" button, when no card is left to go to. */
export const ADD_COMMENT = 'add-comment'

/** The card after `id` in `ids` (the one before, at the end), or the "Comment" button. */
export function nextFocus(ids: readonly string[], id: string): string {
  const at = ids.indexOf(id)
  const rest = ids.filter((other) => other !== id)
  if (rest.length === 0) return ADD_COMMENT
  return rest[Math.min(Math.max(at, 0), rest.length - 1)] ?? ADD_COMMENT
}

/** Where keyboard focus should go next: a thread's card, or the "Comment" button. */
export type FocusRequest = { target: string; seq: number }

export type Review = {
  threads: PlacedThread[]
  /** The threads about tracked changes (suggesting mode): the suggestion cards show them. */
  trackedThreads: Thread[]
  active: string | null
  draft: Draft | null
  /** Set after an action that takes away what had focus; the card (or button) named takes it. */
  focus: FocusRequest | null
  requestFocus(target: string): void
  /** Set when "comment" was asked for without a text selection. */
  needsSelection: boolean
  author: Author
  activate(id: string | null, options?: { reveal?: boolean }): void
  step(direction: 1 | -1): void
  startDraft(): void
  cancelDraft(): void
  add(text: string, suggestion: string | null): Written<string>
  reply(threadId: string, text: string): Written<string>
  edit(threadId: string, replyId: string | null, text: string): Written
  remove(threadId: string, replyId: string | null): Written
  resolve(threadId: string): Written
  reopen(threadId: string): Written
  accept(thread: Thread, force: boolean): AcceptResult
  reject(threadId: string): Written
}

/**
 * The review of one paper: its threads placed in the text, the active one, and every comment
 * action. Comments are written to the comments doc only; accepting a suggestion is the one action
 * that changes the body, through the editor, as one undoable step.
 */
export function useReview(props: {
  editor: Editor | null
  body: RoomSession | null
  comments: RoomSession | null
  identity: Identity
}): Review {
  const { editor, body, comments, identity } = props
  const allThreads = useThreads(comments)
  // A tracked change's conversation and decision belong to its card, not to a highlight.
  const threads = useMemo(() => allThreads.filter((t) => t.tracked === null), [allThreads])
  const trackedThreads = useMemo(() => allThreads.filter((t) => t.tracked !== null), [allThreads])
  const [active, setActive] = useState<string | null>(null)
  const [draft, setDraft] = useState<Draft | null>(null)
  const [needsSelection, setNeedsSelection] = useState(false)
  const [focus, setFocus] = useState<FocusRequest | null>(null)
  const requestFocus = useCallback(
    (target: string) => setFocus((last) => ({ target, seq: (last?.seq ?? 0) + 1 })),
    [],
  )
  const spans = useEditorSpans(editor)
  const author = useMemo<Author>(
    () => ({
      memberId: identity.memberId,
      name: identity.name,
      organisation: identity.organisation,
    }),
    [identity.memberId, identity.name, identity.organisation],
  )

  // The editor draws what the comments doc holds, and the text a comment is being written on.
  useEffect(() => {
    if (editor === null || editor.isDestroyed) return
    const marks = threadMarks(threads)
    const anchor = draft === null ? null : decodeAnchor(draft.anchor)
    if (anchor !== null) {
      marks.push({ id: DRAFT_MARK, anchor, open: true, suggestion: null, draft: true })
    }
    editor.view.dispatch(setReview(editor.state.tr, { marks }))
  }, [editor, threads, draft])

  const placed = useMemo(
    () => orderThreads(threads, spans, (thread) => pending(thread, body?.doc ?? null)),
    [threads, spans, body],
  )
  const placedRef = useRef(placed)
  placedRef.current = placed

  const activate = useCallback(
    (id: string | null, options: { reveal?: boolean } = {}) => {
      setActive(id)
      if (editor === null || editor.isDestroyed) return
      editor.view.dispatch(setReview(editor.state.tr, { active: id }))
      if (id !== null && options.reveal === true) reveal(editor, id)
    },
    [editor],
  )

  const step = useCallback(
    (direction: 1 | -1) => {
      const inText = placedRef.current.filter((p) => p.span !== null && p.thread.state === 'open')
      if (inText.length === 0) return
      const at = inText.findIndex((p) => p.thread.id === active)
      const next =
        at === -1
          ? direction === 1
            ? inText[0]
            : inText.at(-1)
          : inText[(at + direction + inText.length) % inText.length]
      if (next !== undefined) activate(next.thread.id, { reveal: true })
    },
    [active, activate],
  )

  const startDraft = useCallback(() => {
    if (editor === null || body === null) return
    const { from, to } = liveSelection(editor.view)
    const runs = textRuns(paperBody(body.doc), editor.state.doc)
    const anchor = runs === null ? null : anchorForRange(runs, from, to)
    const quote = anchor === null ? null : anchoredText(anchor, body.doc)
    if (anchor === null || quote === null) {
      setNeedsSelection(true)
      setDraft(null)
      return
    }
    setNeedsSelection(false)
    // A new selection while a comment is being written keeps what was written so far.
    setDraft((last) => ({
      anchor,
      quote,
      form: last?.form ?? { text: '', suggesting: false, suggestion: quote },
    }))
    // The new comment is the one in hand: the card that was open closes, as in Google Docs.
    setActive(null)
    editor.view.dispatch(setReview(editor.state.tr, { active: null }))
  }, [editor, body])

  const write = useCallback(
    <T>(action: (doc: Y.Doc) => Written<T>): Written<T> =>
      comments === null
        ? { ok: false, problems: [{ path: '', message: 'the comments are not open yet' }] }
        : action(comments.doc),
    [comments],
  )

  return {
    threads: placed,
    trackedThreads,
    active,
    draft,
    focus,
    requestFocus,
    needsSelection,
    author,
    activate,
    step,
    startDraft,
    cancelDraft: () => {
      setDraft(null)
      setNeedsSelection(false)
      // Back to the text, where the selection still is.
      if (editor !== null && !editor.isDestroyed) editor.commands.focus()
    },
    add: (text, suggestion) => {
      if (draft === null) return { ok: false, problems: [{ path: '', message: 'no selection' }] }
      const written = write((doc) =>
        addThread(doc, {
          anchor: draft.anchor,
          quote: draft.quote,
          author,
          text,
          suggestion: suggestion === null ? null : { text: suggestion },
        }),
      )
      if (written.ok) {
        setDraft(null)
        activate(written.value)
        requestFocus(written.value)
      }
      return written
    },
    reply: (threadId, text) => write((doc) => addReply(doc, threadId, { author, text })),
    edit: (threadId, replyId, text) =>
      write((doc) => editComment(doc, { threadId, replyId }, text)),
    remove: (threadId, replyId) => write((doc) => deleteComment(doc, { threadId, replyId })),
    resolve: (threadId) => write((doc) => resolveThread(doc, threadId, author)),
    reopen: (threadId) => write((doc) => reopenThread(doc, threadId)),
    reject: (threadId) =>
      write((doc) => decideSuggestion(doc, threadId, { outcome: 'rejected', by: author })),
    accept: (thread, force) => accept(editor, body, comments, thread, author, force),
  }
}

function accept(
  editor: Editor | null,
  body: RoomSession | null,
  comments: RoomSession | null,
  thread: Thread,
  author: Author,
  force: boolean,
): AcceptResult {
  const suggestion = thread.suggestion
  if (editor === null || body === null || comments === null || suggestion === null) {
    return { kind: 'failed', reason: 'the paper is not open' }
  }
  // The span as the editor has it now: the panel's copy may lag behind typing (see below).
  const span = reviewKey.getState(editor.state)?.spans.get(thread.id)
  const current = thread.anchor === null ? null : anchoredText(thread.anchor, body.doc)
  if (span === undefined || current === null) return { kind: 'gone' }
  if (current !== thread.quote && !force) return { kind: 'changed', current }
  // One transaction: one step for the editor's (Yjs) undo.
  editor.view.dispatch(editor.state.tr.insertText(suggestion.text, span.from, span.to))
  const decided = decideSuggestion(comments.doc, thread.id, {
    outcome: 'accepted',
    by: author,
    replaced: current,
  })
  return decided.ok
    ? { kind: 'applied' }
    : { kind: 'failed', reason: problemsText(decided.problems) }
}

function threadMarks(threads: readonly Thread[]): ThreadMark[] {
  const marks: ThreadMark[] = []
  for (const thread of threads) {
    const anchor = thread.anchor === null ? null : decodeAnchor(thread.anchor)
    if (anchor === null) continue
    const open = thread.state === 'open'
    const waiting = open && thread.decision === null ? thread.suggestion : null
    marks.push({ id: thread.id, anchor, open, suggestion: waiting?.text ?? null })
  }
  return marks
}

function pending(thread: Thread, bodyDoc: Y.Doc | null): boolean {
  return bodyDoc !== null && thread.anchor !== null && isAnchorPending(thread.anchor, bodyDoc)
}

/**
 * The threads' spans as the editor has them, read at most once per frame, for the side panel's
 * order and for which threads are in the text. Typing moves spans without changing either, so
 * the previous map is kept then: with a thousand threads, re-rendering every card on every
 * keystroke cost 24–48 ms (npm run bench -- comments). Use the editor's state for positions.
 */
function useEditorSpans(editor: Editor | null): ReadonlyMap<string, Span> {
  const [spans, setSpans] = useState<ReadonlyMap<string, Span>>(new Map())
  useEffect(() => {
    if (editor === null) return
    let frame = 0
    const read = () => {
      frame = 0
      if (editor.isDestroyed) return
      const next = reviewKey.getState(editor.state)?.spans ?? new Map<string, Span>()
      setSpans((previous) => (sameOrder(previous, next) ? previous : next))
    }
    const later = () => {
      if (frame === 0) frame = requestAnimationFrame(read)
    }
    read()
    editor.on('transaction', later)
    return () => {
      cancelAnimationFrame(frame)
      editor.off('transaction', later)
    }
  }, [editor])
  return spans
}

/**
 * The selection the user sees now. ProseMirror learns of a selection made with the keyboard
 * (Shift+arrows) from `selectionchange`, which the browser fires after the key events: a comment
 * asked for right after the last Shift+Left found the state a step or two behind, and its anchor
 * that many characters short ("that cost." anchored as "at cost."). So read the DOM selection
 * when it is in the editor.
 */
export function liveSelection(view: EditorView): { from: number; to: number } {
  const dom = view.dom.ownerDocument.getSelection()
  const inside = (node: Node | null) => node !== null && view.dom.contains(node)
  if (dom !== null && dom.rangeCount > 0 && inside(dom.anchorNode) && inside(dom.focusNode)) {
    try {
      const anchor = view.posAtDOM(dom.anchorNode as Node, dom.anchorOffset)
      const head = view.posAtDOM(dom.focusNode as Node, dom.focusOffset)
      return { from: Math.min(anchor, head), to: Math.max(anchor, head) }
    } catch {
      // A point ProseMirror cannot place (inside a widget): its own selection is all there is.
    }
  }
  return view.state.selection
}

function reveal(editor: Editor, id: string): void {
  const element = editor.view.dom.querySelector(`[data-thread="${CSS.escape(id)}"]`)
  element?.scrollIntoView({ block: 'center', behavior: 'smooth' })
}

/** True when both maps hold the same threads in the same document order. */
export function sameOrder(a: ReadonlyMap<string, Span>, b: ReadonlyMap<string, Span>): boolean {
  if (a.size !== b.size) return false
  const order = (spans: ReadonlyMap<string, Span>) =>
    [...spans].sort(([, x], [, y]) => x.from - y.from || x.to - y.to).map(([id]) => id)
  const left = order(a)
  const right = order(b)
  return left.every((id, i) => id === right[i])
}
