import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { formatInviteLink } from '../../shared/protocol/index.ts'
import { recordingFetch, startTestRelay } from '../../test/electron/helpers/test-relay.ts'
import { closedRelayUrl } from '../../test/electron/helpers/closed-relay.ts'
import { checkInvite, claimInvite } from './invite-client.ts'
import { relayEndpoint } from './relay-http.ts'

const transport = { fetch }
const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

async function relay() {
  const started = await startTestRelay()
  cleanups.push(started.close)
  return started
}

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanups.push(async () => {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}`
}

const someToken = 'abcdefghijklmnopqrstuvwxyz012345'

describe('checking an invite with its relay', () => {
  it('shows what a valid invite grants: workspace, relay, name, organisation and role', async () => {
    const r = await relay()
    const { link, token, id } = r.invite('Lars Eide', 'UiS', 'reviewer')
    const recorded = recordingFetch()
    const result = await checkInvite(link, { fetch: recorded.fetch })
    expect(result).toEqual({
      ok: true,
      value: {
        invite: expect.objectContaining({ token }),
        preview: {
          workspace: r.workspace,
          relay: r.url,
          member: { id, name: 'Lars Eide', organisation: 'UiS', role: 'reviewer' },
          insecure: false,
        },
      },
    })
    expect(recorded.requests).toEqual([{ method: 'GET', path: '/invite', token }])
  })

  it('calls a malformed link invalid-invite without asking any relay', async () => {
    for (const link of [
      '',
      'https://example.org',
      'samstemt://join?relay=ws://x',
      'samstemt://join',
    ]) {
      expect(await checkInvite(link, transport)).toMatchObject({
        ok: false,
        error: {
          code: 'invalid-invite',
          // What a Norwegian UI shows under "Detaljer".
          messageNb: expect.stringMatching(/^Dette er ikke en fullstendig invitasjonslenke/),
        },
      })
    }
  })

  it('tells an unknown invite from an expired, a used and a revoked one', async () => {
    const r = await relay()
    const unknown = formatInviteLink({
      relay: r.url,
      workspace: r.workspace.id,
      token: someToken,
      name: 'Lars',
    })
    const expired = r.invite('Eva', 'UiB', 'reviewer', { expiresAt: Date.now() - 1 }).link
    const used = r.invite('Per', 'UiO', 'editor').link
    expect(await claimInvite(used, transport)).toMatchObject({ ok: true })
    const revoked = r.invite('Siri', 'NTNU', 'editor')
    r.revoke(revoked.id)

    const codes = []
    for (const link of [unknown, expired, used, revoked.link]) {
      const result = await checkInvite(link, transport)
      codes.push(result.ok ? 'ok' : result.error.code)
    }
    expect(codes).toEqual(['invite-unknown', 'invite-expired', 'invite-used', 'invite-revoked'])
  })

  it('says what each refusal means in both languages, never "revoked" for a token it does not know', async () => {
    const r = await relay()
    const link = formatInviteLink({
      relay: r.url,
      workspace: r.workspace.id,
      token: someToken,
      name: 'Lars',
    })
    const result = await checkInvite(link, transport)
    if (result.ok) throw new Error('an unknown invite was accepted')
    expect(result.error.message).toMatch(/does not know this invite/)
    expect(result.error.message).not.toMatch(/revoked|withdrawn/)
    expect(result.error.messageNb).toMatch(/kjenner ikke denne invitasjonen/)
  })

  it('reads refusals of a relay from before the admin API by their status alone', async () => {
    const url = await serve((req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"unknown invite"}')
    })
    const link = formatInviteLink({ relay: url, workspace: 'w1', token: someToken, name: 'A' })
    expect(await checkInvite(link, transport)).toMatchObject({
      ok: false,
      error: { code: 'invite-unknown' },
    })
  })

  it('calls a relay that does not answer relay-unreachable, naming the relay', async () => {
    const url = await closedRelayUrl()
    const link = formatInviteLink({ relay: url, workspace: 'w1', token: someToken, name: 'A' })
    const result = await checkInvite(link, transport)
    expect(result).toMatchObject({ ok: false, error: { code: 'relay-unreachable' } })
    expect(!result.ok && result.error.message).toContain(url)
  })

  it('gives up on a relay that accepts the connection but never answers', async () => {
    const url = await serve(() => undefined)
    const link = formatInviteLink({ relay: url, workspace: 'w1', token: someToken, name: 'A' })
    expect(await checkInvite(link, { fetch, timeoutMs: 200 })).toMatchObject({
      ok: false,
      error: { code: 'relay-unreachable', message: expect.stringContaining('no answer in time') },
    })
  })

  it('refuses a grant for another workspace than the link names', async () => {
    const r = await relay()
    const { token } = r.invite('Lars', 'UiS', 'reviewer')
    const link = formatInviteLink({ relay: r.url, workspace: 'wElsewhere', token, name: 'Lars' })
    expect(await checkInvite(link, transport)).toMatchObject({
      ok: false,
      error: { code: 'invalid-invite' },
    })
    expect(await claimInvite(link, transport)).toMatchObject({
      ok: false,
      error: { code: 'invalid-invite' },
    })
  })

  it('treats a server that is not a Samstemt relay as unreachable, and never follows redirects', async () => {
    const url = await serve((req, res) => {
      if (req.url === '/invite') return void res.writeHead(302, { location: '/elsewhere' }).end()
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>hello</html>')
    })
    const link = formatInviteLink({ relay: url, workspace: 'w1', token: someToken, name: 'A' })
    expect(await checkInvite(link, transport)).toMatchObject({
      ok: false,
      error: { code: 'relay-unreachable' },
    })
  })

  it('asks the relay over https for wss:// and keeps a path prefix', () => {
    expect(relayEndpoint('wss://relay.example.org', '/invite')).toBe(
      'https://relay.example.org/invite',
    )
    expect(relayEndpoint('wss://example.org/samstemt/', '/admin/members')).toBe(
      'https://example.org/samstemt/admin/members',
    )
    expect(relayEndpoint('ws://127.0.0.1:4455', '/ticket')).toBe('http://127.0.0.1:4455/ticket')
  })
})

describe('an invite to a relay without encryption', () => {
  it('is not sent to a ws:// relay off this computer until the user agrees to go on', async () => {
    const requests: string[] = []
    const url = await serve((req, res) => {
      requests.push(req.url ?? '')
      res.writeHead(500).end()
    })
    // The same server, named by an address that is not loopback.
    const insecure = url.replace('127.0.0.1', 'relay.invalid')
    const link = formatInviteLink({ relay: insecure, workspace: 'w1', token: someToken, name: 'A' })
    for (const call of [checkInvite, claimInvite]) {
      const result = await call(link, transport)
      expect(result).toMatchObject({ ok: false, error: { code: 'insecure-relay' } })
      expect(!result.ok && result.error.message).toMatch(/not encrypted.*in clear/)
      expect(!result.ok && result.error.messageNb).toMatch(/ikke kryptert/)
    }
    expect(requests).toEqual([])
    // Agreeing sends it (here: to a name that does not resolve, so the relay is unreachable).
    expect(await checkInvite(link, transport, true)).toMatchObject({
      ok: false,
      error: { code: 'relay-unreachable' },
    })
  })

  it('asks a ws:// relay on this computer without a warning', async () => {
    const r = await relay()
    const { link } = r.invite('Lars', 'UiS', 'reviewer')
    expect(await checkInvite(link, transport)).toMatchObject({
      ok: true,
      value: { preview: { insecure: false } },
    })
  })
})
