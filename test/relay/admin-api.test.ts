import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { MemberDirectory, TICKET_MS } from '../../server/members.ts'
import { startRelay, type RunningRelay } from '../../server/start-relay.ts'
import {
  addThread,
  changeStatus,
  createAnchor,
  paperBody,
  readThreads,
  readWorkflow,
  resolveThread,
  type Author,
} from '../../shared/model/index.ts'
import type {
  ClaimResponse,
  InviteResponse,
  MembersResponse,
  TicketResponse,
} from '../../shared/protocol/admin.ts'
import {
  CloseCode,
  commentsRoom,
  indexRoom,
  paperRoom,
  workflowRoom,
  type Role,
} from '../../shared/protocol/index.ts'
import { useTempDir } from '../helpers/temp-dir.ts'
import { connectClient, roundTrip, type Client } from './helpers/clients.ts'
import { seedWorkspace, type Seeded } from './helpers/members.ts'
import { sendRaw } from './helpers/raw-socket.ts'
import { waitFor, within } from './helpers/wait.ts'

const tempDir = useTempDir('samstemt-relay-admin-')
const open: { clients: Client[]; relays: RunningRelay[] } = { clients: [], relays: [] }

afterEach(async () => {
  for (const client of open.clients.splice(0)) client.destroy()
  await Promise.all(open.relays.splice(0).map((relay) => relay.close()))
})

type Setup = {
  relay: RunningRelay
  seeded: Seeded
  /** A revoked member of the workspace. */
  revoked: string
  api: <T = unknown>(
    method: string,
    path: string,
    token: string | null,
    body?: unknown,
  ) => Promise<{ status: number; body: T & { error?: string } }>
  client: (room: string, token: string, ticket?: string) => Promise<Client>
}

