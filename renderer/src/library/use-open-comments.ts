import { useEffect, useState } from 'react'
import { observeThreads, readThreads } from '../../../shared/model/index.ts'
import { commentsRoom } from '../../../shared/protocol/index.ts'
import type { RoomRegistry } from '../sync/room-registry.ts'

/**
 * Open threads per paper, for the library. Each paper's comments room is held open while the
 * library shows it: comments docs are small, and the counts stay live (and work offline, from
 * this computer's copy).
 */
export function useOpenComments(
  registry: RoomRegistry,
  workspace: string,
  paperIds: readonly string[],
): ReadonlyMap<string, number> {
  const [counts, setCounts] = useState<ReadonlyMap<string, number>>(new Map())
  const key = paperIds.join(',')
  useEffect(() => {
    const ids = key === '' ? [] : key.split(',')
    const cleanups = ids.map((id) => {
      const lease = registry.acquire(commentsRoom(workspace, id))
      const count = () => {
        const open = readThreads(lease.session.doc).value.filter((t) => t.state === 'open').length
        setCounts((previous) => {
          if (previous.get(id) === open) return previous
          return new Map(previous).set(id, open)
        })
      }
      void lease.session.ready.then(count)
      const stop = observeThreads(lease.session.doc, count)
      return () => {
        stop()
        lease.release()
      }
    })
    return () => {
      for (const cleanup of cleanups) cleanup()
    }
  }, [registry, workspace, key])
  return counts
}
