import type { Editor } from '@tiptap/core'
import type { Transaction } from '@tiptap/pm/state'
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { Written } from '../../../shared/model/index.ts'
import type { Role } from '../../../shared/protocol/index.ts'
import { useI18n } from '../i18n/I18nContext.tsx'
import { problemsText } from '../ui/error-text.ts'
import { CommentComposer } from './CommentComposer.tsx'
import { stackCards, type MarginItem } from './margin-layout.ts'
import { reviewKey } from './review-plugin.ts'
import type { PlacedThread } from './thread-order.ts'
import { SuggestionCard } from './SuggestionCard.tsx'
import { ThreadCard } from './ThreadCard.tsx'
import type { SuggestionEntry, Suggestions } from './use-suggestions.ts'
import { DRAFT_MARK, nextFocus, type Review } from './use-review.ts'

/** A card's height before it has been measured (a compact card with two lines of comment). */
const ESTIMATED_HEIGHT = 104
/** Cards this far (px) above or below the visible part of the paper are laid out but not drawn. */
const OVERSCAN = 800
/** Typing reflows the text: the cards follow once it pauses this long (ms). */
const SETTLE_MS = 200
/** A suggestion's card id in the margin: never a thread id (no colon in those). */
const SUGGESTION_CARD = 'suggestion:'
const cardId = (entry: SuggestionEntry) => `${SUGGESTION_CARD}${entry.id}`
const NO_SUGGESTIONS: readonly SuggestionEntry[] = []

/**
 * The threads in the text, in the margin beside it (Google Docs, Word): each card level with its
 * highlight, pushed down where cards would overlap, the active card exactly beside its text, and
 * the comment being written beside the text it is on. Only the cards near the visible part of
 * the paper are drawn, so a paper with a thousand threads costs what a screenful does.
 */
