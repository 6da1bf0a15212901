import { afterEach, describe, expect, it } from 'vitest'
import type { Result, SamstemtApi } from '../../shared/ipc/contract.ts'
import { indexRoom, paperRoom } from '../../shared/protocol/index.ts'
import { RelayAccess } from '../../renderer/src/sync/relay-access.ts'
import { RoomSession } from '../../renderer/src/sync/room-session.ts'
import { useTestProfiles, type TestProfile } from '../electron/helpers/profile.ts'
import { startTestRelay, type TestRelay } from '../electron/helpers/test-relay.ts'
import { useTempDir } from '../helpers/temp-dir.ts'
import { waitFor } from '../relay/helpers/wait.ts'

// The page's side of tickets and member updates (RelayAccess, RoomSession) against the real host
// services and the real relay on loopback, with Node's own WebSocket.

const tempDir = useTempDir('samstemt-access-')
const profile = useTestProfiles()
const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** The host as the page reaches it; `rewrite` may change what `workspaces/connection` answers. */
function apiOf(host: TestProfile, rewrite?: (answer: Result<unknown>) => Result<unknown>) {
  const channels: string[] = []
  const api = {
    invoke: async (channel: string, request?: unknown) => {
      channels.push(channel)
      const answer = await host.raw(channel, request)
      return channel === 'workspaces/connection' && rewrite ? rewrite(answer) : answer
    },
    on: () => () => undefined,
  } as unknown as SamstemtApi
  return { api, channels }
}

async function member(relay: TestRelay, name: string, role: 'coordinator' | 'editor' | 'reviewer') {
  const host = profile(tempDir())
  const joined = await host.call('workspaces/join', { link: relay.invite(name, 'UiS', role).link })
  if (!joined.ok || joined.value.member === null) throw new Error('not joined')
  return { host, id: joined.value.member.id }
}

function open(api: SamstemtApi, relay: TestRelay, room: string, readOnly = false) {
  const access = new RelayAccess({
    api,
    workspace: relay.workspace.id,
    relay: relay.url,
    member: null,
  })
  access.start()
  const session = new RoomSession({
    api,
    room,
    connection: access,
    readOnly,
    user: { memberId: 'm', name: 'M', organisation: 'UiS', color: '#1d4ed8' },
  })
  cleanups.push(async () => {
    access.stop()
    await session.close()
  })
  return { access, session }
}

async function relay() {
  const started = await startTestRelay()
  cleanups.push(started.close)
  return started
}

describe('rooms connect with tickets, never with the key', () => {
  it('opens a room with a ticket from the host and syncs it', async () => {
    const r = await relay()
    const anne = await member(r, 'Anne', 'coordinator')
    const kari = await member(r, 'Kari', 'editor')
    const a = open(apiOf(anne.host).api, r, indexRoom(r.workspace.id))
    const k = open(apiOf(kari.host).api, r, indexRoom(r.workspace.id))
    await waitFor(() => a.session.getStatus().connection === 'online', 'Anne online')
    a.session.doc.getMap('papers').set('p1', 'Felles innspill')
    await waitFor(() => k.session.doc.getMap('papers').get('p1') === 'Felles innspill', 'sync')
    expect(a.access.getState().ticket?.value).toMatch(/\./)
  })

  it('a ticket the relay refuses (4001) is replaced, and the room connects with the new one', async () => {
    const r = await relay()
    const anne = await member(r, 'Anne', 'coordinator')
    let forged = 1
    const { api, channels } = apiOf(anne.host, (answer) => {
      if (!answer.ok || forged-- <= 0) return answer
      const value = answer.value as { ticket: string }
      return { ok: true, value: { ...value, ticket: `${value.ticket.slice(0, -4)}AAAA` } }
    })
    const a = open(api, r, indexRoom(r.workspace.id))
    const asked = () => channels.filter((channel) => channel === 'workspaces/connection').length
    await waitFor(() => asked() === 2, 'a second ticket after the refusal')
    // The relay commits a change sent over the new socket: the room is really connected.
    a.session.doc.getMap('papers').set('p1', 'Felles innspill')
    await waitFor(() => a.session.getStatus().saved.kind === 'relay', 'saved on the relay')
    expect(asked()).toBe(2)
  })
})

describe('member updates on open sockets', () => {
  it('a reviewer made editor is told at once, and the relay takes her text', async () => {
    const r = await relay()
    const anne = await member(r, 'Anne', 'coordinator')
    const ole = await member(r, 'Ole', 'reviewer')
    const room = paperRoom(r.workspace.id, 'p1')
    const watcher = open(apiOf(anne.host).api, r, room)
    const o = open(apiOf(ole.host).api, r, room, true)
    await waitFor(() => o.session.getStatus().connection === 'online', 'Ole online')
    expect(
      await anne.host.call('members/set-role', {
        workspace: r.workspace.id,
        member: ole.id,
        role: 'editor',
      }),
    ).toMatchObject({ ok: true })
    await waitFor(() => o.access.getState().member?.role === 'editor', 'message 101')
    o.session.setReadOnly(false)
    o.session.doc.getText('body').insert(0, 'Ole skriver nå.')
    await waitFor(
      () => watcher.session.doc.getText('body').toString() === 'Ole skriver nå.',
      'the relay took the promoted member’s text',
    )
    // The host keeps the new role for the next start.
    expect(await ole.host.call('workspaces/list')).toMatchObject({
      value: [{ member: { role: 'editor' } }],
    })
  })

  it('a revoked member’s rooms all end at once, each of them', async () => {
    const r = await relay()
    const anne = await member(r, 'Anne', 'coordinator')
    const ole = await member(r, 'Ole', 'reviewer')
    const { api } = apiOf(ole.host)
    const access = new RelayAccess({
      api,
      workspace: r.workspace.id,
      relay: r.url,
      member: null,
    })
    access.start()
    const user = { memberId: ole.id, name: 'Ole', organisation: 'UiS', color: '#1d4ed8' }
    const rooms = [indexRoom(r.workspace.id), `${paperRoom(r.workspace.id, 'p1')}/comments`].map(
      (room) => new RoomSession({ api, room, connection: access, readOnly: false, user }),
    )
    cleanups.push(async () => {
      access.stop()
      await Promise.all(rooms.map((session) => session.close()))
    })
    await waitFor(
      () => rooms.every((session) => session.getStatus().connection === 'online'),
      'both rooms online',
    )
    expect(
      await anne.host.call('members/revoke', { workspace: r.workspace.id, member: ole.id }),
    ).toMatchObject({ ok: true })
    await waitFor(
      () => rooms.every((session) => session.getStatus().connection === 'revoked'),
      'both rooms revoked',
    )
    expect(access.getState().access).toBe('revoked')
  })
})
