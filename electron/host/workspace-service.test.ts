import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readBodyJSON, readPaperMeta } from '../../shared/model/index.ts'
import { formatInviteLink } from '../../shared/protocol/index.ts'
import { recordingFetch, startTestRelay } from '../../test/electron/helpers/test-relay.ts'
import { useTestProfiles } from '../../test/electron/helpers/profile.ts'
import { useTempDir } from '../../test/helpers/temp-dir.ts'
import { SAMPLE_PAPER_ID } from './sample-workspace.ts'
import { plainSecretBox } from './secret-vault.ts'

const tempDir = useTempDir('samstemt-join-')
const profile = useTestProfiles()

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

async function relay() {
  const started = await startTestRelay()
  cleanups.push(started.close)
  return started
}

const PROFILE_FILES = ['secrets.json', 'workspaces.json', 'settings.json', 'logs/samstemt.log']

describe('joining a workspace through the host handlers', () => {
  it('claims the invite and keeps the key it gets back (encrypted), never the invite itself', async () => {
    const r = await relay()
    const invite = r.invite('Ingrid Berg', 'NTNU', 'editor')
    const dir = tempDir()
    const recorded = recordingFetch()
    const host = profile(dir, undefined, { fetch: recorded.fetch })
    const preview = await host.call('workspaces/preview-invite', { link: invite.link })
    expect(preview).toEqual({
      ok: true,
      value: {
        workspace: r.workspace,
        relay: r.url,
        member: { id: invite.id, name: 'Ingrid Berg', organisation: 'NTNU', role: 'editor' },
        insecure: false,
      },
    })
    expect(await host.call('workspaces/list')).toEqual({ ok: true, value: [] })

    const joined = await host.call('workspaces/join', { link: invite.link })
    expect(joined).toMatchObject({
      ok: true,
      value: { id: r.workspace.id, member: { id: invite.id, role: 'editor' } },
    })
    const claim = recorded.requests.find((request) => request.path === '/invite/claim')
    expect(claim?.token).toBe(invite.token)

    const connection = await host.call('workspaces/connection', { workspace: r.workspace.id })
    if (!connection.ok || connection.value === null) throw new Error('no connection')
    // The page gets a ticket; the key that fetched it is the one the claim answered with.
    expect(connection.value).toEqual({
      relay: r.url,
      ticket: expect.stringMatching(/^[A-Za-z0-9._~-]{16,}$/),
      expiresAt: expect.any(Number),
      member: { id: invite.id, name: 'Ingrid Berg', organisation: 'NTNU', role: 'editor' },
    })
    const ticketCall = recorded.requests.find((request) => request.path === '/ticket')
    const key = ticketCall?.token ?? ''
    expect(key).not.toBe(invite.token)
    expect(JSON.stringify(connection.value)).not.toContain(key)
    for (const file of PROFILE_FILES) {
      const text = readFileSync(join(dir, file), 'utf8')
      expect(text, file).not.toContain(key)
      expect(text, file).not.toContain(invite.token)
      expect(text, file).not.toContain(connection.value.ticket)
    }
    expect(await host.call('app/info')).toMatchObject({ value: { secretsEncrypted: true } })
  })

  it('a single-use invite joins one computer; the second is told it was used', async () => {
    const r = await relay()
    const { link } = r.invite('Ingrid Berg', 'NTNU', 'editor')
    expect(await profile(tempDir()).call('workspaces/join', { link })).toMatchObject({ ok: true })
    expect(await profile(tempDir()).call('workspaces/join', { link })).toMatchObject({
      ok: false,
      error: { code: 'invite-used', messageNb: expect.stringContaining('bare én gang') },
    })
  })

  it('follows a role the coordinator changed: the next connection says so, and the list keeps it', async () => {
    const r = await relay()
    const coordinator = profile(tempDir())
    expect(
      await coordinator.call('workspaces/join', {
        link: r.invite('Anne', 'NTNU', 'coordinator').link,
      }),
    ).toMatchObject({ ok: true })
    const reviewer = profile(tempDir())
    const joined = await reviewer.call('workspaces/join', {
      link: r.invite('Ole', 'Nordic Edge', 'reviewer').link,
    })
    if (!joined.ok || joined.value.member === null) throw new Error('not joined')
    expect(
      await coordinator.call('members/set-role', {
        workspace: r.workspace.id,
        member: joined.value.member.id,
        role: 'editor',
      }),
    ).toMatchObject({ ok: true, value: { role: 'editor' } })
    expect(
      await reviewer.call('workspaces/connection', { workspace: r.workspace.id }),
    ).toMatchObject({ ok: true, value: { member: { role: 'editor' } } })
    expect(await reviewer.call('workspaces/list')).toMatchObject({
      ok: true,
      value: [{ member: { role: 'editor' } }],
    })
  })

  it('a revoked member gets no ticket, and is told why', async () => {
    const r = await relay()
    const host = profile(tempDir())
    const invite = r.invite('Ole', 'Nordic Edge', 'reviewer')
    expect(await host.call('workspaces/join', { link: invite.link })).toMatchObject({ ok: true })
    r.revoke(invite.id)
    expect(await host.call('workspaces/connection', { workspace: r.workspace.id })).toMatchObject({
      ok: false,
      error: {
        code: 'access-revoked',
        message: expect.stringContaining('What is on this computer stays here'),
      },
    })
  })

  it('a relay out of reach gives no ticket but keeps the workspace, to try again later', async () => {
    const r = await relay()
    const host = profile(tempDir())
    expect(
      await host.call('workspaces/join', { link: r.invite('Ole', 'UiS', 'reviewer').link }),
    ).toMatchObject({ ok: true })
    await r.close()
    expect(await host.call('workspaces/connection', { workspace: r.workspace.id })).toMatchObject({
      ok: false,
      error: { code: 'relay-unreachable' },
    })
    expect(await host.call('workspaces/list')).toMatchObject({
      ok: true,
      value: [{ id: r.workspace.id }],
    })
  })

  it("gives the ticket expiry on this computer's clock, whatever the relay's clock says", async () => {
    // A relay whose clock is an hour ahead: its expiry, read as ours, would look far off.
    const ahead = 3_600_000
    const url = await serveJson(
      (path) =>
        path === '/ticket'
          ? { ticket: 'T'.repeat(32), expiresAt: Date.now() + ahead + 600_000 }
          : {
              workspace: { id: 'w1', name: 'W' },
              member: { id: 'm1', name: 'A', organisation: 'B', role: 'editor' },
              token: 'K'.repeat(32),
            },
      ahead,
    )
    const host = profile(tempDir())
    const link = formatInviteLink({ relay: url, workspace: 'w1', token: 'I'.repeat(32), name: 'A' })
    expect(await host.call('workspaces/join', { link })).toMatchObject({ ok: true })
    const before = Date.now()
    const connection = await host.call('workspaces/connection', { workspace: 'w1' })
    if (!connection.ok || connection.value === null) throw new Error('no connection')
    const lifetime = connection.value.expiresAt - before
    // Ten minutes, give or take the second the Date header rounds away.
    expect(lifetime).toBeGreaterThan(598_000)
    expect(lifetime).toBeLessThanOrEqual(601_000 + (Date.now() - before))
  })

  it('says when keys are stored unencrypted because the OS has no keychain', async () => {
    const host = profile(tempDir(), plainSecretBox)
    const info = await host.call('app/info')
    expect(info).toMatchObject({
      ok: true,
      value: { secretsEncrypted: false, version: '0.1.0-test' },
    })
  })

  it('refuses store calls for a workspace this profile does not belong to', async () => {
    const host = profile(tempDir())
    const loaded = await host.call('store/load', { doc: 'someoneElse/index' })
    expect(loaded).toMatchObject({ ok: false, error: { code: 'unknown-workspace' } })
    const appended = await host.call('store/append', {
      doc: 'someoneElse/index',
      updates: [new Uint8Array([0, 0])],
    })
    expect(appended).toMatchObject({ ok: false, error: { code: 'unknown-workspace' } })
    expect(await host.call('workspaces/connection', { workspace: 'someoneElse' })).toMatchObject({
      ok: false,
      error: { code: 'unknown-workspace' },
    })
  })
})

