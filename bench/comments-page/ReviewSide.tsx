import type { Editor } from '@tiptap/core'
import { useLayoutEffect, useState } from 'react'
import { SideTabs, type SideTab } from '../../renderer/src/editor/SideTabs.tsx'
import { ReviewPanel } from '../../renderer/src/review/ReviewPanel.tsx'
import type { ThreadFilter } from '../../renderer/src/review/thread-order.ts'
import { useReview } from '../../renderer/src/review/use-review.ts'
import type { RoomSession } from '../../renderer/src/sync/room-session.ts'
import type { Identity } from '../../renderer/src/workspace/identity.ts'
import { timing } from './timing.ts'

const NONE: ReadonlySet<string> = new Set()

/**
 * The editor screen's side of the review as EditorScreen wires it: useReview runs all the time,
 * and the comments tab mounts ReviewPanel (the details tab, the paper's meta in the app, is empty
 * here). Each render that ends in a commit with the panel open while keystrokes are recorded is
 * one sample: from this component's render (useReview placing the threads) to its layout effect,
 * which runs after every card below it is committed to the DOM.
 */
export function ReviewSide(props: {
  editor: Editor
  body: RoomSession
  comments: RoomSession
  identity: Identity
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
  useLayoutEffect(() => {
    if (tab === 'comments' && timing.phase !== 'idle') {
      timing.samples.panel.push(performance.now() - started)
    }
  })
  return (
    <SideTabs tab={tab} onTab={setTab} openComments={openCount}>
      {tab === 'comments' && (
        <ReviewPanel
          review={review}
          role={props.identity.role}
          bodyLocked={false}
          waiting={NONE}
          filter={filter}
          onFilter={setFilter}
          inMargin={NONE}
          composerInMargin={false}
        />
      )}
    </SideTabs>
  )
}
