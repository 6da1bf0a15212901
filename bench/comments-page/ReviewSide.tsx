import type { Editor } from '@tiptap/core'
import { useLayoutEffect, useMemo, useState } from 'react'
import { createPortal } from 'react-dom'
import { SideTabs, type SideTab } from '../../renderer/src/editor/SideTabs.tsx'
import { MarginComments } from '../../renderer/src/review/MarginComments.tsx'
import { ReviewPanel } from '../../renderer/src/review/ReviewPanel.tsx'
import { filterThreads, type ThreadFilter } from '../../renderer/src/review/thread-order.ts'
import { useReview } from '../../renderer/src/review/use-review.ts'
import type { RoomSession } from '../../renderer/src/sync/room-session.ts'
import type { Identity } from '../../renderer/src/workspace/identity.ts'
import { timing } from './timing.ts'

const NONE: ReadonlySet<string> = new Set()

/**
 * The editor screen's side of the review as EditorScreen wires it on a wide window: useReview
 * runs all the time, the open threads in the text are in the margin beside the page
 * (MarginComments), and the comments tab mounts ReviewPanel (the details tab, the paper's meta in the app, is empty
 * here). Each render that ends in a commit with the panel open while keystrokes are recorded is
 * one sample: from this component's render (useReview placing the threads) to its layout effect,
 * which runs after every card below it is committed to the DOM.
 */
export function ReviewSide(props: {
  editor: Editor
  body: RoomSession
  comments: RoomSession
  identity: Identity
  /** Where EditorScreen puts the margin on a wide window: beside the page. */
  margin: HTMLElement
  scroller: HTMLElement
}) {
  const started = performance.now()
  const review = useReview(props)
  const [tab, setTab] = useState<SideTab>('details')
  const [filter, setFilter] = useState<ThreadFilter>({
    state: 'open',
    organisation: '',
    mine: false,
  })
  const openCount = review.threads.filter(({ thread }) => thread.state === 'open').length
  // As EditorScreen does on a wide window: the open threads in the text go in the margin.
  const inText = useMemo(
    () =>
      filterThreads(review.threads, filter, review.author.memberId).filter(
        ({ thread, placement }) => thread.state === 'open' && placement === 'text',
      ),
    [review.threads, filter, review.author.memberId],
  )
  const inMargin = useMemo(() => new Set(inText.map(({ thread }) => thread.id)), [inText])
  useLayoutEffect(() => {
    if (tab === 'comments' && timing.phase !== 'idle') {
      timing.samples.panel.push(performance.now() - started)
    }
  })
  return (
    <>
      {createPortal(
        <MarginComments
          editor={props.editor}
          review={review}
          threads={inText}
          role={props.identity.role}
          bodyLocked={false}
          waiting={NONE}
          scroller={props.scroller}
        />,
        props.margin,
      )}
      <SideTabs tab={tab} onTab={setTab} openComments={openCount}>
        {tab === 'comments' && (
          <ReviewPanel
            review={review}
            role={props.identity.role}
            bodyLocked={false}
            waiting={NONE}
            filter={filter}
            onFilter={setFilter}
            inMargin={inMargin}
            composerInMargin
          />
        )}
      </SideTabs>
    </>
  )
}
