import type { Awareness } from 'y-protocols/awareness'
import { assignColors, memberColor } from './member-color.ts'

/**
 * The colours of the members in one room right now (`assignColors` over its awareness), read at
 * the moment a caret or an avatar is drawn, so a caret drawn on an awareness change already has
 * the colours that change brought. A member neither in the room nor among `setOthers` has their
 * own colour.
 */
export class PresenceColors {
  readonly #awareness: Awareness
  #others: readonly string[] = []
  #key = ''
  #colors = new Map<string, string>()

  constructor(awareness: Awareness) {
    this.#awareness = awareness
  }

  /**
   * Members who are in the paper without being in the room now (the authors of its suggestions
   * and comments): they take part in the assignment, so nobody present wears an absent author's
   * colour.
   */
  setOthers(memberIds: readonly string[]): void {
    this.#others = memberIds
  }

  colorOf = (memberId: string): string => {
    const ids = [...new Set([...memberIdsIn(this.#awareness.getStates()), ...this.#others])].sort()
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
