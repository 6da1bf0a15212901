import type { Editor } from '@tiptap/core'
import type { Transaction } from '@tiptap/pm/state'
import { TextSelection } from '@tiptap/pm/state'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type * as Y from 'yjs'
import {
  SUGGESTED,
  addReply,
  addThread,
  anchoredText,
  decideTracked,
  paperBody,
  resolveThread,
  suggestionsIn,
  type Author,
  type PlacedSuggestion,
  type Thread,
  type TrackedAuthor,
  type TrackedRef,
  type Which,
  type Written,
} from '../../../shared/model/index.ts'
import { decideInEditor } from '../editor/suggesting.ts'
import type { RoomSession } from '../sync/room-session.ts'
import { anchorForRange, textRuns, type TextRun } from './anchor-map.ts'

/** Typing moves the suggestions: the list follows once it pauses this long (ms). */
const SETTLE_MS = 200

/** One open suggestion with its conversation (the open thread about it, if any). */
export type SuggestionEntry = PlacedSuggestion & { thread: Thread | null }

/** Whose suggestions a bulk decision takes: everyone's, one member's or one organisation's. */
export type SuggestionGroup =
  | { kind: 'all' }
  | { kind: 'member'; memberId: string }
  | { kind: 'organisation'; organisation: string }

export function groupWhich(group: SuggestionGroup): Which {
  if (group.kind === 'member') return (author) => author.memberId === group.memberId
  if (group.kind === 'organisation') return (author) => author.organisation === group.organisation
  return () => true
}

export type Suggestions = {
  /** The open suggestions in the text, in document order. */
  list: SuggestionEntry[]
  /** Threads about suggestions that are no longer in the text and that nobody decided. */
  gone: Thread[]
  /**
   * Suggestions a partner's change took out of the text in this session without a decision
   * (their author took them back, or someone deleted their text): said, until dismissed.
   */
  vanished: PlacedSuggestion[]
  dismissVanished(id: string): void
  active: string | null
  activate(id: string | null, options?: { reveal?: boolean }): void
  step(direction: 1 | -1): void
  /** Accepts or rejects suggestions: one undo step in the text, and a record of who decided. */
  decide(which: Which, how: 'accept' | 'reject'): number
  reply(entry: SuggestionEntry, text: string): Written<string>
  dismiss(threadId: string): Written
}

/**
 * The open suggestions of the paper, read from the editor whenever typing pauses (and at once
 * when a decision or a partner's change lands), with their threads from the comments doc.
 */