async function setup(options: { allowWorkspaceCreation?: boolean } = {}): Promise<Setup> {
  const file = join(tempDir(), 'relay.sqlite')
  const seeded = await seedWorkspace(file)
  const relay = await startRelay({
    data: file,
    port: 0,
    log: false,
    revocationPollMs: 50,
    ...options,
  })
  open.relays.push(relay)
  const gone = relay.members.add({
    workspace: 'w',
    name: 'Gone',
    organisation: 'UiS',
    role: 'editor',
  })
  relay.members.revoke(gone.member.id)
  const base = relay.url.replace('ws', 'http')
  return {
    relay,
    seeded,
    revoked: gone.token,
    api: async (method, path, token, body) => {
      const response = await fetch(base + path, {
        method,
        headers: {
          ...(token === null ? {} : { authorization: `Bearer ${token}` }),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      return { status: response.status, body: await response.json() }
    },
    client: async (room, token, ticket) => {
      const c =
        ticket === undefined
          ? connectClient(relay.url, room, token)
          : connectClient(relay.url, room, null, { ticket })
      open.clients.push(c)
      await c.synced()
      return c
    },
  }
}

const invite = { name: 'Per Utvik', organisation: 'Stavanger kommune', role: 'reviewer' }

describe('the admin API', () => {
  test('its permission matrix: coordinators manage, others read, strangers and the revoked get nothing', async () => {
    const { api, seeded, revoked, relay } = await setup()
    const { tokens, memberIds, stranger } = seeded
    const callers: [string, string | null][] = [
      ['coordinator', tokens.coordinator],
      ['editor', tokens.editor],
      ['reviewer', tokens.reviewer],
      ['revoked', revoked],
      ['another workspace’s coordinator', stranger],
      ['no token', null],
    ]
    for (const [who, token] of callers) {
      // A member for this caller to try to revoke.
      const target = relay.members.add({
        workspace: 'w',
        name: 'T',
        organisation: 'UiS',
        role: 'editor',
      })
      const list = await api<MembersResponse>('GET', '/admin/members', token)
      const made = await api<InviteResponse>('POST', '/admin/invites', token, invite)
      const role = await api('PATCH', `/admin/members/${memberIds.editor}`, token, {
        role: 'reviewer',
      })
      const gone = await api('POST', `/admin/members/${target.member.id}/revoke`, token)
      // Whether this relay allows new workspaces: a coordinator's question, of any workspace.
      const asked = await api('GET', '/admin/workspaces', token)
      const expected = {
        coordinator: [200, 200, 200, 200, 200],
        editor: [200, 403, 403, 403, 403],
        reviewer: [200, 403, 403, 403, 403],
        revoked: [403, 403, 403, 403, 403],
        'another workspace’s coordinator': [200, 200, 404, 404, 200],
        'no token': [401, 401, 401, 401, 401],
      }[who]
      expect([list.status, made.status, role.status, gone.status, asked.status], who).toEqual(
        expected,
      )
      if (who === 'another workspace’s coordinator') {
        // Their own workspace's list, and their invite lands there, not in ours.
        expect(list.body.workspace.id).toBe('w-other')
        expect(relay.members.summaries('w').some((m) => m.id === made.body.member.id)).toBe(false)
      }
      if (who === 'coordinator') {
        // Undo, so the next callers find the same workspace.
        relay.members.setRoleUnchecked(memberIds.editor, 'editor')
      }
    }
    expect(relay.members.member(memberIds.editor)?.role).toBe('editor')
    const revokedTargets = relay.members
      .summaries('w')
      .filter((m) => m.name === 'T' && m.status === 'revoked')
    expect(revokedTargets).toHaveLength(1)
  })

  test('every call a coordinator makes is in the audit log: who, what, when', async () => {
    const { api, seeded, relay } = await setup()
    const { tokens, memberIds } = seeded
    const made = await api<InviteResponse>('POST', '/admin/invites', tokens.coordinator, invite)
    await api('PATCH', `/admin/members/${memberIds.editor}`, tokens.coordinator, {
      role: 'reviewer',
    })
    await api('POST', `/admin/members/${made.body.member.id}/revoke`, tokens.coordinator)
    const log = relay.members.auditLog('w')
    expect(log.map((e) => [e.actor, e.action, e.target])).toEqual([
      [memberIds.coordinator, 'invite', made.body.member.id],
      [memberIds.coordinator, 'role', memberIds.editor],
      [memberIds.coordinator, 'revoke', made.body.member.id],
    ])
    expect(log[1]?.detail).toEqual({ from: 'editor', to: 'reviewer' })
    for (const entry of log) expect(entry.at).toBeGreaterThan(Date.now() - 60_000)
  })

  test('an invite is claimed once for a session token; unknown, expired, used and revoked are told apart', async () => {
    const { api, seeded, relay, client } = await setup()
    const made = await api<InviteResponse>(
      'POST',
      '/admin/invites',
      seeded.tokens.coordinator,
      invite,
    )
    expect(made.body.member).toMatchObject({ ...invite, status: 'invited', lastSeen: null })
    const link = made.body.token
    expect((await api('GET', '/invite', link)).body).toMatchObject({
      workspace: { id: 'w' },
      member: { name: 'Per Utvik', role: 'reviewer' },
    })
    // The invite itself opens no socket: it must be claimed.
    const direct = await sendRaw(relay.url, paperRoom('w', 'p'), link, [])
    expect(direct).toMatchObject({ closed: true, code: CloseCode.badToken })
    const claimed = await api<ClaimResponse>('POST', '/invite/claim', link)
    expect(claimed.status).toBe(200)
    await client(paperRoom('w', 'p'), claimed.body.token)
    expect((await api('POST', '/invite/claim', link)).body.error).toBe('used')
    expect((await api('GET', '/invite', link)).status).toBe(410)
    expect(relay.members.summary(made.body.member.id)?.status).toBe('active')
    // A session token claims as itself, so links from before claims existed keep working.
    expect((await api<ClaimResponse>('POST', '/invite/claim', claimed.body.token)).body.token).toBe(
      claimed.body.token,
    )

    const reusable = await api<InviteResponse>(
      'POST',
      '/admin/invites',
      seeded.tokens.coordinator,
      {
        ...invite,
        singleUse: false,
        expiresInDays: 7,
      },
    )
    const first = await api<ClaimResponse>('POST', '/invite/claim', reusable.body.token)
    const second = await api<ClaimResponse>('POST', '/invite/claim', reusable.body.token)
    expect(first.body.token).not.toBe(second.body.token)
    expect(reusable.body.member.inviteExpiresAt).toBeGreaterThan(Date.now() + 6 * 86_400_000)

    const past = new MemberDirectory(relay.store.db, () => Date.now() - 86_400_000)
    const stale = past.invite(
      { workspace: 'w', name: 'Late', organisation: 'UiS', role: 'editor' },
      { expiresAt: Date.now() - 1000 },
    )
    expect((await api('POST', '/invite/claim', stale.token)).body.error).toBe('expired')

    const withdrawn = await api<InviteResponse>(
      'POST',
      '/admin/invites',
      seeded.tokens.coordinator,
      invite,
    )
    await api(
      'POST',
      `/admin/members/${withdrawn.body.member.id}/revoke`,
      seeded.tokens.coordinator,
    )
    expect((await api('POST', '/invite/claim', withdrawn.body.token)).body.error).toBe('revoked')
    expect((await api('GET', '/invite', 'x'.repeat(43))).body.error).toBe('unknown-token')
  })

  test('a role change takes effect at once on open sockets, in every room, and the app is told', async () => {
    const { api, seeded, client } = await setup()
    const { tokens, memberIds } = seeded
    const author = (role: Role): Author => ({
      memberId: memberIds[role],
      name: `A ${role}`,
      organisation: 'UiS',
    })
    const sockets = {
      index: await client(indexRoom('w'), tokens.reviewer),
      paper: await client(paperRoom('w', 'p'), tokens.reviewer),
      comments: await client(commentsRoom('w', 'p'), tokens.editor),
      workflow: await client(workflowRoom('w', 'p'), tokens.reviewer),
    }
    // Present in the paper (a state with a clock past the initial 0, which peers never relay).
    sockets.paper.provider.awareness.setLocalStateField('cursor', { at: 0 })
    sockets.paper.doc.getText('notes').insert(0, 'Før: ')
    await waitFor(() => sockets.paper.denied.length > 0, 'the reviewer’s write to be refused')

    // Promoted: the same sockets may write, no reconnect.
    await api('PATCH', `/admin/members/${memberIds.reviewer}`, tokens.coordinator, {
      role: 'editor',
    })
    await waitFor(() => sockets.paper.memberUpdates.some((u) => u.role === 'editor'), 'message 101')
    expect(sockets.index.memberUpdates.at(-1)).toMatchObject({
      id: memberIds.reviewer,
      role: 'editor',
    })
    sockets.index.doc.getMap('papers').set('q', 'ny')
    await roundTrip(sockets.index)
    expect(sockets.index.denied).toEqual([])
    const presence = await client(paperRoom('w', 'p'), tokens.coordinator)
    await waitFor(
      () =>
        [...presence.provider.awareness.getStates().values()].some(
          (s) => (s.user as { role?: string } | undefined)?.role === 'editor',
        ),
      'the new role in presence',
    )

    // Demoted: an editor's resolving of another's thread is refused at once, same socket.
    const line = new Y.XmlText('Byene trenger forutsigbar finansiering')
    paperBody(new Y.Doc()).insert(0, [line])
    const theirs = await client(commentsRoom('w', 'p'), tokens.coordinator)
    addThread(theirs.doc, {
      anchor: createAnchor(line, 0, 5),
      quote: 'Byene',
      author: author('coordinator'),
      text: 'Kommunene?',
    })
    await waitFor(() => readThreads(sockets.comments.doc).value.length === 1, 'the thread')
    await api('PATCH', `/admin/members/${memberIds.editor}`, tokens.coordinator, {
      role: 'reviewer',
    })
    await waitFor(() => sockets.comments.memberUpdates.length > 0, 'message 101')
    const id = readThreads(sockets.comments.doc).value[0]!.id
    resolveThread(sockets.comments.doc, id, author('editor'))
    await waitFor(() => sockets.comments.denied.length > 0, 'the resolving to be refused')

    // In the workflow room: the promoted member may not move the status (only coordinators may).
    changeStatus(sockets.workflow.doc, { status: 'review', by: author('reviewer') })
    await waitFor(() => sockets.workflow.denied.length > 0, 'the status move to be refused')
    const reader = await client(workflowRoom('w', 'p'), tokens.coordinator)
    expect(readWorkflow(reader.doc).value.history).toEqual([])
  })

  test('the last coordinator cannot be demoted or revoked from the app; one of two may be', async () => {
    const { api, seeded, relay } = await setup()
    const { tokens, memberIds } = seeded
    const self = await api('PATCH', `/admin/members/${memberIds.coordinator}`, tokens.coordinator, {
      role: 'editor',
    })
    expect(self).toMatchObject({ status: 409, body: { error: 'last-coordinator' } })
    expect(
      (await api('POST', `/admin/members/${memberIds.coordinator}/revoke`, tokens.coordinator))
        .status,
    ).toBe(409)
    const second = relay.members.add({
      workspace: 'w',
      name: 'B',
      organisation: 'NTNU',
      role: 'coordinator',
    })
    expect(
      (
        await api('PATCH', `/admin/members/${memberIds.coordinator}`, second.token, {
          role: 'editor',
        })
      ).status,
    ).toBe(200)
    expect(relay.members.member(memberIds.coordinator)?.role).toBe('editor')
    expect(
      (await api('POST', `/admin/members/${second.member.id}/revoke`, second.token)).status,
    ).toBe(409)
  })

  test('revoking from the app closes the member’s open sockets at once with 4403', async () => {
    const { api, seeded, client } = await setup()
    const editor = await client(paperRoom('w', 'p'), seeded.tokens.editor)
    await api('POST', `/admin/members/${seeded.memberIds.editor}/revoke`, seeded.tokens.coordinator)
    expect((await within(editor.closed, 'the close')).code).toBe(CloseCode.revoked)
  })

  test('a ticket opens a socket for ten minutes; a forged, expired or revoked one does not', async () => {
    const { api, seeded, relay, client } = await setup()
    const issued = await api<TicketResponse>('POST', '/ticket', seeded.tokens.editor)
    expect(issued.body.expiresAt).toBeGreaterThan(Date.now() + TICKET_MS - 5000)
    const writer = await client(paperRoom('w', 'p'), '', issued.body.ticket)
    writer.doc.getText('notes').insert(0, 'Med billett.')
    await roundTrip(writer)
    expect(writer.denied).toEqual([])
    const room = paperRoom('w', 'p')
    const raw = (ticket: string) => ticketSocket(relay.url, room, ticket)
    const forged = issued.body.ticket.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))
    // Not valid here: transient, the app asks for a new ticket with its token.
    expect(await raw(forged)).toBe(CloseCode.ticketExpired)
    const past = new MemberDirectory(relay.store.db, () => Date.now() - TICKET_MS - 1000)
    const member = relay.members.member(seeded.memberIds.editor)!
    expect(await raw(past.ticket(member).ticket)).toBe(CloseCode.ticketExpired)
    expect((await api('POST', '/ticket', seeded.tokens.reviewer.slice(1))).status).toBe(401)
    relay.members.revoke(seeded.memberIds.editor)
    expect(await raw(issued.body.ticket)).toBe(CloseCode.revoked)
  })

  test('creating a workspace from the app is off unless the operator allows it', async () => {
    const off = await setup()
    // A coordinator may ask first; nobody else may ask.
    const asked = await off.api('GET', '/admin/workspaces', off.seeded.tokens.coordinator)
    expect(asked.body).toEqual({ allowed: false })
    expect((await off.api('GET', '/admin/workspaces', off.seeded.tokens.reviewer)).status).toBe(403)
    expect(
      (await off.api('POST', '/admin/workspaces', off.seeded.tokens.coordinator, { name: 'Ny' }))
        .body.error,
    ).toBe('disabled')
    const on = await setup({ allowWorkspaceCreation: true })
    expect((await on.api('GET', '/admin/workspaces', on.seeded.tokens.coordinator)).body).toEqual({
      allowed: true,
    })
    expect(
      (await on.api('POST', '/admin/workspaces', on.seeded.tokens.editor, { name: 'Ny' })).status,
    ).toBe(403)
    const made = await on.api<{ workspace: { id: string }; token: string }>(
      'POST',
      '/admin/workspaces',
      on.seeded.tokens.coordinator,
      { name: 'Nordiske byer' },
    )
    const claimed = await on.api<ClaimResponse>('POST', '/invite/claim', made.body.token)
    expect(claimed.body.member).toMatchObject({ role: 'coordinator', name: 'A coordinator' })
    expect(claimed.body.workspace.id).toBe(made.body.workspace.id)
    const list = await on.api<MembersResponse>('GET', '/admin/members', claimed.body.token)
    expect(list.body.workspace.name).toBe('Nordiske byer')
  })
})

/** Opens a socket with `?ticket=` and resolves with the close code the relay sends. */
async function ticketSocket(url: string, room: string, ticket: string): Promise<number> {
  const { WebSocket } = await import('ws')
  const ws = new WebSocket(`${url}/${room}?ticket=${encodeURIComponent(ticket)}`)
  ws.on('error', () => {})
  return within(
    new Promise<number>((resolve) => ws.on('close', (code) => resolve(code))),
    'the relay to close the socket',
  )
}
