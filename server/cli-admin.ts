import { existsSync } from 'node:fs'
import { formatInviteLink, isRole, isValidId, ROLES } from '../shared/protocol/index.ts'
import { salvageDatabase, StoreError, UpdateStore } from '../shared/store/index.ts'
import { CommandError, UsageError, requireString, optionalString, type Values } from './cli-args.ts'
import type { MemberSummary } from '../shared/protocol/admin.ts'
import { MemberDirectory, type Member } from './members.ts'
import { relayExtension } from './relay-schema.ts'

/** What a command prints: `json` with --json, `text` otherwise. */
export type Output = { json: unknown; text: string }

/** Opens the relay's database; only `workspace create` may create the file. */
async function withDirectory<T>(
  values: Values,
  create: boolean,
  run: (members: MemberDirectory, store: UpdateStore) => T | Promise<T>,
): Promise<T> {
  const data = requireString(values, 'data', 'the relay database, or SAMSTEMT_RELAY_DATA')
  if (!create && !existsSync(data)) {
    throw new CommandError(
      `There is no relay database at ${data}. Create a workspace first: samstemt-relay workspace create --data ${data} --name NAME`,
    )
  }
  const store = UpdateStore.open(data, { extensions: [relayExtension], onUnusable: 'throw' })
  try {
    return await run(new MemberDirectory(store.db), store)
  } finally {
    await store.close()
  }
}

export function workspaceCreate(values: Values): Promise<Output> {
  const name = requireString(values, 'name', 'the workspace name partners will see')
  const id = optionalString(values, 'id')
  if (id !== undefined && !isValidId(id))
    throw new UsageError(`--id may only use A-Z, a-z, 0-9, _ and - (1-64 characters), not "${id}".`)
  return withDirectory(values, true, (members) => {
    if (id !== undefined && members.workspace(id))
      throw new CommandError(`A workspace with id ${id} exists already.`)
    const workspace = members.createWorkspace(name, id)
    return { json: workspace, text: `Created workspace "${workspace.name}": ${workspace.id}` }
  })
}

export function workspaceList(values: Values): Promise<Output> {
  return withDirectory(values, false, (members) => {
    const workspaces = members.listWorkspaces()
    const text = workspaces.map((w) => `${w.id}\t${w.name}`).join('\n') || 'No workspaces yet.'
    return { json: workspaces, text }
  })
}

