import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { SamstemtApi } from '../../shared/ipc/index.ts'
import { electron, resetElectron } from './electron-mock.ts'

vi.mock('electron', async () => (await import('./electron-mock.ts')).electronModule)

async function loadPreload(): Promise<SamstemtApi> {
  vi.resetModules()
  await import('../../electron/preload/index.ts')
  return electron().exposed.get('samstemt') as SamstemtApi
}

describe('the preload', () => {
  beforeEach(resetElectron)

  it('exposes exactly window.samstemt, with invoke and on and nothing else', async () => {
    const api = await loadPreload()
    expect([...electron().exposed.keys()]).toEqual(['samstemt'])
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on'])
  })

  it('forwards a contract call over IPC on its own channel', async () => {
    const api = await loadPreload()
    electron().ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: [] })
    expect(await api.invoke('workspaces/list')).toEqual({ ok: true, value: [] })
    await api.invoke('store/load', { doc: 'w/index' })
    expect(electron().ipcRenderer.invoke.mock.calls).toEqual([
      ['workspaces/list', undefined],
      ['store/load', { doc: 'w/index' }],
    ])
  })

  it('refuses a channel outside the contract without touching IPC', async () => {
    const api = await loadPreload()
    const call = api.invoke as (channel: string) => Promise<unknown>
    expect(await call('fs/read')).toMatchObject({ ok: false, error: { code: 'invalid-payload' } })
    expect(electron().ipcRenderer.invoke).not.toHaveBeenCalled()
    expect(() =>
      (api.on as (e: string, l: () => void) => void)('sync/anything', () => undefined),
    ).toThrow(TypeError)
  })

  it('hands listeners the payload only, never the IPC event', async () => {
    const api = await loadPreload()
    const seen: unknown[] = []
    const off = api.on('app/invite', (payload) => seen.push(payload))
    electron().ipcRenderer.emit(
      'app/invite',
      { sender: 'ipcRenderer' },
      { link: 'samstemt://join?x' },
    )
    off()
    electron().ipcRenderer.emit('app/invite', {}, { link: 'after unsubscribe' })
    expect(seen).toEqual([{ link: 'samstemt://join?x' }])
  })

  it('keeps an event that arrived before anyone listened, for the first subscriber', async () => {
    const api = await loadPreload()
    electron().ipcRenderer.emit('app/invite', {}, { link: 'samstemt://join?early' })
    const first = await new Promise((resolve) => {
      const off = api.on('app/invite', (payload) => {
        off()
        resolve(payload)
      })
    })
    expect(first).toEqual({ link: 'samstemt://join?early' })
  })
})