export function useSuggestions(props: {
  editor: Editor | null
  body: RoomSession | null
  comments: RoomSession | null
  author: Author
  trackedThreads: readonly Thread[]
}): Suggestions {
  const { editor, body, comments, author, trackedThreads } = props
  const [placed, setPlaced] = useState<PlacedSuggestion[]>([])
  const [active, setActive] = useState<string | null>(null)
  const [lost, setLost] = useState<PlacedSuggestion[]>([])

  useEffect(() => {
    if (editor === null) return
    let timer: ReturnType<typeof setTimeout> | undefined
    let shown: PlacedSuggestion[] = []
    let fromPartner = false
    const read = () => {
      if (editor.isDestroyed) return
      const next = suggestionsIn(editor.state.doc)
      if (fromPartner) {
        const still = new Set(next.map((entry) => entry.id))
        const gone = shown.filter((entry) => !still.has(entry.id))
        if (gone.length > 0) {
          setLost((known) => [...known, ...gone.filter((g) => !known.some((k) => k.id === g.id))])
        }
      }
      fromPartner = false
      shown = next
      setPlaced((previous) => (sameSuggestions(previous, next) ? previous : next))
    }
    const onTransaction = ({ transaction }: { transaction: Transaction }) => {
      if (!transaction.docChanged) return
      const sync = transaction.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined
      if (sync?.isChangeOrigin === true) fromPartner = true
      clearTimeout(timer)
      // A decision or a partner's change: the cards follow at once; typing, once it pauses.
      const now =
        transaction.getMeta(SUGGESTED) !== undefined && transaction.getMeta(SUGGESTED) !== 'suggest'
      timer = setTimeout(read, now ? 0 : SETTLE_MS)
    }
    read()
    editor.on('transaction', onTransaction)
    return () => {
      clearTimeout(timer)
      editor.off('transaction', onTransaction)
    }
  }, [editor])

  const list = useMemo(() => {
    const open = new Map<string, Thread>()
    for (const thread of trackedThreads) {
      if (thread.tracked !== null && thread.decision === null && thread.state === 'open') {
        open.set(thread.tracked, thread)
      }
    }
    return placed.map((entry) => ({ ...entry, thread: open.get(entry.id) ?? null }))
  }, [placed, trackedThreads])

  const gone = useMemo(() => {
    const inText = new Set(placed.map((entry) => entry.id))
    return trackedThreads.filter(
      (thread) =>
        thread.tracked !== null &&
        thread.decision === null &&
        thread.state === 'open' &&
        !inText.has(thread.tracked),
    )
  }, [placed, trackedThreads])

  const vanished = useMemo(() => {
    // A decision recorded (it may arrive after the text changed) or the suggestion back: not lost.
    const decided = new Set(
      trackedThreads.filter((t) => t.decision !== null).map((t) => t.tracked ?? ''),
    )
    const inText = new Set(placed.map((entry) => entry.id))
    const discussed = new Set(gone.map((thread) => thread.tracked ?? ''))
    return lost.filter(
      (entry) => !decided.has(entry.id) && !inText.has(entry.id) && !discussed.has(entry.id),
    )
  }, [lost, placed, trackedThreads, gone])
  const dismissVanished = useCallback(
    (id: string) => setLost((known) => known.filter((entry) => entry.id !== id)),
    [],
  )

  const listRef = useRef(list)
  listRef.current = list

  const activate = useCallback(
    (id: string | null, options: { reveal?: boolean } = {}) => {
      setActive(id)
      if (id === null || editor === null || editor.isDestroyed || options.reveal !== true) return
      const entry = listRef.current.find((s) => s.id === id)
      if (entry === undefined) return
      const { doc } = editor.state
      const at = Math.min(entry.from, doc.content.size)
      editor.view.dispatch(
        editor.state.tr.setSelection(TextSelection.near(doc.resolve(at))).scrollIntoView(),
      )
    },
    [editor],
  )

  const step = useCallback(
    (direction: 1 | -1) => {
      const entries = listRef.current
      if (entries.length === 0) return
      const at = entries.findIndex((s) => s.id === active)
      const next =
        at === -1
          ? direction === 1
            ? entries[0]
            : entries.at(-1)
          : entries[(at + direction + entries.length) % entries.length]
      if (next !== undefined) activate(next.id, { reveal: true })
    },
    [active, activate],
  )

  /** Where suggestions are in the Yjs text, to record them by (one walk of the text for all). */
  const refsOf = useCallback(
    (entries: readonly PlacedSuggestion[]): TrackedRef[] => {
      if (editor === null || body === null || entries.length === 0) return []
      const runs = textRuns(paperBody(body.doc), editor.state.doc)
      if (runs === null) return []
      return entries
        .map((entry) => refAt(entry, runs, body.doc, editor.state.doc.content.size))
        .filter((ref): ref is TrackedRef => ref !== null)
    },
    [editor, body],
  )
  const decide = useCallback(
    (which: Which, how: 'accept' | 'reject') => {
      if (editor === null) return 0
      const chosen = listRef.current.filter((entry) => which(entry.author))
      // Where each one is, before the decision moves the text.
      const refs = refsOf(chosen)
      if (!decideInEditor(editor, which, how)) return 0
      if (comments !== null && refs.length > 0) {
        decideTracked(comments.doc, refs, {
          outcome: how === 'accept' ? 'accepted' : 'rejected',
          by: author,
        })
      }
      return chosen.length
    },
    [editor, comments, author, refsOf],
  )

  const reply = useCallback(
    (entry: SuggestionEntry, text: string): Written<string> => {
      if (comments === null) {
        return { ok: false, problems: [{ path: '', message: 'the comments are not open yet' }] }
      }
      if (entry.thread !== null) return addReply(comments.doc, entry.thread.id, { author, text })
      const ref = refsOf([entry])[0] ?? null
      if (ref === null) {
        return { ok: false, problems: [{ path: '', message: 'the suggestion is not in the text' }] }
      }
      return addThread(comments.doc, { ...ref, author, text })
    },
    [comments, author, refsOf],
  )

  const dismiss = useCallback(
    (threadId: string): Written =>
      comments === null
        ? { ok: false, problems: [{ path: '', message: 'the comments are not open yet' }] }
        : resolveThread(comments.doc, threadId, author),
    [comments, author],
  )

  return { list, gone, vanished, dismissVanished, active, activate, step, decide, reply, dismiss }
}

/** A suggestion's place in the Yjs text (an anchor and its quote), to record a decision by. */
function refAt(
  entry: PlacedSuggestion,
  runs: TextRun[],
  bodyDoc: Y.Doc,
  size: number,
): TrackedRef | null {
  // A suggested break has no text of its own: the character after it stands for it.
  const anchor =
    anchorForRange(runs, entry.from, Math.max(entry.to, entry.from + 1)) ??
    anchorForRange(runs, Math.max(0, entry.from - 1), Math.min(size, entry.from + 1))
  if (anchor === null) return null
  return { tracked: entry.id, anchor, quote: anchoredText(anchor, bodyDoc) ?? '' }
}

function sameAuthor(a: TrackedAuthor, b: TrackedAuthor): boolean {
  return a.id === b.id && a.memberId === b.memberId && a.at === b.at
}

/** Same suggestions at the same places: the cards need not render again. */
function sameSuggestions(a: readonly PlacedSuggestion[], b: readonly PlacedSuggestion[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i] as PlacedSuggestion
      return (
        sameAuthor(x.author, y.author) &&
        x.from === y.from &&
        x.to === y.to &&
        x.inserted === y.inserted &&
        x.deleted === y.deleted &&
        x.kinds.join() === y.kinds.join()
      )
    })
  )
}
