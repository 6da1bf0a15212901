import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { Channel, SamstemtApi, StoredUpdates } from '../../shared/ipc/index.ts'
import { readPaperMeta, readPapers } from '../../shared/model/index.ts'
import { SAMPLE_PAPER_ID, SAMPLE_WORKSPACE_ID } from '../../electron/host/sample-workspace.ts'
import { createBridgeApi } from '../../renderer/src/platform/bridge-client.ts'
import { useTempDir } from '../helpers/temp-dir.ts'
import { startTestRelay } from './helpers/test-relay.ts'
import { fakeRenderer, startPreview, type RunningPreview } from './helpers/preview.ts'

const tempDir = useTempDir('samstemt-round-trip-')
const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function previewWithClient(profile = tempDir()) {
  const preview = await startPreview(profile, fakeRenderer(tempDir()))
  cleanups.push(preview.stop)
  let reloaded: () => void = () => undefined
  const reload = new Promise<void>((resolve) => (reloaded = resolve))
  const api = createBridgeApi({
    origin: preview.origin,
    token: preview.token,
    reload: () => reloaded(),
  })
  cleanups.push(api.close)
  return { preview, api, reload }
}

function docOf(stored: StoredUpdates): Y.Doc {
  const doc = new Y.Doc()
  for (const update of stored.updates) Y.applyUpdate(doc, update)
  return doc
}

function emit(preview: RunningPreview, event: string, payload: unknown) {
  return fetch(`${preview.origin}/bridge/emit`, {
    method: 'POST',
    headers: { authorization: `Bearer ${preview.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ event, payload }),
  })
}

function next(api: SamstemtApi, event: 'app/invite' | 'menu/export'): Promise<unknown> {
  return new Promise((resolve) => {
    const off = api.on(event, (payload) => {
      off()
      resolve(payload)
    })
  })
}

describe('every channel through the preview bridge, against the real host services', () => {
  it('answers app, settings, workspaces, store and log calls like the desktop host', async () => {
    const relay = await startTestRelay({
      workspace: { id: 'wRogaland', name: 'Rogaland partners' },
    })
    cleanups.push(relay.close)
    const { api, reload } = await previewWithClient()
    const seen = new Set<Channel>()
    const call: SamstemtApi['invoke'] = (channel, ...request) => {
      seen.add(channel)
      return api.invoke(channel, ...request)
    }

    expect(await call('app/info')).toMatchObject({ ok: true, value: { secretsEncrypted: false } })
    expect(await call('settings/get')).toEqual({
      ok: true,
      value: { language: 'nb', lastWorkspace: null, secretsNoticeSeen: false },
    })
    expect(await call('settings/update', { language: 'en' })).toMatchObject({
      value: { language: 'en' },
    })
    expect(await call('workspaces/list')).toEqual({ ok: true, value: [] })
    expect(await call('workspaces/create-sample')).toMatchObject({
      value: { id: SAMPLE_WORKSPACE_ID },
    })

    const index = await call('store/load', { doc: `${SAMPLE_WORKSPACE_ID}/index` })
    if (!index.ok) throw new Error(index.error.message)
    expect(index.value.updates[0]).toBeInstanceOf(Uint8Array)
    expect(readPapers(docOf(index.value)).value.map((paper) => paper.id)).toEqual([SAMPLE_PAPER_ID])

    const doc = `${SAMPLE_WORKSPACE_ID}/paper/${SAMPLE_PAPER_ID}`
    const paper = await call('store/load', { doc })
    if (!paper.ok) throw new Error(paper.error.message)
    const ydoc = docOf(paper.value)
    const before = Y.encodeStateVector(ydoc)
    ydoc.getMap('meta').set('title', 'Edited in the browser')
    const update = Y.encodeStateAsUpdate(ydoc, before)
    expect(await call('store/append', { doc, updates: [update] })).toEqual({
      ok: true,
      value: { stored: 1 },
    })
    const again = await call('store/load', { doc })
    if (!again.ok) throw new Error(again.error.message)
    expect(readPaperMeta(docOf(again.value)).value.title).toBe('Edited in the browser')

    const { link } = relay.invite('Siri', 'Nordic Edge', 'editor')
    expect(await call('workspaces/preview-invite', { link })).toMatchObject({
      value: { workspace: { name: 'Rogaland partners' }, member: { organisation: 'Nordic Edge' } },
    })
    expect(await call('workspaces/join', { link })).toMatchObject({ value: { id: 'wRogaland' } })
    await reload
    expect(await call('workspaces/connection', { workspace: 'wRogaland' })).toMatchObject({
      ok: true,
      value: { relay: relay.url, ticket: expect.any(String), member: { name: 'Siri' } },
    })
    expect(await call('members/list', { workspace: 'wRogaland' })).toMatchObject({
      ok: true,
      value: { members: [{ name: 'Siri', status: 'active' }] },
    })
    expect(await call('workspaces/connection', { workspace: SAMPLE_WORKSPACE_ID })).toEqual({
      ok: true,
      value: null,
    })
    expect(await call('log/write', { level: 'info', message: 'from the browser' })).toEqual({
      ok: true,
      value: null,
    })
    expect([...seen].sort()).toEqual(
      [
        'app/info',
        'log/write',
        'members/list',
        'settings/get',
        'settings/update',
        'store/append',
        'store/load',
        'workspaces/connection',
        'workspaces/create-sample',
        'workspaces/join',
        'workspaces/list',
        'workspaces/preview-invite',
      ].sort(),
    )
  })

  it('delivers host events, including one sent before the page subscribed', async () => {
    const { preview, api } = await previewWithClient()
    const link =
      'samstemt://join?relay=ws%3A%2F%2F127.0.0.1%3A9&workspace=w&token=abcdefghijklmnop&name=A'
    expect((await emit(preview, 'app/invite', { link })).status).toBe(200)
    expect(await next(api, 'app/invite')).toEqual({ link })
    const exported = next(api, 'menu/export')
    await emit(preview, 'menu/export', null)
    expect(await exported).toBeNull()
    expect((await emit(preview, 'app/quit', null)).status).toBe(400)
  })

  it('refuses an unknown channel in the client, before anything is sent', async () => {
    const { api } = await previewWithClient()
    const invoke = api.invoke as (channel: string) => Promise<unknown>
    expect(await invoke('shell/exec')).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload' },
    })
  })

  it('keeps the profile across preview restarts', async () => {
    const profile = tempDir()
    const first = await previewWithClient(profile)
    await first.api.invoke('workspaces/create-sample')
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()

    const second = await previewWithClient(profile)
    expect(await second.api.invoke('workspaces/list')).toMatchObject({
      ok: true,
      value: [{ id: SAMPLE_WORKSPACE_ID }],
    })
  })
})
