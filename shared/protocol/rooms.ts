/** Which of a workspace's kinds of shared document a room holds. */
export type RoomKind = 'index' | 'paper' | 'comments' | 'workflow'

/** A room name taken apart; `paperId` is null for the index room. */
export type ParsedRoom = {
  kind: RoomKind
  workspace: string
  paperId: string | null
}

const ID = /^[A-Za-z0-9_-]{1,64}$/

/** Workspace, paper and member ids are url-safe: `[A-Za-z0-9_-]{1,64}`. */
export function isValidId(id: string): boolean {
  return ID.test(id)
}

/** `<workspace>/index`: the library of papers. */
export function indexRoom(workspace: string): string {
  return `${checked(workspace)}/index`
}

/** `<workspace>/paper/<paperId>`: the paper's meta and body. */
export function paperRoom(workspace: string, paperId: string): string {
  return `${checked(workspace)}/paper/${checked(paperId)}`
}

/** `<workspace>/paper/<paperId>/comments`: the paper's comment threads. */
export function commentsRoom(workspace: string, paperId: string): string {
  return `${paperRoom(workspace, paperId)}/comments`
}

/**
 * `<workspace>/paper/<paperId>/workflow`: the paper's status history, named versions and
 * endorsements. The relay reads the status from here, never from the paper's meta or the index.
 */
export function workflowRoom(workspace: string, paperId: string): string {
  return `${paperRoom(workspace, paperId)}/workflow`
}

/** The rooms beside a paper's own, by the last part of their name. */
const PAPER_PARTS: readonly RoomKind[] = ['comments', 'workflow']

/** Takes a room name apart; null for any name that is not one of the four forms. */
export function parseRoom(name: string): ParsedRoom | null {
  const parts = name.split('/')
  const [workspace, second, paperId, fourth] = parts
  if (workspace === undefined || !isValidId(workspace)) return null
  if (parts.length === 2 && second === 'index') return { kind: 'index', workspace, paperId: null }
  if (second !== 'paper' || paperId === undefined || !isValidId(paperId)) return null
  if (parts.length === 3) return { kind: 'paper', workspace, paperId }
  const kind = PAPER_PARTS.find((part) => part === fourth)
  return parts.length === 4 && kind !== undefined ? { kind, workspace, paperId } : null
}

/** The name of a parsed room; `formatRoom(parseRoom(n)!) === n` for every valid name. */
export function formatRoom(room: ParsedRoom): string {
  if (room.kind === 'index') return indexRoom(room.workspace)
  const paperId = room.paperId ?? ''
  if (room.kind === 'comments') return commentsRoom(room.workspace, paperId)
  if (room.kind === 'workflow') return workflowRoom(room.workspace, paperId)
  return paperRoom(room.workspace, paperId)
}

function checked(id: string): string {
  if (!isValidId(id)) throw new RangeError(`Not a valid id (A-Z, a-z, 0-9, _ and -, 1-64): ${id}`)
  return id
}
