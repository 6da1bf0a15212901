import type { Member, MemberDirectory } from './members.ts'

/**
 * Members change in other processes too (the CLI), so the relay polls: one tiny query per
 * interval for members changed since the last look, applied to their open sockets at once
 * (`onChanged`). The same timer writes who was seen when, a few times a minute, in one go.
 */
export function watchMembers(
  members: MemberDirectory,
  onChanged: (changed: Member[]) => void,
  intervalMs: number,
): { seen(memberId: string): void; stop(): void } {
  let since = members.changedSince(Number.MAX_SAFE_INTEGER).latest
  const seen = new Map<string, number>()
  let flushedAt = Date.now()
  const flush = () => {
    members.markSeen(seen)
    seen.clear()
    flushedAt = Date.now()
  }
  const timer = setInterval(() => {
    const { latest, members: changed } = members.changedSince(since)
    if (changed.length > 0) onChanged(changed)
    since = latest
    if (Date.now() - flushedAt > 20_000) flush()
  }, intervalMs)
  timer.unref()
  return {
    seen: (memberId) => void seen.set(memberId, Date.now()),
    stop: () => {
      clearInterval(timer)
      flush()
    },
  }
}
