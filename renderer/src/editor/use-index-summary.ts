import { useEffect } from 'react'
import {
  readPaperMeta,
  readPapers,
  upsertPaperSummary,
  type PaperStatus,
} from '../../../shared/model/index.ts'
import { isLocalOrigin } from '../sync/origins.ts'
import type { RoomSession } from '../sync/room-session.ts'

const SETTLE_MS = 1_000
/** "Last change" in the library is a rough time; touching the index on every keystroke is not. */
const TOUCH_EVERY_MS = 60_000

/**
 * Keeps the paper's line in the library up to date with this user's edits: title, status and
 * recipients as soon as they settle, the time of the last change at most once a minute.
 */
export function useIndexSummary(
  index: RoomSession | null,
  paper: RoomSession | null,
  paperId: string,
  writable: boolean,
  /** From the workflow doc, which alone says where the paper is. */
  status: PaperStatus,
): void {
  useEffect(() => {
    if (index === null || paper === null || !writable) return
    let timer: ReturnType<typeof setTimeout> | undefined

    const sync = () => {
      timer = undefined
      const read = readPaperMeta(paper.doc)
      // A paper whose meta has not arrived yet (opened offline for the first time) must not
      // overwrite its line in the library with defaults.
      if (read.problems.length > 0) return
      const meta = read.value
      const listed = readPapers(index.doc).value.find((entry) => entry.id === paperId)
      const now = Date.now()
      const changed =
        listed === undefined ||
        listed.title !== meta.title ||
        listed.status !== status ||
        listed.recipients.join('\n') !== meta.recipients.join('\n')
      if (!changed && now - listed.updatedAt < TOUCH_EVERY_MS) return
      upsertPaperSummary(index.doc, {
        id: paperId,
        title: meta.title,
        status,
        recipients: meta.recipients,
        createdAt: listed?.createdAt ?? now,
        updatedAt: now,
      })
    }

    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (isLocalOrigin(origin) && timer === undefined) timer = setTimeout(sync, SETTLE_MS)
    }
    paper.doc.on('update', onUpdate)
    return () => {
      paper.doc.off('update', onUpdate)
      if (timer !== undefined) {
        clearTimeout(timer)
        sync()
      }
    }
  }, [index, paper, paperId, writable, status])
}
