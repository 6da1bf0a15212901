import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react'
import type { SamstemtApi, WorkspaceEntry } from '../../../shared/ipc/contract.ts'
import { canWrite } from '../../../shared/policy/index.ts'
import { parseRoom, type RoomKind } from '../../../shared/protocol/index.ts'
import { RelayAccess, type AccessState } from '../sync/relay-access.ts'
import { RoomRegistry } from '../sync/room-registry.ts'
import { awarenessUser, type Identity } from './identity.ts'

/**
 * The workspace's standing with its relay (null for a workspace without one): its tickets are
 * fetched from the host from the start, and renewed for as long as the workspace is open.
 */
export function useRelayAccess(api: SamstemtApi, entry: WorkspaceEntry): RelayAccess | null {
  const access = useMemo(
    () =>
      entry.relay === null
        ? null
        : new RelayAccess({ api, workspace: entry.id, relay: entry.relay, member: entry.member }),
    // A new entry object for the same workspace (its role changed) keeps the same access.
    [api, entry.id, entry.relay],
  )
  useEffect(() => {
    access?.start()
    return () => access?.stop()
  }, [access])
  return access
}

const LOCAL: AccessState = {
  access: 'active',
  member: null,
  ticket: null,
  unreachable: false,
  error: null,
}
const noSubscription = () => () => undefined

export function useAccessState(access: RelayAccess | null): AccessState {
  return useSyncExternalStore(
    access?.subscribe ?? noSubscription,
    access?.getState ?? (() => LOCAL),
  )
}

const kindOf = (room: string): RoomKind => parseRoom(room)?.kind ?? 'paper'

/**
 * The workspace's rooms, opened with the member's rights, which follow a role change at once;
 * all stored and closed on leaving.
 */
export function useRegistry(
  api: SamstemtApi,
  identity: Identity,
  access: RelayAccess | null,
): RoomRegistry {
  const current = useRef(identity)
  current.current = identity
  const registry = useMemo(
    () =>
      new RoomRegistry((room) => ({
        api,
        room,
        connection: access,
        readOnly: !canWrite(current.current.role, kindOf(room)),
        user: awarenessUser(current.current),
      })),
    [api, access],
  )
  useEffect(() => {
    for (const session of registry.sessions()) {
      session.setReadOnly(!canWrite(identity.role, kindOf(session.room)))
      session.setUser(awarenessUser(identity))
    }
  }, [registry, identity])
  useEffect(() => {
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
