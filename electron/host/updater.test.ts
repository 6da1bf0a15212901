import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import type { UpdateStatus } from '../../shared/ipc/index.ts'
import type { HostLog } from './host-log.ts'
import { CHECK_EVERY_MS, decideUpdates, startUpdates, type UpdateSetting } from './updater.ts'

const installed: UpdateSetting = {
  isPackaged: true,
  platform: 'linux',
  env: { APPIMAGE: '/home/kari/Programmer/Samstemt-linux-x86_64.AppImage' },
  packageType: null,
  feedBuiltIn: true,
  hasCommand: () => false,
}

describe('whether an install looks for updates', () => {
  it('does in an AppImage, the NSIS install and the dmg with an update server built in', () => {
    expect(decideUpdates(installed)).toEqual({ enabled: true, feedUrl: null })
    expect(decideUpdates({ ...installed, platform: 'win32', env: {} }).enabled).toBe(true)
    expect(decideUpdates({ ...installed, platform: 'darwin', env: {} }).enabled).toBe(true)
  })

  it('does not in development, unless SAMSTEMT_UPDATE_URL names a server', () => {
    const dev = { ...installed, isPackaged: false, feedBuiltIn: false }
    expect(decideUpdates(dev)).toMatchObject({ enabled: false, reason: /development/ })
    const url = 'https://updates.uis.no/samstemt/'
    expect(decideUpdates({ ...dev, env: { ...dev.env, SAMSTEMT_UPDATE_URL: url } })).toEqual({
      enabled: true,
      feedUrl: url,
    })
  })

  it('offers a deb install updates only where a graphical sudo helper exists', () => {
    const deb = { ...installed, env: {}, packageType: 'deb' }
    expect(decideUpdates(deb)).toMatchObject({ enabled: false, reason: /graphical sudo helper/ })
    expect(decideUpdates({ ...deb, hasCommand: (name) => name === 'pkexec' }).enabled).toBe(true)
  })

  it('does not where the app cannot replace itself, or when the organisation turns it off', () => {
    expect(decideUpdates({ ...installed, env: {} })).toMatchObject({ enabled: false })
    expect(decideUpdates({ ...installed, packageType: 'rpm' })).toMatchObject({ enabled: false })
    expect(decideUpdates({ ...installed, feedBuiltIn: false })).toMatchObject({
      enabled: false,
      reason: /no update server/,
    })
    expect(
      decideUpdates({ ...installed, env: { ...installed.env, SAMSTEMT_AUTO_UPDATE: '0' } }),
    ).toMatchObject({ enabled: false })
  })

  it('takes an update server only over https, or http on this computer', () => {
    const with_ = (url: string) =>
      decideUpdates({ ...installed, env: { ...installed.env, SAMSTEMT_UPDATE_URL: url } })
    expect(with_('http://updates.example.org/')).toMatchObject({ enabled: false, reason: /https/ })
    expect(with_('http://127.0.0.1:8080/')).toMatchObject({ enabled: true })
  })
})

class FakeEngine extends EventEmitter {
  readonly checkForUpdates = vi.fn(async () => null)
  readonly quitAndInstall = vi.fn()
}

const log: HostLog = { write: vi.fn(), file: '/dev/null' } as unknown as HostLog

function started() {
  const engine = new FakeEngine()
  const sent: UpdateStatus[] = []
  let daily: (() => void) | null = null
  const every = vi.fn((ms: number, check: () => void) => {
    expect(ms).toBe(CHECK_EVERY_MS)
    daily = check
    return () => (daily = null)
  })
  const updates = startUpdates({ engine, log, emit: (status) => sent.push(status), every })
  return { engine, sent, updates, day: () => daily?.() }
}

describe('looking for updates', () => {
  it('looks at start and once a day', () => {
    const { engine, day } = started()
    expect(engine.checkForUpdates).toHaveBeenCalledTimes(1)
    day()
    day()
    expect(engine.checkForUpdates).toHaveBeenCalledTimes(3)
  })

  it('says downloading, then ready to restart, and installs only when ready', () => {
    const { engine, sent, updates, day } = started()
    expect(updates.restart()).toMatchObject({ ok: false })
    engine.emit('update-available', { version: '0.2.0' })
    engine.emit('update-downloaded', { version: '0.2.0' })
    expect(sent).toEqual([
      { state: 'downloading', version: '0.2.0' },
      { state: 'ready', version: '0.2.0' },
    ])
    expect(updates.status()).toEqual({ state: 'ready', version: '0.2.0' })
    day()
    expect(engine.checkForUpdates).toHaveBeenCalledTimes(1)
    expect(updates.restart()).toEqual({ ok: true, value: null })
    expect(engine.quitAndInstall).toHaveBeenCalledTimes(1)
  })

  it('a failed download is logged, and the next day’s check tries again', () => {
    const { engine, sent, updates, day } = started()
    engine.emit('update-available', { version: '0.2.0' })
    engine.emit('error', new Error('net::ERR_CONNECTION_RESET'))
    expect(updates.status()).toEqual({ state: 'idle', version: null })
    expect(sent.at(-1)).toEqual({ state: 'idle', version: null })
    expect(log.write).toHaveBeenCalledWith('warn', 'looking for an update failed', {
      error: 'net::ERR_CONNECTION_RESET',
    })
    day()
    expect(engine.checkForUpdates).toHaveBeenCalledTimes(2)
  })
})
