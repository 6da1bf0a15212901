import { createContext, useContext, useEffect, useMemo, useState } from 'react'
import { memberColor } from './member-color.ts'
import { memberIdsIn, PresenceColors } from './presence-colors.ts'
import type { RoomSession } from './room-session.ts'

/** A member's colour on this screen: distinct among the members in the paper. */
export type ColorOf = (memberId: string) => string

export const MemberColors = createContext<ColorOf>(memberColor)

export function useMemberColor(): ColorOf {
  return useContext(MemberColors)
}

/**
 * The colours of the members in a room and of the paper's authors (`assignColors`), as a function
 * that changes when the members do (not on every caret move), for carets, avatars and comment
 * cards alike.
 */
export function usePresenceColors(
  session: RoomSession | null,
  /** Members in the paper who may not be in the room (its authors): assigned colours too. */
  authors: readonly string[] = [],
): ColorOf {
  const colors = useMemo(
    () => (session === null ? null : new PresenceColors(session.awareness)),
    [session],
  )
  const [members, setMembers] = useState('')
  useEffect(() => {
    if (session === null) return
    const { awareness } = session
    const read = () =>
      setMembers(
        memberIdsIn(awareness.getStates() as Map<number, Record<string, unknown>>).join('\n'),
      )
    read()
    awareness.on('change', read)
    return () => awareness.off('change', read)
  }, [session])
  const others = [...new Set(authors)].sort().join('\n')
  // A new function each time the members change, so what shows colours renders again.
  return useMemo(() => {
    if (colors === null) return memberColor
    colors.setOthers(others === '' ? [] : others.split('\n'))
    return (memberId: string) => colors.colorOf(memberId)
  }, [colors, members, others])
}