/** A relay that answers every call with `answer(path)`, its `Date` header `ahead` ms fast. */
async function serveJson(answer: (path: string) => unknown, ahead: number): Promise<string> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://relay').pathname
    res.sendDate = false
    res
      .writeHead(200, {
        'content-type': 'application/json',
        date: new Date(Date.now() + ahead).toUTCString(),
      })
      .end(JSON.stringify(answer(path)))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}`
}

describe('the sample workspace', () => {
  for (const [language, title, heading] of [
    ['nb', 'Delte dataplattformer i byene', 'Hovedbudskap'],
    ['en', 'Shared city data platforms', 'Key messages'],
  ] as const) {
    it(`is written in the app's language (${language}): its paper, its name`, async () => {
      const host = profile(tempDir())
      await host.call('settings/update', { language })
      const created = await host.call('workspaces/create-sample')
      if (!created.ok) throw new Error('no sample')
      const loaded = await host.call('store/load', {
        doc: `${created.value.id}/paper/${SAMPLE_PAPER_ID}`,
      })
      if (!loaded.ok) throw new Error('no sample paper')
      const doc = new Y.Doc()
      for (const update of loaded.value.updates) Y.applyUpdate(doc, update)
      const meta = readPaperMeta(doc).value
      expect(meta.title).toMatch(new RegExp(`^${title}`))
      expect(meta.language).toBe(language)
      expect(readBodyJSON(doc).value.content?.[0]).toMatchObject({
        type: 'heading',
        attrs: { section: 'key-messages' },
        content: [{ text: heading }],
      })
      expect(created.value.name).toBe(
        language === 'nb' ? 'Eksempel: smarte byer' : 'Sample: smart cities',
      )
    })
  }
})
