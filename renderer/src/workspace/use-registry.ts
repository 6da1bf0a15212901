import { useEffect, useMemo, useRef, useState } from 'react'
import type { SamstemtApi, WorkspaceEntry } from '../../../shared/ipc/contract.ts'
import { canWrite } from '../../../shared/policy/index.ts'
import { parseRoom } from '../../../shared/protocol/index.ts'
import { call, type UiError } from '../host/host.ts'
import { RoomRegistry } from '../sync/room-registry.ts'
import { awarenessUser, type Identity } from './identity.ts'

type Connection = { relay: string; token: string } | null

/** The relay address and token of a workspace: null without a relay, undefined while asked. */
export function useConnection(
  api: SamstemtApi,
  entry: WorkspaceEntry,
  onError: (error: UiError) => void,
): Connection | undefined {
  const [connection, setConnection] = useState<Connection | undefined>(
    entry.relay === null ? null : undefined,
  )
  const report = useRef(onError)
  report.current = onError
  useEffect(() => {
    if (entry.relay === null) return
    let cancelled = false
    void call(api, 'workspaces/connection', { workspace: entry.id }).then((result) => {
      if (cancelled) return
      if (!result.ok) report.current(result.error)
      setConnection(result.ok ? result.value : null)
    })
    return () => {
      cancelled = true
    }
  }, [api, entry.id, entry.relay])
  return connection
}

/** The workspace's rooms, opened with the member's rights; all stored and closed on leaving. */
export function useRegistry(
  api: SamstemtApi,
  identity: Identity,
  connection: Connection | undefined,
): RoomRegistry | null {
  const current = useRef(identity)
  current.current = identity
  const registry = useMemo(() => {
    if (connection === undefined) return null
    return new RoomRegistry((room) => {
      const kind = parseRoom(room)?.kind ?? 'paper'
      return {
        api,
        room,
        connection,
        readOnly: !canWrite(current.current.role, kind),
        user: awarenessUser(current.current),
      }
    })
  }, [api, connection])
  useEffect(() => {
    if (registry === null) return
    // The store call leaves the page at once, so the last frame's edits reach the host even
    // when the window closes before it answers.
    const flush = () => registry.flushAll()
    window.addEventListener('pagehide', flush)
    return () => {
      window.removeEventListener('pagehide', flush)
      void registry.closeAll()
    }
  }, [registry])
  return registry
}
