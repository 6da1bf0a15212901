import { useEffect, useMemo, useState } from 'react'
import type * as Y from 'yjs'
import {
  observeThreads,
  readThreads,
  waitingCommentIds,
  type Thread,
} from '../../../shared/model/index.ts'
import type { RoomSession } from '../sync/room-session.ts'
import { useDocValue, useRoomStatus } from '../sync/use-room.ts'

const NO_THREADS: Thread[] = []
const read = (doc: Y.Doc) => readThreads(doc).value
const observe = (doc: Y.Doc, listener: () => void) => observeThreads(doc, listener)

/** The paper's threads, oldest first, read again whenever any of them changes. */
export function useThreads(session: RoomSession | null): Thread[] {
  return useDocValue(session?.doc ?? null, read, observe, NO_THREADS)
}

const NONE: ReadonlySet<string> = new Set()

/**
 * The comments (thread ids, and `thread/reply` ids) holding changes the relay has not committed
 * yet, once they are stored on this computer: "waiting for the relay" promises that a crash now
 * loses none of them. Their count is the status bar's; each of their cards says "not sent yet".
 */
export function useWaitingComments(session: RoomSession | null): ReadonlySet<string> {
  const status = useRoomStatus(session)
  const [changes, setChanges] = useState(0)
  useEffect(() => {
    if (session === null) return
    const bump = () => setChanges((n) => n + 1)
    session.doc.on('update', bump)
    return () => session.doc.off('update', bump)
  }, [session])
  return useMemo(() => {
    const committed = session?.committedState() ?? null
    const stored = status.saved.kind === 'pending'
    return session === null || committed === null || !stored
      ? NONE
      : waitingCommentIds(session.doc, committed)
    // `changes` counts the doc's updates: the count is read again after each one.
  }, [session, status, changes])
}
