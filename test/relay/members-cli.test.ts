import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { MemberDirectory } from '../../server/members.ts'
import { relayExtension } from '../../server/relay-schema.ts'
import { hashToken, newToken } from '../../server/tokens.ts'
import { paperRoom } from '../../shared/protocol/index.ts'
import { UpdateStore } from '../../shared/store/index.ts'
import { useTempDir } from '../helpers/temp-dir.ts'
import { runCli, runCliJson } from './helpers/cli.ts'
import { connectClient, type Client } from './helpers/clients.ts'
import { seedWorkspace } from './helpers/members.ts'
import { spawnRelay, type RelayProcess } from './helpers/relay-process.ts'
import { waitFor } from './helpers/wait.ts'

const tempDir = useTempDir('samstemt-relay-members-')
const open: { clients: Client[]; relays: RelayProcess[] } = { clients: [], relays: [] }

afterEach(async () => {
  for (const client of open.clients.splice(0)) client.destroy()
  await Promise.all(open.relays.splice(0).map((relay) => relay.stop()))
})

describe('members from the command line', () => {
  test('invite --expires and --reusable; members shows status and expiry', async () => {
    const data = join(tempDir(), 'relay.sqlite')
    await seedWorkspace(data)
    const base = [
      '--data',
      data,
      '--workspace',
      'w',
      '--org',
      'UiS',
      '--url',
      'wss://r.example.org',
    ]
    const once = await runCliJson<{
      expiresAt: number
      singleUse: boolean
      member: { id: string }
    }>(['invite', ...base, '--name', 'Kari', '--role', 'editor', '--expires', '7d'])
    expect(once.singleUse).toBe(true)
    expect(once.expiresAt).toBeGreaterThan(Date.now() + 6.9 * 86_400_000)
    const many = await runCliJson<{ singleUse: boolean }>([
      'invite',
      ...base,
      '--name',
      'Ola',
      '--role',
      'reviewer',
      '--reusable',
    ])
    expect(many.singleUse).toBe(false)
    const listed = await runCliJson<
      { id: string; status: string; inviteExpiresAt: number | null }[]
    >(['members', '--data', data, '--workspace', 'w'])
    expect(listed.find((m) => m.id === once.member.id)).toMatchObject({
      status: 'invited',
      inviteExpiresAt: once.expiresAt,
    })
    const bad = await runCli([
      'invite',
      ...base,
      '--name',
      'X',
      '--role',
      'editor',
      '--expires',
      'soon',
    ])
    expect(bad).toMatchObject({ code: 2 })
    expect(bad.stderr).toMatch(/7d, 12h or 30m/)
  })

  test('a role changed with the CLI in another process reaches the member’s open sockets', async () => {
    const data = join(tempDir(), 'relay.sqlite')
    const seeded = await seedWorkspace(data)
    const relay = await spawnRelay(data)
    open.relays.push(relay)
    const reviewer = connectClient(relay.url, paperRoom('w', 'p'), seeded.tokens.reviewer)
    open.clients.push(reviewer)
    await reviewer.synced()
    const changed = await runCli([
      'role',
      '--data',
      data,
      '--member',
      seeded.memberIds.reviewer,
      '--role',
      'editor',
    ])
    expect(changed.code).toBe(0)
    await waitFor(() => reviewer.memberUpdates.some((u) => u.role === 'editor'), 'message 101')
    reviewer.doc.getText('notes').insert(0, 'Nå kan jeg skrive.')
    const reader = connectClient(relay.url, paperRoom('w', 'p'), seeded.tokens.coordinator)
    open.clients.push(reader)
    await waitFor(() => reader.doc.getText('notes').toString() === 'Nå kan jeg skrive.', 'the text')
  })

  test('a database from before invites were claimed keeps its members and their tokens', async () => {
    const data = join(tempDir(), 'relay.sqlite')
    // The relay's first schema: members with their token hash.
    const first = { name: relayExtension.name, migrations: relayExtension.migrations.slice(0, 1) }
    const old = UpdateStore.open(data, { extensions: [first] })
    const token = newToken()
    old.db.prepare("INSERT INTO workspaces (id, name, created_at) VALUES ('w', 'W', 1)").run()
    old.db
      .prepare(
        `INSERT INTO members (id, workspace, name, organisation, role, token_hash, created_at)
         VALUES ('m1', 'w', 'Kari', 'UiS', 'editor', ?, 1)`,
      )
      .run(hashToken(token))
    await old.close()
    const store = UpdateStore.open(data, { extensions: [relayExtension] })
    const members = new MemberDirectory(store.db)
    expect(members.authenticate(token)).toMatchObject({
      status: 'ok',
      member: { id: 'm1', role: 'editor' },
    })
    expect(members.summaries('w')).toMatchObject([{ id: 'm1', status: 'active' }])
    await store.close()
  })
})
