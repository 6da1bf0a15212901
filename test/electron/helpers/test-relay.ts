import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startRelay, type RunningRelay } from '../../../server/start-relay.ts'
import { formatInviteLink, type Role } from '../../../shared/protocol/index.ts'

/** The real relay on loopback with one workspace, as its operator would set it up. */
export type TestRelay = {
  url: string
  workspace: { id: string; name: string }
  running: RunningRelay
  /** An invite as the operator's CLI makes one (`invite --expires`, `--reusable`). */
  invite(
    name: string,
    organisation: string,
    role: Role,
    options?: { expiresAt?: number | null; singleUse?: boolean },
  ): { link: string; token: string; id: string }
  /** Revokes a member as the operator's CLI would. */
  revoke(id: string): void
  close(): Promise<void>
}

export async function startTestRelay(
  options: {
    workspace?: { id: string; name: string }
    allowWorkspaceCreation?: boolean
    /** Where to listen (default 127.0.0.1), and the address invites name instead of its own. */
    host?: string
    publicUrl?: (port: number) => string
    tls?: { cert: string; key: string }
  } = {},
): Promise<TestRelay> {
  const workspace = options.workspace ?? { id: 'wNordic', name: 'Nordic smart cities' }
  const dir = mkdtempSync(join(tmpdir(), 'samstemt-relay-'))
  const running = await startRelay({
    data: join(dir, 'relay.sqlite'),
    port: 0,
    log: false,
    allowWorkspaceCreation: options.allowWorkspaceCreation ?? false,
    host: options.host,
    tls: options.tls ?? null,
  })
  const url = options.publicUrl?.(running.port) ?? running.url
  running.members.createWorkspace(workspace.name, workspace.id)
  let closed = false
  return {
    url,
    workspace,
    running,
    invite(name, organisation, role, inviteOptions) {
      const { member, token } = running.members.invite(
        { workspace: workspace.id, name, organisation, role },
        inviteOptions,
      )
      const link = formatInviteLink({ relay: url, workspace: workspace.id, token, name })
      return { link, token, id: member.id }
    },
    revoke(id) {
      running.members.revoke(id)
    },
    close: async () => {
      if (closed) return
      closed = true
      await running.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** A `fetch` that records what the host sent: method, path and the bearer token. */
export function recordingFetch(): {
  fetch: typeof fetch
  requests: { method: string; path: string; token: string }[]
} {
  const requests: { method: string; path: string; token: string }[] = []
  const recorded: typeof fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input))
    const headers = new Headers(init?.headers)
    const token = /^Bearer (.+)$/.exec(headers.get('authorization') ?? '')?.[1] ?? ''
    requests.push({ method: init?.method ?? 'GET', path: url.pathname, token })
    return fetch(input, init)
  }
  return { fetch: recorded, requests }
}
