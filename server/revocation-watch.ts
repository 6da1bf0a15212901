import type Database from 'better-sqlite3'
import type { MemberDirectory } from './members.ts'

/**
 * Revocation happens in another process (the CLI), so the relay polls: one tiny query on the
 * members table per interval, and the revoked members are read only when it changed.
 */
export function watchRevocations(
  db: Database.Database,
  members: MemberDirectory,
  kick: (memberIds: ReadonlySet<string>) => void,
  intervalMs: number,
): () => void {
  const probe = db.prepare(
    'SELECT count(*) AS n, coalesce(max(revoked_at), 0) AS last FROM members WHERE revoked_at IS NOT NULL',
  )
  const state = () => JSON.stringify(probe.get())
  let seen = state()
  const timer = setInterval(() => {
    const now = state()
    if (now === seen) return
    seen = now
    kick(members.revokedIds())
  }, intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}
