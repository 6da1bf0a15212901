import { useEffect, useState } from 'react'
import type { WorkspaceEntry } from '../../../shared/ipc/contract.ts'
import type { Author } from '../../../shared/model/index.ts'
import { call } from '../host/host.ts'
import { useHost } from '../host/HostContext.tsx'

/**
 * Whom a Word author can be: the workspace's members as the relay lists them (not the revoked),
 * the importing member first. Offline, or in a local workspace, only the importer: the others
 * are then kept as external reviewers under their Word names.
 */
export function useMappableMembers(entry: WorkspaceEntry, me: Author, active: boolean): Author[] {
  const api = useHost()
  const [members, setMembers] = useState<Author[]>([me])
  const { memberId, name, organisation } = me
  useEffect(() => {
    const self = { memberId, name, organisation }
    setMembers([self])
    if (!active || entry.relay === null) return
    let cancelled = false
    void call(api, 'members/list', { workspace: entry.id }).then((listed) => {
      if (cancelled || !listed.ok) return
      const others = listed.value.members
        .filter((m) => m.status !== 'revoked' && m.id !== memberId)
        .map((m) => ({ memberId: m.id, name: m.name, organisation: m.organisation }))
      setMembers([self, ...others])
    })
    return () => {
      cancelled = true
    }
  }, [api, entry.id, entry.relay, active, memberId, name, organisation])
  return members
}
