import type { InvitePreview, Result, WorkspaceEntry } from '../../shared/ipc/index.ts'
import { parseRoom } from '../../shared/protocol/index.ts'
import { fail, ok } from './host-error.ts'
import type { HostLog } from './host-log.ts'
import { checkInvite, type Fetch } from './invite-client.ts'
import type { LocalStore } from './local-store.ts'
import { SAMPLE_WORKSPACE_ID, sampleDocs, sampleWorkspaceName } from './sample-workspace.ts'
import type { SecretVault } from './secret-vault.ts'
import type { SettingsStore } from './settings-store.ts'
import type { WorkspaceRegistry } from './workspace-registry.ts'

export type WorkspaceServiceDeps = {
  registry: WorkspaceRegistry
  vault: SecretVault
  settings: SettingsStore
  store: LocalStore
  log: HostLog
  fetch: Fetch
  now: () => number
}

/** Joining, the sample workspace and relay connections: the workspace side of the contract. */
export class WorkspaceService {
  readonly #deps: WorkspaceServiceDeps

  constructor(deps: WorkspaceServiceDeps) {
    this.#deps = deps
  }

  list(): WorkspaceEntry[] {
    return this.#deps.registry.list()
  }

  async previewInvite(link: string): Promise<Result<InvitePreview>> {
    const checked = await checkInvite(link, this.#deps.fetch)
    if (!checked.ok) this.#deps.log.write('warn', 'invite refused', { code: checked.error.code })
    return checked.ok ? ok(checked.value.preview) : checked
  }

  /** Checks the invite with its relay again (it may have been revoked since), then stores it. */
  async join(link: string): Promise<Result<WorkspaceEntry>> {
    const { registry, vault, settings, log, now } = this.#deps
    const checked = await checkInvite(link, this.#deps.fetch)
    if (!checked.ok) {
      log.write('warn', 'join refused', { code: checked.error.code })
      return checked
    }
    const { invite, preview } = checked.value
    const entry: WorkspaceEntry = {
      id: preview.workspace.id,
      name: preview.workspace.name,
      relay: preview.relay,
      member: preview.member,
      joinedAt: registry.get(preview.workspace.id)?.joinedAt ?? now(),
    }
    // The token first: a listed workspace without its token could never connect.
    vault.put(entry.id, invite.token)
    settings.update({ lastWorkspace: entry.id })
    registry.put(entry)
    log.write('info', 'joined workspace', { workspace: entry.id, role: preview.member.role })
    return ok(entry)
  }

  /** Creates the sample once; asking again returns the same workspace, with the user's edits. */
  async createSample(): Promise<Result<WorkspaceEntry>> {
    const { registry, store, settings, now } = this.#deps
    const existing = registry.get(SAMPLE_WORKSPACE_ID)
    if (existing) return ok(existing)
    for (const { doc, update } of sampleDocs(now(), settings.get().language)) {
      if (store.has(doc)) continue
      const stored = await store.append(doc, [update])
      if (!stored.ok) return stored
    }
    const entry: WorkspaceEntry = {
      id: SAMPLE_WORKSPACE_ID,
      name: sampleWorkspaceName(settings.get().language),
      relay: null,
      member: null,
      joinedAt: now(),
    }
    registry.put(entry)
    settings.update({ lastWorkspace: entry.id })
    return ok(entry)
  }

  connection(workspace: string): Result<{ relay: string; token: string } | null> {
    const entry = this.#deps.registry.get(workspace)
    if (!entry) return unknownWorkspace(workspace)
    if (entry.relay === null) return ok(null)
    const token = this.#deps.vault.get(workspace)
    if (token === null) {
      return fail(
        'invite-revoked',
        'The invite for this workspace can no longer be read on this computer (the system keychain changed). Ask your coordinator for a new invite and join again.',
        'Invitasjonen til dette arbeidsområdet kan ikke lenger leses på denne maskinen (systemets nøkkelring er endret). Be koordinatoren om en ny invitasjon og bli med på nytt.',
      )
    }
    return ok({ relay: entry.relay, token })
  }

  /** Docs are kept only for workspaces of this profile, so a stray name cannot grow the file. */
  checkDoc(doc: string): Result<null> {
    const room = parseRoom(doc)
    if (room && this.#deps.registry.get(room.workspace)) return ok(null)
    return unknownWorkspace(room?.workspace ?? doc)
  }
}

function unknownWorkspace(workspace: string) {
  return fail(
    'unknown-workspace',
    `This computer has no workspace "${workspace}". Join it with an invite link first.`,
    `Denne maskinen har ikke arbeidsområdet «${workspace}». Bli med i det med en invitasjonslenke først.`,
  )
}
