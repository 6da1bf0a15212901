import { useEffect, useState } from 'react'
import type * as Y from 'yjs'
import {
  contentHash,
  observeWorkflow,
  paperContent,
  readWorkflow,
  type Workflow,
} from '../../../shared/model/index.ts'
import type { RoomSession } from '../sync/room-session.ts'
import { useDocValue } from '../sync/use-room.ts'

const EMPTY: Workflow = { status: 'draft', history: [], versions: [], endorsements: [] }
const read = (doc: Y.Doc) => readWorkflow(doc).value
const observe = (doc: Y.Doc, listener: () => void) => observeWorkflow(doc, listener)

/** The paper's workflow doc: status and its history, named versions, endorsements. */
export function useWorkflow(session: RoomSession | null): Workflow {
  return useDocValue(session?.doc ?? null, read, observe, EMPTY)
}

const SETTLE_MS = 400

/**
 * The SHA-256 of the paper's canonical content now, recomputed once edits settle: endorsements of
 * another hash are flagged as no longer the current text.
 */
export function useCurrentHash(paper: RoomSession | null): string | null {
  const [hash, setHash] = useState<string | null>(null)
  useEffect(() => {
    if (paper === null) return
    let timer: ReturnType<typeof setTimeout> | undefined
    const compute = () => {
      timer = undefined
      setHash(contentHash(paperContent(paper.doc)))
    }
    compute()
    const later = () => {
      if (timer === undefined) timer = setTimeout(compute, SETTLE_MS)
    }
    paper.doc.on('update', later)
    return () => {
      clearTimeout(timer)
      paper.doc.off('update', later)
    }
  }, [paper])
  return hash
}
