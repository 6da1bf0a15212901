import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { formatInviteLink } from '../../shared/protocol/index.ts'
import { closedRelayUrl, startFakeRelay } from '../../test/electron/helpers/fake-relay.ts'
import { checkInvite, inviteEndpoint } from './invite-client.ts'

const TOKEN = 'abcdefghijklmnopqrstuvwxyz012345'
const grant = {
  workspace: { id: 'wStavanger', name: 'Stavanger partners' },
  member: { id: 'm7', name: 'Lars Eide', organisation: 'UiS', role: 'reviewer' as const },
}
const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

async function relayWith(grants: Parameters<typeof startFakeRelay>[0]) {
  const relay = await startFakeRelay(grants)
  cleanups.push(relay.close)
  return relay
}

function linkFor(relay: string, workspace = grant.workspace.id, token = TOKEN): string {
  return formatInviteLink({ relay, workspace, token, name: 'Lars' })
}

describe('checking an invite with its relay', () => {
  it('shows what a valid invite grants: workspace, relay, name, organisation and role', async () => {
    const relay = await relayWith({ [TOKEN]: grant })
    const result = await checkInvite(linkFor(relay.url))
    expect(result).toMatchObject({ ok: true, value: { preview: { ...grant, relay: relay.url } } })
    expect(relay.requests).toEqual([{ path: '/invite', authorization: `Bearer ${TOKEN}` }])
  })

  it('calls a malformed link invalid-invite without asking any relay', async () => {
    for (const link of [
      '',
      'https://example.org',
      'samstemt://join?relay=ws://x',
      'samstemt://join',
    ]) {
      expect(await checkInvite(link)).toMatchObject({
        ok: false,
        error: {
          code: 'invalid-invite',
          // What a Norwegian UI shows under "Detaljer".
          messageNb: expect.stringMatching(/^Dette er ikke en fullstendig invitasjonslenke/),
        },
      })
    }
  })

  it('calls a revoked (403) or unknown (401) token invite-revoked', async () => {
    const revokedToken = 'R'.repeat(32)
    const relay = await relayWith({ [revokedToken]: { ...grant, revoked: true } })
    expect(await checkInvite(linkFor(relay.url, grant.workspace.id, revokedToken))).toMatchObject({
      ok: false,
      error: { code: 'invite-revoked' },
    })
    expect(await checkInvite(linkFor(relay.url))).toMatchObject({
      ok: false,
      error: { code: 'invite-revoked' },
    })
  })

  it('calls a relay that does not answer relay-unreachable, naming the relay', async () => {
    const url = await closedRelayUrl()
    const result = await checkInvite(linkFor(url))
    expect(result).toMatchObject({ ok: false, error: { code: 'relay-unreachable' } })
    expect(!result.ok && result.error.message).toContain(url)
  })

  it('gives up on a relay that accepts the connection but never answers', async () => {
    const server = createServer(() => undefined)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    cleanups.push(async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    })
    const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`
    expect(await checkInvite(linkFor(url), fetch, 200)).toMatchObject({
      ok: false,
      error: { code: 'relay-unreachable', message: expect.stringContaining('no answer in time') },
    })
  })

  it('refuses a grant for another workspace than the link names', async () => {
    const relay = await relayWith({ [TOKEN]: grant })
    const result = await checkInvite(linkFor(relay.url, 'wSomewhereElse'))
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-invite' } })
  })

  it('treats a server that is not a Samstemt relay as unreachable, and never follows redirects', async () => {
    const server = createServer((req, res) => {
      if (req.url === '/invite') return void res.writeHead(302, { location: '/elsewhere' }).end()
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>hello</html>')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())))
    const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`
    expect(await checkInvite(linkFor(url))).toMatchObject({
      ok: false,
      error: { code: 'relay-unreachable' },
    })
  })

  it('asks the relay over https for wss:// and keeps a path prefix', () => {
    expect(inviteEndpoint('wss://relay.example.org')).toBe('https://relay.example.org/invite')
    expect(inviteEndpoint('wss://example.org/samstemt/')).toBe(
      'https://example.org/samstemt/invite',
    )
    expect(inviteEndpoint('ws://127.0.0.1:4455')).toBe('http://127.0.0.1:4455/invite')
  })
})
