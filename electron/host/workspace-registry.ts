import { isPlainObject, type WorkspaceEntry } from '../../shared/ipc/index.ts'
import { isRole, isValidId } from '../../shared/protocol/index.ts'
import type { HostLog } from './host-log.ts'
import { readJsonFile, writeJsonFileAtomic } from './json-file.ts'

type RegistryFile = { version: 1; workspaces: WorkspaceEntry[] }

/** The workspaces this profile belongs to, in `workspaces.json` (tokens live in the vault). */
export class WorkspaceRegistry {
  readonly #file: string
  readonly #entries = new Map<string, WorkspaceEntry>()
  readonly #relayListeners = new Set<() => void>()

  constructor(file: string, log: HostLog) {
    this.#file = file
    const read = readJsonFile(file)
    if (read.status === 'damaged') {
      log.write('error', 'workspaces file was damaged and moved aside', { movedTo: read.movedTo })
    }
    const list = read.status === 'ok' && isPlainObject(read.value) ? read.value.workspaces : []
    for (const entry of Array.isArray(list) ? list : []) {
      if (isEntry(entry)) this.#entries.set(entry.id, entry)
      else log.write('warn', 'skipped an unreadable workspace entry')
    }
  }

  list(): WorkspaceEntry[] {
    return [...this.#entries.values()].sort((a, b) => a.joinedAt - b.joinedAt)
  }

  get(id: string): WorkspaceEntry | null {
    return this.#entries.get(id) ?? null
  }

  /** Adds or replaces the workspace; tells listeners when it brings a relay not seen before. */
  put(entry: WorkspaceEntry): void {
    const before = new Set(this.relays())
    this.#entries.set(entry.id, entry)
    const file: RegistryFile = { version: 1, workspaces: this.list() }
    writeJsonFileAtomic(this.#file, file)
    if (entry.relay !== null && !before.has(relayOrigin(entry.relay) ?? '')) {
      for (const listener of this.#relayListeners) listener()
    }
  }

  /** Origins (`wss://host:port`) of every joined relay: what the page's CSP may connect to. */
  relays(): string[] {
    const origins = new Set<string>()
    for (const entry of this.#entries.values()) {
      const origin = entry.relay === null ? null : relayOrigin(entry.relay)
      if (origin) origins.add(origin)
    }
    return [...origins].sort()
  }

  onRelaysChanged(listener: () => void): () => void {
    this.#relayListeners.add(listener)
    return () => this.#relayListeners.delete(listener)
  }
}

/** `wss://relay.example.org:443/x` → `wss://relay.example.org`; null for anything but ws(s). */
export function relayOrigin(relay: string): string | null {
  try {
    const url = new URL(relay)
    if (url.protocol !== 'ws:' && url.protocol !== 'wss:') return null
    return `${url.protocol}//${url.host}`
  } catch {
    return null
  }
}

function isEntry(value: unknown): value is WorkspaceEntry {
  if (!isPlainObject(value)) return false
  const { id, name, relay, member, joinedAt } = value
  if (typeof id !== 'string' || !isValidId(id) || typeof name !== 'string') return false
  if (relay !== null && (typeof relay !== 'string' || relayOrigin(relay) === null)) return false
  if (typeof joinedAt !== 'number') return false
  if (member === null) return true
  return (
    isPlainObject(member) &&
    typeof member.id === 'string' &&
    typeof member.name === 'string' &&
    typeof member.organisation === 'string' &&
    isRole(member.role)
  )
}
