import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { StoredUpdates } from '../../shared/ipc/index.ts'
import { readBodyJSON, readPaperMeta, readPapers } from '../../shared/model/index.ts'
import { useTestProfiles } from '../../test/electron/helpers/profile.ts'
import { useTempDir } from '../../test/helpers/temp-dir.ts'
import { SAMPLE_PAPER_ID, SAMPLE_WORKSPACE_ID } from './sample-workspace.ts'

const tempDir = useTempDir('samstemt-host-')
const profile = useTestProfiles()

function docOf(stored: StoredUpdates): Y.Doc {
  const doc = new Y.Doc()
  for (const update of stored.updates) Y.applyUpdate(doc, update)
  return doc
}

const TOKEN = 'tok_' + 'k'.repeat(40)
describe('the host handlers on a real profile', () => {
  it('creates the sample workspace with its paper, readable through store/load', async () => {
    const host = profile(tempDir())
    const created = await host.call('workspaces/create-sample')
    expect(created).toMatchObject({ ok: true, value: { id: SAMPLE_WORKSPACE_ID, relay: null } })
    expect(await host.call('workspaces/list')).toMatchObject({
      value: [{ id: SAMPLE_WORKSPACE_ID }],
    })
    expect(await host.call('settings/get')).toMatchObject({
      value: { lastWorkspace: SAMPLE_WORKSPACE_ID },
    })

    const index = await host.call('store/load', { doc: `${SAMPLE_WORKSPACE_ID}/index` })
    if (!index.ok) throw new Error(index.error.message)
    const papers = readPapers(docOf(index.value)).value
    expect(papers.map((paper) => paper.id)).toEqual([SAMPLE_PAPER_ID])

    const paper = await host.call('store/load', {
      doc: `${SAMPLE_WORKSPACE_ID}/paper/${SAMPLE_PAPER_ID}`,
    })
    if (!paper.ok) throw new Error(paper.error.message)
    const doc = docOf(paper.value)
    expect(readPaperMeta(doc).value.organisations.join()).toMatch(/NTNU.*Nordic Edge.*Stavanger/)
    expect(readPaperMeta(doc).value.recipients[0]).toContain('Mission Board')
    expect(JSON.stringify(readBodyJSON(doc).value)).toContain('Anbefalinger')
    expect(readBodyJSON(doc).problems).toEqual([])
  })

  it('creating the sample twice keeps one workspace and the edits made to it', async () => {
    const host = profile(tempDir())
    await host.call('workspaces/create-sample')
    const doc = `${SAMPLE_WORKSPACE_ID}/paper/${SAMPLE_PAPER_ID}`
    const first = await host.call('store/load', { doc })
    if (!first.ok) throw new Error(first.error.message)
    const edited = docOf(first.value)
    const before = Y.encodeStateVector(edited)
    edited.getMap('meta').set('title', 'Edited title')
    await host.call('store/append', { doc, updates: [Y.encodeStateAsUpdate(edited, before)] })

    await host.call('workspaces/create-sample')
    const loaded = await host.call('store/load', { doc })
    if (!loaded.ok) throw new Error(loaded.error.message)
    expect(readPaperMeta(docOf(loaded.value)).value.title).toBe('Edited title')
    expect(await host.call('workspaces/list')).toMatchObject({
      value: [{ id: SAMPLE_WORKSPACE_ID }],
    })
  })

  it('keeps appended updates across a restart with the same profile', async () => {
    const dir = tempDir()
    const first = profile(dir)
    await first.call('workspaces/create-sample')
    const ydoc = new Y.Doc()
    ydoc.getText('offline').insert(0, 'written while travelling')
    const doc = `${SAMPLE_WORKSPACE_ID}/paper/${SAMPLE_PAPER_ID}/comments`
    expect(
      await first.call('store/append', { doc, updates: [Y.encodeStateAsUpdate(ydoc)] }),
    ).toEqual({
      ok: true,
      value: { stored: 1 },
    })
    await first.close()

    const second = profile(dir)
    const loaded = await second.call('store/load', { doc })
    if (!loaded.ok) throw new Error(loaded.error.message)
    expect(docOf(loaded.value).getText('offline').toString()).toBe('written while travelling')
  })

  it('remembers across a restart what the relay last confirmed of a doc', async () => {
    const dir = tempDir()
    const first = profile(dir)
    await first.call('workspaces/create-sample')
    const doc = `${SAMPLE_WORKSPACE_ID}/paper/${SAMPLE_PAPER_ID}`
    const before = await first.call('store/load', { doc })
    expect(before).toMatchObject({ ok: true, value: { confirmed: null } })
    const relayDoc = new Y.Doc()
    relayDoc.getText('t').insert(0, 'committed on the relay')
    const stateVector = Y.encodeStateVector(relayDoc)
    expect(await first.call('store/confirm', { doc, stateVector })).toEqual({
      ok: true,
      value: null,
    })
    await first.close()

    const loaded = await profile(dir).call('store/load', { doc })
    if (!loaded.ok) throw new Error(loaded.error.message)
    expect(loaded.value.confirmed).toEqual(stateVector)
  })

  it('refuses a state vector it cannot read', async () => {
    const host = profile(tempDir())
    await host.call('workspaces/create-sample')
    const doc = `${SAMPLE_WORKSPACE_ID}/paper/${SAMPLE_PAPER_ID}`
    expect(
      await host.call('store/confirm', { doc, stateVector: new Uint8Array([9, 200]) }),
    ).toMatchObject({ ok: false, error: { code: 'invalid-payload' } })
  })

  it('refuses bytes that are not a Yjs update, and stores nothing of that batch', async () => {
    const host = profile(tempDir())
    await host.call('workspaces/create-sample')
    const doc = `${SAMPLE_WORKSPACE_ID}/index`
    const before = await host.call('store/load', { doc })
    const good = Y.encodeStateAsUpdate(new Y.Doc())
    const result = await host.call('store/append', {
      doc,
      updates: [good, new Uint8Array([1, 2, 3])],
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-payload' } })
    expect(await host.call('store/load', { doc })).toEqual(before)
  })

  it('answers malformed requests with invalid-payload instead of throwing', async () => {
    const host = profile(tempDir())
    expect(await host.raw('store/append', { doc: 'x/index', updates: ['AAA='] })).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload' },
    })
    expect(await host.raw('shell/exec', 'rm -rf /')).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload' },
    })
  })

  it('writes renderer log lines to the log file without the tokens or tickets they mention', async () => {
    const dir = tempDir()
    const host = profile(dir)
    const ticket = 'tkt_' + 'q'.repeat(30)
    expect(
      await host.call('log/write', { level: 'warn', message: `ws://relay/room?ticket=${ticket}` }),
    ).toMatchObject({ ok: true })
    const message = `provider failed for ws://relay/room?token=${TOKEN}&durable=1`
    expect(await host.call('log/write', { level: 'error', message })).toEqual({
      ok: true,
      value: null,
    })
    const lines = readFileSync(join(dir, 'logs/samstemt.log'), 'utf8').trim().split('\n')
    const last = JSON.parse(lines.at(-1) ?? '{}') as Record<string, unknown>
    expect(last).toMatchObject({ level: 'error', source: 'renderer' })
    expect(String(last.message)).toContain('token=[redacted]')
    expect(lines.join('\n')).not.toContain(TOKEN)
    expect(lines.join('\n')).not.toContain(ticket)
  })

  it('settings survive a restart; a damaged settings file falls back to defaults', async () => {
    const dir = tempDir()
    const first = profile(dir)
    expect(
      await first.call('settings/update', { language: 'en', secretsNoticeSeen: true }),
    ).toEqual({
      ok: true,
      value: { language: 'en', lastWorkspace: null, secretsNoticeSeen: true },
    })
    await first.close()
    expect(await profile(dir).call('settings/get')).toMatchObject({
      value: { language: 'en', secretsNoticeSeen: true },
    })

    const other = tempDir()
    writeFileSync(join(other, 'settings.json'), '{"settings": {"language": "en"')
    expect(await profile(other).call('settings/get')).toEqual({
      ok: true,
      value: { language: 'nb', lastWorkspace: null, secretsNoticeSeen: false },
    })
  })
})
