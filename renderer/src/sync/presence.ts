/** What each client puts in awareness under `user`: who they are, for carets and "who is here". */
export type AwarenessUser = {
  memberId: string
  name: string
  organisation: string
  color: string
}

/** A person present in a room, once even when they have the paper open twice. */
export type PresentUser = AwarenessUser & { self: boolean }

/**
 * The people in a room from awareness states, the local user first, then by name. States without
 * a well-formed `user` (other apps, half-initialised clients) are left out.
 */
export function presentUsers(
  states: ReadonlyMap<number, Record<string, unknown>>,
  selfClientId: number,
  locale: string,
): PresentUser[] {
  const byMember = new Map<string, PresentUser>()
  for (const [clientId, state] of states) {
    const user = readUser(state['user'])
    if (user === null) continue
    const self = clientId === selfClientId
    const known = byMember.get(user.memberId)
    if (known === undefined || (self && !known.self)) byMember.set(user.memberId, { ...user, self })
  }
  const collator = new Intl.Collator(locale)
  return [...byMember.values()].sort(
    (a, b) => Number(b.self) - Number(a.self) || collator.compare(a.name, b.name),
  )
}

function readUser(value: unknown): AwarenessUser | null {
  if (typeof value !== 'object' || value === null) return null
  const { memberId, name, organisation, color } = value as Record<string, unknown>
  if (typeof memberId !== 'string' || typeof name !== 'string') return null
  return {
    memberId,
    name,
    organisation: typeof organisation === 'string' ? organisation : '',
    color: typeof color === 'string' && /^#[0-9a-f]{6}$/i.test(color) ? color : '#4b5563',
  }
}

/** Up to two initials for an avatar: "Kari Nordmann" → "KN", "UiS" → "U". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean)
  const first = words[0]?.[0] ?? '?'
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : ''
  return (first + last).toLocaleUpperCase()
}
