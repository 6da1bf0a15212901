import { useEffect, useState, useSyncExternalStore } from 'react'
import type * as Y from 'yjs'
import type { RoomRegistry } from './room-registry.ts'
import type { RoomSession, RoomStatus } from './room-session.ts'
import { presentUsers, type PresentUser } from './presence.ts'

/** Holds a room open while the component is mounted; null until the first render has committed. */
export function useRoom(registry: RoomRegistry, room: string): RoomSession | null {
  const [session, setSession] = useState<RoomSession | null>(null)
  useEffect(() => {
    const lease = registry.acquire(room)
    setSession(lease.session)
    return () => lease.release()
  }, [registry, room])
  return session?.room === room ? session : null
}

const NO_STATUS: RoomStatus = {
  loaded: false,
  connection: 'connecting',
  saved: { kind: 'loading' },
  refused: false,
}
const noSubscription = () => () => undefined

export function useRoomStatus(session: RoomSession | null): RoomStatus {
  return useSyncExternalStore(
    session?.subscribe ?? noSubscription,
    session?.getStatus ?? (() => NO_STATUS),
  )
}

/** A value read from a doc, read again after every change `observe` reports; pass stable functions. */
export function useDocValue<T>(
  doc: Y.Doc | null,
  read: (doc: Y.Doc) => T,
  observe: (doc: Y.Doc, listener: () => void) => () => void,
  fallback: T,
): T {
  const [value, setValue] = useState<{ doc: Y.Doc | null; value: T }>({
    doc: null,
    value: fallback,
  })
  useEffect(() => {
    if (doc === null) return
    setValue({ doc, value: read(doc) })
    return observe(doc, () => setValue({ doc, value: read(doc) }))
  }, [doc, read, observe])
  return value.doc === doc && doc !== null ? value.value : fallback
}

/** The people in a room right now, from its awareness. */
export function usePresence(session: RoomSession | null, locale: string): PresentUser[] {
  const [people, setPeople] = useState<PresentUser[]>([])
  useEffect(() => {
    if (session === null) return
    const { awareness } = session
    const update = () =>
      setPeople(
        presentUsers(
          awareness.getStates() as Map<number, Record<string, unknown>>,
          awareness.clientID,
          locale,
        ),
      )
    update()
    awareness.on('change', update)
    return () => awareness.off('change', update)
  }, [session, locale])
  return people
}
