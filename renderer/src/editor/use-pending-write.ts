import { useEffect, useRef } from 'react'

const PAUSE_MS = 400

/**
 * A value typed into a field, written after a short pause, and at once on `flush` (leaving the
 * field, Enter) or when the component goes: one write per pause, never a lost last keystroke.
 */
export function usePendingWrite(commit: (value: string) => void): {
  schedule(value: string): void
  flush(): void
} {
  const pending = useRef<{ value: string; timer: ReturnType<typeof setTimeout> } | null>(null)
  const commitTo = useRef(commit)
  commitTo.current = commit
  const api = useRef({
    flush: () => {
      if (pending.current === null) return
      clearTimeout(pending.current.timer)
      const next = pending.current.value
      pending.current = null
      commitTo.current(next)
    },
    schedule: (value: string) => {
      if (pending.current !== null) clearTimeout(pending.current.timer)
      pending.current = { value, timer: setTimeout(api.current.flush, PAUSE_MS) }
    },
  })
  useEffect(() => api.current.flush, [])
  return api.current
}
