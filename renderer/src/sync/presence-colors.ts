import type { Awareness } from 'y-protocols/awareness'
import { assignColors, memberColor } from './member-color.ts'

/**
 * The colours of the members in one room right now (`assignColors` over its awareness), read at
 * the moment a caret or an avatar is drawn, so a caret drawn on an awareness change already has
 * the colours that change brought. A member not in the room has their own colour.
 */
export class PresenceColors {
  readonly #awareness: Awareness
  #key = ''
  #colors = new Map<string, string>()

  constructor(awareness: Awareness) {
    this.#awareness = awareness
  }

  colorOf = (memberId: string): string => {
    const ids = memberIdsIn(this.#awareness.getStates())
    const key = ids.join('\n')
    if (key !== this.#key) {
      this.#key = key
      this.#colors = assignColors(ids)
    }
    return this.#colors.get(memberId) ?? memberColor(memberId)
  }
}

/** The member ids in awareness states, each once, sorted. */
export function memberIdsIn(states: ReadonlyMap<number, Record<string, unknown>>): string[] {
  const ids = new Set<string>()
  for (const state of states.values()) {
    const user = state['user']
    if (typeof user !== 'object' || user === null) continue
    const id = (user as Record<string, unknown>)['memberId']
    if (typeof id === 'string') ids.add(id)
  }
  return [...ids].sort()
}
