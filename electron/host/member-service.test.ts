import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { parseInviteLink, type Role } from '../../shared/protocol/index.ts'
import { recordingFetch, startTestRelay } from '../../test/electron/helpers/test-relay.ts'
import { useTestProfiles, type TestProfile } from '../../test/electron/helpers/profile.ts'
import { useTempDir } from '../../test/helpers/temp-dir.ts'

const tempDir = useTempDir('samstemt-members-')
const profile = useTestProfiles()
const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

type Joined = { host: TestProfile; id: string; dir: string }

async function setUp(options: { allowWorkspaceCreation?: boolean } = {}) {
  const relay = await startTestRelay(options)
  cleanups.push(relay.close)
  const recorded = recordingFetch()
  const join = async (name: string, organisation: string, role: Role): Promise<Joined> =>
    joinWith(relay.invite(name, organisation, role).link)
  const joinWith = async (link: string): Promise<Joined> => {
    const dir = tempDir()
    const host = profile(dir, undefined, { fetch: recorded.fetch })
    const joined = await host.call('workspaces/join', { link })
    if (!joined.ok || joined.value.member === null) throw new Error(`not joined: ${link}`)
    return { host, id: joined.value.member.id, dir }
  }
  const coordinator = await join('Anne Berg', 'NTNU', 'coordinator')
  return { relay, recorded, join, joinWith, coordinator, workspace: relay.workspace.id }
}

describe('the member list', () => {
  it('lists everyone with role, status and last connection, for every member', async () => {
    const { relay, join, coordinator, workspace } = await setUp()
    const reviewer = await join('Ole Hansen', 'Nordic Edge', 'reviewer')
    relay.invite('Eva Lie', 'UiB', 'editor')
    for (const host of [coordinator.host, reviewer.host]) {
      const listed = await host.call('members/list', { workspace })
      if (!listed.ok) throw new Error(listed.error.message)
      expect(listed.value.workspace).toEqual(relay.workspace)
      expect(
        listed.value.members.map(({ name, organisation, role, status }) => ({
          name,
          organisation,
          role,
          status,
        })),
      ).toEqual([
        { name: 'Anne Berg', organisation: 'NTNU', role: 'coordinator', status: 'active' },
        { name: 'Ole Hansen', organisation: 'Nordic Edge', role: 'reviewer', status: 'active' },
        { name: 'Eva Lie', organisation: 'UiB', role: 'editor', status: 'invited' },
      ])
    }
  })

  it('a local workspace has no members to list, and says so', async () => {
    const host = profile(tempDir())
    const sample = await host.call('workspaces/create-sample')
    if (!sample.ok) throw new Error('no sample')
    expect(await host.call('members/list', { workspace: sample.value.id })).toMatchObject({
      ok: false,
      error: {
        code: 'unknown-workspace',
        message: expect.stringContaining('only on this computer'),
      },
    })
  })
})

describe('inviting from the app', () => {
  it('makes a link that joins the new member with the role given, once', async () => {
    const { relay, coordinator, joinWith, workspace } = await setUp()
    const created = await coordinator.host.call('members/invite', {
      workspace,
      name: ' Ole Hansen ',
      organisation: 'Nordic Edge',
      role: 'reviewer',
      expiresInDays: 7,
    })
    if (!created.ok) throw new Error(created.error.message)
    expect(created.value.member).toMatchObject({
      name: 'Ole Hansen',
      status: 'invited',
      role: 'reviewer',
    })
    const expires = created.value.member.inviteExpiresAt ?? 0
    expect(Math.round((expires - Date.now()) / 86_400_000)).toBe(7)
    const invite = parseInviteLink(created.value.link)
    expect(invite).toMatchObject({ relay: relay.url, workspace, name: 'Ole Hansen' })

    const reviewer = await joinWith(created.value.link)
    expect(reviewer.id).toBe(created.value.member.id)
    expect(
      await profile(tempDir()).call('workspaces/join', { link: created.value.link }),
    ).toMatchObject({ ok: false, error: { code: 'invite-used' } })
    // The coordinator's log never holds the link's token.
    const log = readFileSync(join(coordinator.dir, 'logs/samstemt.log'), 'utf8')
    expect(log).toContain('invited a member')
    expect(log).not.toContain(invite?.token)
  })

  it('editors and reviewers may not invite, change roles or revoke: the relay says so', async () => {
    const { join, coordinator, workspace } = await setUp()
    const editor = await join('Kari Nordmann', 'UiS', 'editor')
    const attempts = [
      editor.host.call('members/invite', {
        workspace,
        name: 'X',
        organisation: 'Y',
        role: 'editor',
        expiresInDays: null,
      }),
      editor.host.call('members/set-role', { workspace, member: coordinator.id, role: 'reviewer' }),
      editor.host.call('members/revoke', { workspace, member: coordinator.id }),
    ]
    for (const result of await Promise.all(attempts)) {
      expect(result).toMatchObject({
        ok: false,
        error: {
          code: 'forbidden',
          message: 'Only a coordinator of the workspace may do this.',
          messageNb: 'Bare en koordinator i arbeidsområdet kan gjøre dette.',
        },
      })
    }
  })

  it('refuses malformed invites before asking the relay', async () => {
    const { recorded, coordinator, workspace } = await setUp()
    const before = recorded.requests.length
    for (const request of [
      { workspace, name: '   ', organisation: 'Y', role: 'editor', expiresInDays: null },
      { workspace, name: 'X', organisation: 'Y', role: 'owner', expiresInDays: null },
      { workspace, name: 'X', organisation: 'Y', role: 'editor', expiresInDays: 0 },
      { workspace, name: 'X', organisation: 'Y', role: 'editor', expiresInDays: 1.5 },
      { workspace, name: 'X'.repeat(201), organisation: 'Y', role: 'editor', expiresInDays: 7 },
      { workspace, name: 'X', organisation: 'Y', role: 'editor' },
    ]) {
      expect(await coordinator.host.raw('members/invite', request)).toMatchObject({
        ok: false,
        error: { code: 'invalid-payload' },
      })
    }
    expect(recorded.requests.length).toBe(before)
  })
})

