import type {
  HostError,
  InvitePreview,
  MembersResponse,
  Settings,
  WorkspaceConnection,
  WorkspaceEntry,
} from '../../shared/ipc/contract.ts'

/** What a fake host starts with; docs are room name -> base64 Yjs updates. */
export type FakeSeed = {
  settings: Settings
  workspaces: WorkspaceEntry[]
  /** What `workspaces/connection` answers for each workspace: a ticket, or why not. */
  connections: Record<
    string,
    { ok: true; value: WorkspaceConnection | null } | { ok: false; error: HostError }
  >
  /** What `members/list` answers for each workspace. */
  members?: Record<string, MembersResponse>
  docs: Record<string, string[]>
  invites: Record<string, { ok: true; value: InvitePreview } | { ok: false; error: HostError }>
  /** What `workspaces/create-sample` adds, with its docs. */
  sample: { entry: WorkspaceEntry; docs: Record<string, string[]> } | null
}

/**
 * An in-memory `window.samstemt` for screenshots only: never imported by the app, so never in the
 * bundle. Playwright sends this function's source to the page (`addInitScript`), so it must not
 * use anything from outside its own body.
 */
export function installFakeHost(seed: FakeSeed): void {
  const decode = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))
  const store = new Map<string, Uint8Array[]>()
  const addDocs = (docs: Record<string, string[]>) => {
    for (const [name, updates] of Object.entries(docs)) store.set(name, updates.map(decode))
  }
  addDocs(seed.docs)
  const settings = { ...seed.settings }
  const workspaces = [...seed.workspaces]
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const later = <T>(value: T, ms = 150) =>
    new Promise<T>((resolve) => setTimeout(() => resolve(value), ms))
  const ok = (value: unknown) => later({ ok: true, value }, 5)
  const unknownInvite = {
    ok: false,
    error: { code: 'invalid-invite', message: 'The relay does not know this invite.' },
  }

  const handlers: Record<string, (request: Record<string, unknown>) => Promise<unknown>> = {
    'app/info': () =>
      ok({ version: '0.1.0', platform: 'linux', secretsEncrypted: true, logFile: '/tmp/log' }),
    'settings/get': () => ok(settings),
    'settings/update': (patch) => {
      Object.assign(settings, patch)
      return ok(settings)
    },
    'workspaces/list': () => ok(workspaces),
    'workspaces/preview-invite': ({ link }) => later(seed.invites[String(link)] ?? unknownInvite),
    'workspaces/join': ({ link }) => {
      const invite = seed.invites[String(link)]
      if (!invite?.ok) return later(invite ?? unknownInvite)
      const { workspace, relay, member } = invite.value
      const entry = { id: workspace.id, name: workspace.name, relay, member, joinedAt: Date.now() }
      workspaces.push(entry)
      return later({ ok: true, value: entry })
    },
    'workspaces/create-sample': () => {
      if (seed.sample === null) return ok(null)
      addDocs(seed.sample.docs)
      workspaces.push(seed.sample.entry)
      return later({ ok: true, value: seed.sample.entry }, 400)
    },
    'workspaces/connection': ({ workspace }) =>
      later(seed.connections[String(workspace)] ?? { ok: true, value: null }, 5),
    'members/list': ({ workspace }) => {
      const list = seed.members?.[String(workspace)]
      return list ? ok(list) : later(unknownInvite, 5)
    },
    'store/load': ({ doc }) => ok({ updates: store.get(String(doc)) ?? [], confirmed: null }),
    'store/append': ({ doc, updates }) => {
      const list = store.get(String(doc)) ?? []
      list.push(...(updates as Uint8Array[]))
      store.set(String(doc), list)
      return ok({ stored: (updates as Uint8Array[]).length })
    },
    'log/write': () => ok(null),
  }

  const api = {
    invoke: (channel: string, request?: Record<string, unknown>) =>
      handlers[channel]?.(request ?? {}) ?? ok(null),
    on: (event: string, listener: (payload: unknown) => void) => {
      const set = listeners.get(event) ?? new Set()
      listeners.set(event, set)
      set.add(listener)
      return () => set.delete(listener)
    },
  }
  const emit = (event: string, payload: unknown) => {
    for (const listener of listeners.get(event) ?? []) listener(payload)
  }
  Object.assign(window, { samstemt: api, fakeHost: { emit } })
}
