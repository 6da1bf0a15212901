import type { WorkspaceEntry } from '../../../shared/ipc/contract.ts'

/** Which screen the app shows. A workspace route carries the open paper, if any. */
export type Route =
  | { name: 'loading' }
  | { name: 'welcome' }
  | { name: 'join'; link: string }
  | { name: 'workspace'; workspace: WorkspaceEntry }

/** The workspace to open at start: the last one used, else the first joined, else none. */
export function startRoute(workspaces: WorkspaceEntry[], lastWorkspace: string | null): Route {
  const last = workspaces.find((entry) => entry.id === lastWorkspace) ?? workspaces[0]
  return last === undefined ? { name: 'welcome' } : { name: 'workspace', workspace: last }
}