describe('roles and revocation', () => {
  it('promotes and demotes; the last coordinator cannot step down or be revoked', async () => {
    const { join, coordinator, workspace } = await setUp()
    const reviewer = await join('Ole Hansen', 'Nordic Edge', 'reviewer')
    const { host } = coordinator
    expect(
      await host.call('members/set-role', { workspace, member: reviewer.id, role: 'editor' }),
    ).toMatchObject({ ok: true, value: { id: reviewer.id, role: 'editor' } })
    for (const refused of [
      await host.call('members/set-role', { workspace, member: coordinator.id, role: 'editor' }),
      await host.call('members/revoke', { workspace, member: coordinator.id }),
    ]) {
      expect(refused).toMatchObject({
        ok: false,
        error: {
          code: 'last-coordinator',
          message: expect.stringContaining('Make someone else coordinator first'),
          messageNb: expect.stringContaining('Gjør en annen til koordinator først'),
        },
      })
    }
    // With a second coordinator, the first may step down, and their own entry follows.
    await host.call('members/set-role', { workspace, member: reviewer.id, role: 'coordinator' })
    expect(
      await host.call('members/set-role', { workspace, member: coordinator.id, role: 'editor' }),
    ).toMatchObject({ ok: true })
    expect(await host.call('workspaces/list')).toMatchObject({
      ok: true,
      value: [{ member: { role: 'editor' } }],
    })
  })

  it('a revoked member is listed as revoked and gets no further ticket', async () => {
    const { join, coordinator, workspace } = await setUp()
    const reviewer = await join('Ole Hansen', 'Nordic Edge', 'reviewer')
    expect(await reviewer.host.call('workspaces/connection', { workspace })).toMatchObject({
      ok: true,
    })
    expect(
      await coordinator.host.call('members/revoke', { workspace, member: reviewer.id }),
    ).toMatchObject({ ok: true, value: { status: 'revoked' } })
    expect(await reviewer.host.call('workspaces/connection', { workspace })).toMatchObject({
      ok: false,
      error: { code: 'access-revoked' },
    })
    expect(await reviewer.host.call('members/list', { workspace })).toMatchObject({
      ok: false,
      error: { code: 'access-revoked' },
    })
  })

  it('names an unknown member as such', async () => {
    const { coordinator, workspace } = await setUp()
    expect(
      await coordinator.host.call('members/revoke', { workspace, member: 'mNobody' }),
    ).toMatchObject({ ok: false, error: { code: 'member-not-found' } })
  })
})

describe('new workspaces from the app', () => {
  it("are refused unless the relay's operator allows them, which the app can ask first", async () => {
    const { coordinator, workspace } = await setUp()
    expect(await coordinator.host.call('workspaces/can-create', { from: workspace })).toEqual({
      ok: true,
      value: { allowed: false },
    })
    expect(
      await coordinator.host.call('workspaces/create', { from: workspace, name: 'Baltic ports' }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'creation-disabled',
        message: expect.stringContaining('--allow-workspace-creation'),
      },
    })
  })

  it('where allowed, the coordinator joins the new one as its first coordinator', async () => {
    const { relay, coordinator, workspace } = await setUp({ allowWorkspaceCreation: true })
    expect(await coordinator.host.call('workspaces/can-create', { from: workspace })).toEqual({
      ok: true,
      value: { allowed: true },
    })
    const created = await coordinator.host.call('workspaces/create', {
      from: workspace,
      name: 'Baltic ports',
    })
    if (!created.ok) throw new Error(created.error.message)
    expect(created.value).toMatchObject({
      name: 'Baltic ports',
      relay: relay.url,
      member: { name: 'Anne Berg', organisation: 'NTNU', role: 'coordinator' },
    })
    expect(created.value.id).not.toBe(workspace)
    expect(
      await coordinator.host.call('workspaces/connection', { workspace: created.value.id }),
    ).toMatchObject({ ok: true, value: { member: { role: 'coordinator' } } })
  })
})
