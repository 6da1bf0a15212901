import { useCallback, useEffect, useState } from 'react'
import type {
  CreatedInvite,
  InviteFields,
  MemberSummary,
  MembersResponse,
} from '../../../shared/ipc/contract.ts'
import type { Role } from '../../../shared/protocol/index.ts'
import { call, type UiError } from '../host/host.ts'
import { useHost } from '../host/HostContext.tsx'

type Outcome<T> = { ok: true; value: T } | { ok: false; error: UiError }

export type Members = {
  list: MembersResponse | null
  loading: boolean
  /** Why the list could not be read (the last attempt). */
  error: UiError | null
  reload(): void
  invite(fields: Omit<InviteFields, 'workspace'>): Promise<Outcome<CreatedInvite>>
  setRole(member: string, role: Role): Promise<Outcome<MemberSummary>>
  revoke(member: string): Promise<Outcome<MemberSummary>>
}

/**
 * The workspace's members as the relay lists them, and the coordinator's changes to them: each
 * change goes to the relay through the host, and the list shows what the relay answered.
 */
export function useMembers(workspace: string): Members {
  const api = useHost()
  const [list, setList] = useState<MembersResponse | null>(null)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<UiError | null>(null)
  const [generation, setGeneration] = useState(0)

  useEffect(() => {
    let cancelled = false
    setLoading(true)
    void call(api, 'members/list', { workspace }).then((result) => {
      if (cancelled) return
      setLoading(false)
      setError(result.ok ? null : result.error)
      if (result.ok) setList(result.value)
    })
    return () => {
      cancelled = true
    }
  }, [api, workspace, generation])

  const put = useCallback((member: MemberSummary) => {
    setList((current) => {
      if (current === null) return current
      const others = current.members.filter((m) => m.id !== member.id)
      return { ...current, members: [...others, member] }
    })
  }, [])

  const reload = useCallback(() => setGeneration((n) => n + 1), [])

  /** A refusal about someone no longer there means the list is out of date: read it again. */
  const settle = useCallback(
    <T>(result: Outcome<T>, apply: (value: T) => void): Outcome<T> => {
      if (result.ok) apply(result.value)
      else if (result.error.code === 'member-not-found') reload()
      return result
    },
    [reload],
  )

  return {
    list,
    loading,
    error,
    reload,
    invite: async (fields) =>
      settle(await call(api, 'members/invite', { workspace, ...fields }), ({ member }) =>
        put(member),
      ),
    setRole: async (member, role) =>
      settle(await call(api, 'members/set-role', { workspace, member, role }), put),
    revoke: async (member) => settle(await call(api, 'members/revoke', { workspace, member }), put),
  }
}
