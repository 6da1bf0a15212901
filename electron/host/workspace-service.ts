import type {
  InvitePreview,
  MemberIdentity,
  Result,
  WorkspaceConnection,
  WorkspaceEntry,
} from '../../shared/ipc/index.ts'
import { parseRoom } from '../../shared/protocol/index.ts'
import { fail, ok } from './host-error.ts'
import type { HostLog } from './host-log.ts'
import { checkInvite, claimInvite, type Fetch } from './invite-client.ts'
import type { LocalStore } from './local-store.ts'
import { RelayApi } from './relay-api.ts'
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
  /** How long the relay has to answer (tests shorten it). */
  timeoutMs?: number
}

/** A relay workspace with the key the host keeps for it. */
export type Keyed = { entry: WorkspaceEntry & { relay: string }; token: string; api: RelayApi }

/** Joining, the sample workspace and relay connections: the workspace side of the contract. */
export class WorkspaceService {
  readonly #deps: WorkspaceServiceDeps

  constructor(deps: WorkspaceServiceDeps) {
    this.#deps = deps
  }

  list(): WorkspaceEntry[] {
    return this.#deps.registry.list()
  }

  get #transport() {
    return { fetch: this.#deps.fetch, timeoutMs: this.#deps.timeoutMs }
  }

  async previewInvite(link: string, allowInsecure = false): Promise<Result<InvitePreview>> {
    const checked = await checkInvite(link, this.#transport, allowInsecure)
    if (!checked.ok) this.#deps.log.write('warn', 'invite refused', { code: checked.error.code })
    return checked.ok ? ok(checked.value.preview) : checked
  }

  /**
   * Claims the invite with its relay (it may have been revoked or used since the preview) and
   * stores the member's own key it answers with; the invite's token is not kept.
   */
  async join(link: string, allowInsecure = false): Promise<Result<WorkspaceEntry>> {
    const { log } = this.#deps
    const claimed = await claimInvite(link, this.#transport, allowInsecure)
    if (!claimed.ok) {
      log.write('warn', 'join refused', { code: claimed.error.code })
      return claimed
    }
    const { invite, claim, insecure } = claimed.value
    const entry = this.#store(invite.relay, claim.workspace, claim.member, claim.token)
    log.write('info', 'joined workspace', {
      workspace: entry.id,
      role: claim.member.role,
      insecure,
    })
    return ok(entry)
  }

  /** Whether the relay of `from` lets its coordinators (the user is one there) create workspaces. */
  async canCreateWorkspace(from: string): Promise<Result<{ allowed: boolean }>> {
    const keyed = this.keyed(from)
    if (!keyed.ok) return keyed
    return keyed.value.api.workspaceCreation(keyed.value.token)
  }

  /**
   * A new workspace on the relay of `from`, whose coordinator the user is there: the relay makes
   * it with an invite for its first coordinator, which is claimed at once.
   */
  async createWorkspace(from: string, name: string): Promise<Result<WorkspaceEntry>> {
    const keyed = this.keyed(from)
    if (!keyed.ok) return keyed
    const { api, token } = keyed.value
    const created = await api.createWorkspace(token, name.trim())
    if (!created.ok) return created
    this.#deps.log.addSecret(created.value.token)
    const claimed = await api.claim(created.value.token)
    if (!claimed.ok) return claimed
    const { workspace, member } = claimed.value
    const entry = this.#store(api.relay, workspace, member, claimed.value.token)
    this.#deps.log.write('info', 'created workspace', { workspace: entry.id, from })
    return ok(entry)
  }

  #store(
    relay: string,
    workspace: { id: string; name: string },
    member: MemberIdentity,
    token: string,
  ): WorkspaceEntry {
    const { registry, vault, settings, now } = this.#deps
    const entry: WorkspaceEntry = {
      id: workspace.id,
      name: workspace.name,
      relay,
      member,
      joinedAt: registry.get(workspace.id)?.joinedAt ?? now(),
    }
    // The key first: a listed workspace without its key could never connect.
    vault.put(entry.id, token)
    settings.update({ lastWorkspace: entry.id })
    registry.put(entry)
    return entry
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

  /**
   * A fresh ticket for the page's sockets, and who the relay says the member is now (their role
   * may have changed since joining: the stored entry follows it).
   */
  async connection(workspace: string): Promise<Result<WorkspaceConnection | null>> {
    const entry = this.#deps.registry.get(workspace)
    if (!entry) return unknownWorkspace(workspace)
    if (entry.relay === null) return ok(null)
    const keyed = this.keyed(workspace)
    if (!keyed.ok) return keyed
    const { api, token } = keyed.value
    const [ticket, grant] = await Promise.all([api.ticket(token), api.describe(token, 'session')])
    // A final answer (revoked, unknown) says more than a relay that could not be reached.
    const refused = [grant, ticket].find(
      (answer) => !answer.ok && answer.error.code !== 'relay-unreachable',
    )
    if (refused && !refused.ok) {
      this.#deps.log.write('warn', 'connection refused', { workspace, code: refused.error.code })
      return refused
    }
    if (!ticket.ok) return ticket
    if (!grant.ok) return grant
    const member = grant.value.member
    this.updateMember(workspace, member)
    return ok({
      relay: api.relay,
      ticket: ticket.value.ticket,
      expiresAt: ticket.value.expiresAt,
      member,
    })
  }

  /** Keeps the stored entry's member as the relay has it (a new role, a corrected name). */
  updateMember(workspace: string, member: MemberIdentity): void {
    const entry = this.#deps.registry.get(workspace)
    if (!entry?.member || JSON.stringify(entry.member) === JSON.stringify(member)) return
    if (entry.member.id !== member.id) return
    this.#deps.registry.put({ ...entry, member })
    this.#deps.log.write('info', 'member changed', { workspace, role: member.role })
  }

  /** The workspace's relay, and the key this computer holds for it. */
  keyed(workspace: string): Result<Keyed> {
    const entry = this.#deps.registry.get(workspace)
    if (!entry) return unknownWorkspace(workspace)
    if (entry.relay === null) {
      return fail(
        'unknown-workspace',
        `The workspace "${entry.name}" is kept only on this computer: it has no relay, and no members to manage.`,
        `Arbeidsområdet «${entry.name}» finnes bare på denne maskinen: det har ingen reléserver og ingen medlemmer å administrere.`,
      )
    }
    const token = this.#deps.vault.get(workspace)
    if (token === null) {
      return fail(
        'key-unreadable',
        'The key to this workspace can no longer be read on this computer (the system keychain changed). Your work is kept here. Ask your coordinator for a new invite and join again.',
        'Nøkkelen til dette arbeidsområdet kan ikke lenger leses på denne maskinen (systemets nøkkelring er endret). Arbeidet ditt er tatt vare på her. Be koordinatoren om en ny invitasjon og bli med på nytt.',
      )
    }
    const api = new RelayApi(entry.relay, this.#transport, this.#deps.now)
    return ok({ entry: { ...entry, relay: entry.relay }, token, api })
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
