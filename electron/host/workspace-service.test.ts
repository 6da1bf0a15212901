import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readBodyJSON, readPaperMeta } from '../../shared/model/index.ts'
import { formatInviteLink } from '../../shared/protocol/index.ts'
import { startFakeRelay } from '../../test/electron/helpers/fake-relay.ts'
import { useTestProfiles } from '../../test/electron/helpers/profile.ts'
import { useTempDir } from '../../test/helpers/temp-dir.ts'
import { SAMPLE_PAPER_ID } from './sample-workspace.ts'
import { plainSecretBox } from './secret-vault.ts'

const tempDir = useTempDir('samstemt-join-')
const profile = useTestProfiles()

const TOKEN = 'tok_' + 'k'.repeat(40)
const grant = {
  workspace: { id: 'wNordicCities', name: 'Nordic smart cities' },
  member: { id: 'm1', name: 'Ingrid Berg', organisation: 'NTNU', role: 'editor' as const },
}

describe('joining a workspace through the host handlers', () => {
  it('joins through an invite, keeps the token encrypted, and hands it only to connection', async () => {
    const relay = await startFakeRelay({ [TOKEN]: grant })
    try {
      const dir = tempDir()
      const host = profile(dir)
      const link = formatInviteLink({
        relay: relay.url,
        workspace: grant.workspace.id,
        token: TOKEN,
        name: 'Ingrid',
      })
      const preview = await host.call('workspaces/preview-invite', { link })
      expect(preview).toEqual({ ok: true, value: { ...grant, relay: relay.url } })
      expect(await host.call('workspaces/list')).toEqual({ ok: true, value: [] })

      const joined = await host.call('workspaces/join', { link })
      expect(joined).toMatchObject({
        ok: true,
        value: { id: grant.workspace.id, member: grant.member },
      })
      expect(await host.call('workspaces/connection', { workspace: grant.workspace.id })).toEqual({
        ok: true,
        value: { relay: relay.url, token: TOKEN },
      })
      expect(relay.requests.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true)
      for (const file of [
        'secrets.json',
        'workspaces.json',
        'settings.json',
        'logs/samstemt.log',
      ]) {
        expect(readFileSync(join(dir, file), 'utf8')).not.toContain(TOKEN)
      }
      expect(await host.call('app/info')).toMatchObject({ value: { secretsEncrypted: true } })
    } finally {
      await relay.close()
    }
  })

  it('says when tokens are stored unencrypted because the OS has no keychain', async () => {
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