export function MarginComments(props: {
  editor: Editor
  review: Review
  /** The threads to show, in document order: open, in the text, through the filters. */
  threads: readonly PlacedThread[]
  role: Role
  bodyLocked: boolean
  waiting: ReadonlySet<string>
  /** The element that scrolls the paper. */
  scroller: HTMLElement | null
  /** The open suggestions, each with its card beside its text too. */
  suggestions?: Suggestions
  canDecide?: boolean
}) {
  const { t } = useI18n()
  const { editor, review, threads, scroller } = props
  const suggestionList = props.suggestions?.list ?? NO_SUGGESTIONS
  const margin = useRef<HTMLElement>(null)
  const [wants, setWants] = useState<ReadonlyMap<string, number>>(new Map())
  const heights = useRef(new Map<string, number>())
  const [measured, setMeasured] = useState(0)
  const [view, setView] = useState({ top: 0, bottom: 2000 })
  const [problem, setProblem] = useState<string | null>(null)
  const onProblem = (written: Written<unknown>) =>
    setProblem(written.ok ? null : t('review.failed', { reason: problemsText(written.problems) }))
  const drafting = review.draft !== null

  /** Each card's line within its paragraph, from when it was last measured exactly (px). */
  const lineOffsets = useRef(new Map<string, number>())
  const scrollerRef = useRef(scroller)
  scrollerRef.current = scroller

  /**
   * Where each highlight starts, px from the top of the margin (the page's top). Exactly
   * (view.coordsAtPos) for the threads whose paragraph is near the visible part of the paper;
   * for the others their paragraph's top plus where in it they were last seen, which costs a
   * paragraph's box instead of a text measurement each: a thousand exact ones took 21 ms, too
   * long to do whenever typing pauses (npm run bench -- comments).
   */
  const measure = useCallback(() => {
    const element = margin.current
    if (element === null || editor.isDestroyed) return
    performance.mark('samstemt:margin-layout-start')
    const top = element.getBoundingClientRect().top
    const box = scrollerRef.current?.getBoundingClientRect()
    const near =
      box === undefined
        ? { from: -Infinity, to: Infinity }
        : { from: box.top - top - OVERSCAN, to: box.bottom - top + OVERSCAN }
    const { view } = editor
    const { doc } = view.state
    const spans = reviewKey.getState(view.state)?.spans
    const blocks = new Map<number, number | null>()
    const blockTop = (start: number) => {
      let found = blocks.get(start)
      if (found === undefined) {
        const dom = view.nodeDOM(start)
        found = dom instanceof HTMLElement ? dom.getBoundingClientRect().top - top : null
        blocks.set(start, found)
      }
      return found
    }
    const next = new Map<string, number>()
    const place = (id: string) => {
      const span = spans?.get(id)
      if (span !== undefined) placeAt(id, span.from)
    }
    const placeAt = (id: string, from: number) => {
      if (from > doc.content.size) return
      const $from = doc.resolve(from)
      const block = $from.depth > 0 ? blockTop($from.before(1)) : null
      try {
        if (block !== null && (block < near.from || block > near.to)) {
          next.set(id, block + (lineOffsets.current.get(id) ?? 0))
          return
        }
        const exact = view.coordsAtPos(from).top - top
        if (block !== null) lineOffsets.current.set(id, exact - block)
        next.set(id, exact)
      } catch {
        // A position the view cannot place yet (mid-update): measured on the next round.
      }
    }
    const ids = threads.map(({ thread }) => thread.id)
    for (const id of ids) place(id)
    for (const entry of suggestionList) {
      ids.push(cardId(entry))
      placeAt(cardId(entry), entry.from)
    }
    if (drafting) {
      ids.push(DRAFT_MARK)
      place(DRAFT_MARK)
    }
    // A card the view could not place this time (mid-update) stays where it was: a card left
    // out is not drawn, and the form being written would be taken down under the writer's hands.
    setWants((previous) => {
      for (const id of ids) {
        const was = previous.get(id)
        if (!next.has(id) && was !== undefined) next.set(id, was)
      }
      return next
    })
    performance.measure('samstemt:margin-layout', 'samstemt:margin-layout-start')
  }, [editor, threads, drafting, suggestionList])

  const measureRef = useRef(measure)
  measureRef.current = measure
  useLayoutEffect(measure, [measure])
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    let frame = 0
    const later = () => {
      clearTimeout(timer)
      timer = setTimeout(measure, SETTLE_MS)
    }
    const onTransaction = ({ transaction }: { transaction: Transaction }) => {
      if (transaction.docChanged) later()
      // New threads or a new draft drawn in the text: place them at once.
      else if (transaction.getMeta(reviewKey) !== undefined && frame === 0) {
        frame = requestAnimationFrame(() => {
          frame = 0
          measure()
        })
      }
    }
    editor.on('transaction', onTransaction)
    const resized = new ResizeObserver(later)
    resized.observe(editor.view.dom)
    void document.fonts.ready.then(later)
    return () => {
      clearTimeout(timer)
      cancelAnimationFrame(frame)
      editor.off('transaction', onTransaction)
      resized.disconnect()
    }
  }, [editor, measure])

  // The visible part of the paper, in the margin's coordinates.
  useEffect(() => {
    if (scroller === null) return
    let frame = 0
    const read = () => {
      frame = 0
      const element = margin.current
      if (element === null) return
      const offset = element.getBoundingClientRect().top - scroller.getBoundingClientRect().top
      setView({ top: -offset, bottom: -offset + scroller.clientHeight })
    }
    let settle: ReturnType<typeof setTimeout> | undefined
    const onScroll = () => {
      if (frame === 0) frame = requestAnimationFrame(read)
      // Cards coming into view are placed exactly once the scrolling rests.
      clearTimeout(settle)
      settle = setTimeout(() => measureRef.current(), SETTLE_MS / 2)
    }
    read()
    scroller.addEventListener('scroll', onScroll, { passive: true })
    const resized = new ResizeObserver(onScroll)
    resized.observe(scroller)
    return () => {
      cancelAnimationFrame(frame)
      clearTimeout(settle)
      scroller.removeEventListener('scroll', onScroll)
      resized.disconnect()
    }
  }, [scroller])

  const activeSuggestion = props.suggestions?.active ?? null
  const active = drafting
    ? DRAFT_MARK
    : activeSuggestion !== null
      ? `${SUGGESTION_CARD}${activeSuggestion}`
      : review.active
  const items = useMemo(() => {
    void measured
    const item = (id: string): MarginItem => ({
      id,
      want: wants.get(id) ?? 0,
      height: heights.current.get(id) ?? ESTIMATED_HEIGHT,
    })
    const list: MarginItem[] = threads.map(({ thread }) => item(thread.id))
    if (suggestionList.length > 0) {
      // Threads and suggestions in one column, each beside its text (a stable sort keeps ties).
      list.push(...suggestionList.map((entry) => item(cardId(entry))))
      list.sort((a, b) => a.want - b.want)
    }
    const draftAt = wants.get(DRAFT_MARK)
    if (drafting && draftAt !== undefined) {
      const draft = {
        id: DRAFT_MARK,
        want: draftAt,
        height: heights.current.get(DRAFT_MARK) ?? 260,
      }
      const at = list.findIndex((item) => item.want > draftAt)
      list.splice(at === -1 ? list.length : at, 0, draft)
    }
    return list
  }, [threads, suggestionList, wants, drafting, measured])
  const tops = useMemo(() => stackCards(items, active), [items, active])

  // Cards report their heights; a change moves the cards after them.
  const observer = useMemo(
    () =>
      new ResizeObserver((entries) => {
        let changed = false
        for (const entry of entries) {
          const id = (entry.target as HTMLElement).dataset['card'] ?? ''
          const height = Math.round(entry.borderBoxSize[0]?.blockSize ?? 0)
          if (height > 0 && heights.current.get(id) !== height) {
            heights.current.set(id, height)
            changed = true
          }
        }
        if (changed) setMeasured((n) => n + 1)
      }),
    [],
  )
  useEffect(() => () => observer.disconnect(), [observer])
  // React 19 runs a ref callback's returned cleanup when the card goes.
  const observe = useCallback(
    (element: HTMLElement | null) => {
      if (element === null) return
      observer.observe(element)
      return () => observer.unobserve(element)
    },
    [observer],
  )

  const focusTarget = review.focus?.target
  const byId = useMemo(
    () => new Map(threads.map((placed) => [placed.thread.id, placed])),
    [threads],
  )
  const suggestionById = useMemo(
    () => new Map(suggestionList.map((entry) => [cardId(entry), entry])),
    [suggestionList],
  )
  const drawn = items.filter((item) => {
    const top = tops.get(item.id) ?? 0
    const near = top + item.height > view.top - OVERSCAN && top < view.bottom + OVERSCAN
    return near || item.id === active || item.id === focusTarget
  })
  const last = items.at(-1)
  const height = last === undefined ? 0 : (tops.get(last.id) ?? 0) + last.height
  const ids = threads.map((placed) => placed.thread.id)

  return (
    <section ref={margin} className="comment-margin" aria-label={t('review.margin.label')}>
      {problem !== null && (
        <p className="notice notice-error margin-problem" role="alert">
          {problem}
        </p>
      )}
      <ol className="margin-cards" style={{ height }}>
        {drawn.map((item) => {
          const top = tops.get(item.id) ?? 0
          if (item.id === DRAFT_MARK) {
            return (
              <li
                key={item.id}
                ref={observe}
                data-card={item.id}
                className="margin-card"
                style={{ top }}
              >
                <CommentComposer review={review} onProblem={onProblem} inMargin />
              </li>
            )
          }
          const suggestion = suggestionById.get(item.id)
          if (suggestion !== undefined && props.suggestions !== undefined) {
            return (
              <li
                key={item.id}
                ref={observe}
                data-card={item.id}
                className="margin-card"
                style={{ top }}
              >
                <SuggestionCard
                  entry={suggestion}
                  suggestions={props.suggestions}
                  canDecide={props.canDecide ?? false}
                  compact
                  onProblem={onProblem}
                  onDecided={() => props.suggestions?.activate(null)}
                />
              </li>
            )
          }
          const placed = byId.get(item.id)
          if (placed === undefined) return null
          return (
            <li
              key={item.id}
              ref={observe}
              data-card={item.id}
              className="margin-card"
              style={{ top }}
            >
              <ThreadCard
                placed={placed}
                review={review}
                role={props.role}
                bodyLocked={props.bodyLocked}
                waiting={props.waiting}
                compact
                onProblem={onProblem}
                onGone={(id) => review.requestFocus(nextFocus(ids, id))}
              />
            </li>
          )
        })}
      </ol>
    </section>
  )
}