export function invite(values: Values): Promise<Output> {
  const workspaceId = requireString(values, 'workspace')
  const name = requireString(values, 'name', "the member's name")
  const organisation = requireString(values, 'org', "the member's organisation")
  const role = requireString(values, 'role', ROLES.join(', '))
  const relayUrl = requireString(
    values,
    'url',
    'the address partners connect to, e.g. wss://relay.example.org, or SAMSTEMT_RELAY_URL',
  )
  if (!isRole(role))
    throw new UsageError(`--role must be one of ${ROLES.join(', ')}, not "${role}".`)
  if (!/^wss?:\/\/[^\s?#]+$/.test(relayUrl))
    throw new UsageError(
      `--url must be a ws:// or wss:// address without a query, not "${relayUrl}".`,
    )
  const expires = optionalString(values, 'expires')
  const expiresAt = expires === undefined ? null : Date.now() + duration(expires)
  const singleUse = values.reusable !== true
  return withDirectory(values, false, (members) => {
    if (!members.workspace(workspaceId))
      throw new CommandError(
        `There is no workspace ${workspaceId}. List them with: samstemt-relay workspace list`,
      )
    const { member, token } = members.invite(
      { workspace: workspaceId, name, organisation, role },
      { expiresAt, singleUse },
    )
    members.audit(workspaceId, 'cli', 'invite', member.id, { role, expiresAt, singleUse })
    const link = formatInviteLink({ relay: relayUrl, workspace: workspaceId, token, name })
    const text = [
      `Invited ${name} (${organisation}) as ${role}.`,
      `Member id:   ${member.id}`,
      `Token:       ${token}`,
      `Invite link: ${link}`,
      expiresAt === null
        ? 'It does not expire.'
        : `It expires ${new Date(expiresAt).toISOString()}.`,
      singleUse
        ? 'The app claims it once, on one computer; after that the link no longer works.'
        : 'It can be claimed on several computers until it expires or is revoked.',
      'The token is shown only now; the relay keeps only its hash. Send the link privately.',
    ].join('\n')
    return { json: { member, token, link, expiresAt, singleUse }, text }
  })
}

export function listMembers(values: Values): Promise<Output> {
  const workspaceId = requireString(values, 'workspace')
  return withDirectory(values, false, (members) => {
    if (!members.workspace(workspaceId))
      throw new CommandError(`There is no workspace ${workspaceId}.`)
    const list = members.summaries(workspaceId)
    const text = list.map(summaryLine).join('\n') || 'No members yet.'
    return { json: list, text }
  })
}

export function revoke(values: Values): Promise<Output> {
  const id = requireString(values, 'member', 'a member id from samstemt-relay members')
  return withDirectory(values, false, (members) => {
    const member = members.revoke(id)
    if (member === null) throw new CommandError(`There is no member ${id}.`)
    members.audit(member.workspace, 'cli', 'revoke', member.id, { name: member.name })
    return {
      json: member,
      text: `Revoked ${memberLine(member)}. Their open connections close within a second.`,
    }
  })
}

export function compact(values: Values): Promise<Output> {
  const room = optionalString(values, 'room')
  return withDirectory(values, false, async (_members, store) => {
    const names = room === undefined ? store.listDocs().map((d) => d.name) : [room]
    const results = []
    for (const name of names) results.push(await store.compact(name))
    const text = results
      .map((r) => `${r.doc}\t${r.compacted} updates folded, snapshot ${r.snapshotBytes} bytes`)
      .join('\n')
    return { json: results, text: text || 'Nothing to compact.' }
  })
}

export function setRole(values: Values): Promise<Output> {
  const id = requireString(values, 'member', 'a member id from samstemt-relay members')
  const role = requireString(values, 'role', ROLES.join(', '))
  if (!isRole(role))
    throw new UsageError(`--role must be one of ${ROLES.join(', ')}, not "${role}".`)
  return withDirectory(values, false, (members) => {
    const before = members.member(id)
    if (before === null || before.revokedAt !== null) {
      throw new CommandError(`There is no active member ${id}.`)
    }
    // The operator may leave a workspace without a coordinator; the app may not.
    members.setRoleUnchecked(id, role)
    members.audit(before.workspace, 'cli', 'role', id, { from: before.role, to: role })
    return {
      json: members.summary(id),
      text: `${before.name} (${before.organisation}) is now ${role}. Their open connections follow within a second.`,
    }
  })
}

/** "7d", "12h", "30m" (or a number of days) as milliseconds. */
function duration(text: string): number {
  const match = /^(\d+)\s*([dhm]?)$/.exec(text.trim())
  const amount = Number(match?.[1])
  if (!match || !(amount > 0)) {
    throw new UsageError(`--expires takes a duration such as 7d, 12h or 30m, not "${text}".`)
  }
  const unit = match[2] === 'h' ? 3_600_000 : match[2] === 'm' ? 60_000 : 86_400_000
  return amount * unit
}

function summaryLine(m: MemberSummary): string {
  const status =
    m.status === 'invited' && m.inviteExpiresAt !== null
      ? `invited, expires ${new Date(m.inviteExpiresAt).toISOString()}`
      : m.status
  const seen = m.lastSeen === null ? 'never seen' : `seen ${new Date(m.lastSeen).toISOString()}`
  return `${m.id}\t${m.role}\t${m.name} (${m.organisation})\t${status}\t${seen}`
}

function memberLine(m: Member): string {
  const status = m.revokedAt === null ? 'active' : `revoked ${new Date(m.revokedAt).toISOString()}`
  return `${m.id}\t${m.role}\t${m.name} (${m.organisation})\t${status}`
}

/**
 * `recover`: a damaged database is moved aside and a new one holds every row that can be read.
 * A database that is fine is left alone. Stop the relay first (or use `serve --recover`).
 */
export async function recover(values: Values): Promise<Output> {
  const data = requireString(values, 'data', 'the relay database, or SAMSTEMT_RELAY_DATA')
  if (!existsSync(data)) throw new CommandError(`There is no relay database at ${data}.`)
  try {
    const store = UpdateStore.open(data, { extensions: [relayExtension], onUnusable: 'throw' })
    await store.close()
    return { json: { damaged: false }, text: `${data} is not damaged; nothing was changed.` }
  } catch (error) {
    if (!(error instanceof StoreError) || error.code !== 'corrupt') throw error
  }
  const salvage = salvageDatabase(data, [relayExtension])
  const lines = Object.entries(salvage.tables).map(
    ([table, { copied, unreadable }]) =>
      `  ${table}: ${copied} rows kept, ${unreadable} unreadable runs`,
  )
  return { json: { damaged: true, ...salvage }, text: [salvage.message, ...lines].join('\n') }
}
