import { createContext, useContext } from 'react'
import type { WorkspaceEntry } from '../../../shared/ipc/contract.ts'
import type { WordSource } from '../import/read-word-file.ts'
import type { AccessState } from '../sync/relay-access.ts'
import type { RoomRegistry } from '../sync/room-registry.ts'
import type { RoomSession } from '../sync/room-session.ts'
import type { Identity } from './identity.ts'

/** The open workspace, for every screen inside it. */
export type Workspace = {
  entry: WorkspaceEntry
  identity: Identity
  registry: RoomRegistry
  /** The member's standing with the relay (always active for a local workspace). */
  access: AccessState
  /** Opens the member list; `invite` goes straight to inviting someone (Share). */
  openMembers(invite?: boolean): void
  /** The library's room; open as long as the workspace is. */
  index: RoomSession | null
  /** Opens a paper, or the library for null; `fresh` puts the caret in a new paper's title. */
  openPaper(id: string | null, fresh?: boolean): void
  newPaper(): void
  creating: boolean
  /** Imports a Word document as a new paper: the summary first, then it is written. */
  importWord(source: WordSource): void
}

export const WorkspaceContext = createContext<Workspace | null>(null)

export function useWorkspace(): Workspace {
  const workspace = useContext(WorkspaceContext)
  if (workspace === null) throw new Error('useWorkspace outside a workspace')
  return workspace
}
