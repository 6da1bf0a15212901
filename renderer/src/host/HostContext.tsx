import { createContext, useContext, type ReactNode } from 'react'
import type { SamstemtApi } from '../../../shared/ipc/contract.ts'

const HostContext = createContext<SamstemtApi | null>(null)

export function HostProvider(props: { api: SamstemtApi; children: ReactNode }) {
  return <HostContext.Provider value={props.api}>{props.children}</HostContext.Provider>
}

/** The host API; every screen reaches the host through this and nothing else. */
export function useHost(): SamstemtApi {
  const api = useContext(HostContext)
  if (api === null) throw new Error('useHost outside HostProvider')
  return api
}
