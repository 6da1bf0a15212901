import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fakeKeychain } from '../../test/electron/helpers/profile.ts'
import { useTempDir } from '../../test/helpers/temp-dir.ts'
import { EventOutbox } from './event-outbox.ts'
import { openHostLog } from './host-log.ts'
import { readJsonFile, writeJsonFileAtomic } from './json-file.ts'
import { SecretVault, plainSecretBox } from './secret-vault.ts'
import { SettingsStore } from './settings-store.ts'
import { initialBounds } from './window-bounds.ts'

const tempDir = useTempDir('samstemt-files-')
const TOKEN = 'Zq9' + 'x'.repeat(40)

describe('profile files', () => {
  it('writes JSON atomically and leaves no temp file behind', () => {
    const file = join(tempDir(), 'a.json')
    writeJsonFileAtomic(file, { n: 1 })
    writeJsonFileAtomic(file, { n: 2 })
    expect(readJsonFile(file)).toEqual({ status: 'ok', value: { n: 2 } })
    expect(readdirSync(join(file, '..'))).toEqual(['a.json'])
  })

  it('moves a damaged JSON file aside instead of overwriting it', () => {
    const file = join(tempDir(), 'a.json')
    writeFileSync(file, '{"half":')
    const read = readJsonFile(file, () => 42)
    expect(read).toEqual({ status: 'damaged', movedTo: `${file}.damaged-42` })
    expect(readFileSync(`${file}.damaged-42`, 'utf8')).toBe('{"half":')
    expect(existsSync(file)).toBe(false)
  })

  it('keeps tokens encrypted by the keychain, and readable after a restart', () => {
    const dir = tempDir()
    const log = openHostLog(join(dir, 'log'))
    new SecretVault(join(dir, 's.json'), fakeKeychain, log).put('w1', TOKEN)
    expect(readFileSync(join(dir, 's.json'), 'utf8')).not.toContain(TOKEN)
    expect(new SecretVault(join(dir, 's.json'), fakeKeychain, log).get('w1')).toBe(TOKEN)
  })

  it('stores tokens plainly, marked so, when there is no keychain', () => {
    const dir = tempDir()
    const vault = new SecretVault(
      join(dir, 's.json'),
      plainSecretBox,
      openHostLog(join(dir, 'log')),
    )
    vault.put('w1', TOKEN)
    expect(vault.encrypted).toBe(false)
    expect(JSON.parse(readFileSync(join(dir, 's.json'), 'utf8'))).toEqual({
      version: 1,
      tokens: { w1: { encrypted: false, data: TOKEN } },
    })
    expect(readFileSync(join(dir, 'log'), 'utf8')).toContain('stored unencrypted')
  })

  it('returns no token when the keychain can no longer decrypt it', () => {
    const dir = tempDir()
    const log = openHostLog(join(dir, 'log'))
    new SecretVault(join(dir, 's.json'), fakeKeychain, log).put('w1', TOKEN)
    const broken = {
      ...fakeKeychain,
      decrypt: () => {
        throw new Error('keychain reset')
      },
    }
    expect(new SecretVault(join(dir, 's.json'), broken, log).get('w1')).toBeNull()
  })

  it('remembers the window state next to the settings', () => {
    const dir = tempDir()
    const log = openHostLog(join(dir, 'log'))
    const settings = new SettingsStore(join(dir, 'settings.json'), log)
    settings.window = { x: 10, y: 20, width: 900, height: 700, maximized: true }
    expect(new SettingsStore(join(dir, 'settings.json'), log).window).toEqual({
      x: 10,
      y: 20,
      width: 900,
      height: 700,
      maximized: true,
    })
  })
})

describe('the host log', () => {
  it('writes JSON lines and scrubs tokens from messages, fields and headers', () => {
    const file = join(tempDir(), 'logs', 'samstemt.log')
    const log = openHostLog(file, { now: () => 0 })
    log.addSecret(TOKEN)
    log.write('info', `joined samstemt://join?relay=x&token=${TOKEN}&name=a`)
    log.write('warn', 'header', { token: TOKEN, sent: `Bearer ${TOKEN}` })
    log.write('error', `raw ${TOKEN} in text`)
    const text = readFileSync(file, 'utf8')
    expect(text).not.toContain(TOKEN)
    const lines = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(lines.map((line) => line.level)).toEqual(['info', 'warn', 'error'])
    expect(lines[0]).toMatchObject({ at: '1970-01-01T00:00:00.000Z' })
  })

  it('rotates a full log file once', () => {
    const file = join(tempDir(), 'samstemt.log')
    const log = openHostLog(file, { maxBytes: 100 })
    for (let i = 0; i < 5; i++) log.write('info', `line ${i} ${'x'.repeat(40)}`)
    expect(existsSync(`${file}.1`)).toBe(true)
    expect(readFileSync(file, 'utf8')).toContain('line 4')
  })
})

describe('the event outbox', () => {
  it('holds events until a page attaches, then delivers them in order', () => {
    const outbox = new EventOutbox()
    const link = 'samstemt://join?x'
    outbox.emit('app/invite', { link })
    outbox.emit('menu/new-paper', null)
    const seen: string[] = []
    outbox.attach((event) => seen.push(event))
    outbox.emit('menu/export', null)
    expect(seen).toEqual(['app/invite', 'menu/new-paper', 'menu/export'])
  })
})

describe('initialBounds', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }]
  it('reopens where the window was', () => {
    const saved = { x: 100, y: 50, width: 1000, height: 700, maximized: false }
    expect(initialBounds(saved, screen)).toEqual({
      bounds: { x: 100, y: 50, width: 1000, height: 700 },
      maximized: false,
    })
  })

  it('keeps the size but lets the OS place a window whose monitor is gone', () => {
    const saved = { x: 2500, y: 100, width: 1000, height: 700, maximized: true }
    expect(initialBounds(saved, screen)).toEqual({
      bounds: { width: 1000, height: 700 },
      maximized: true,
    })
  })

  it('opens at the default size the first time, and never smaller than usable', () => {
    expect(initialBounds(null, screen).bounds).toEqual({ width: 1200, height: 800 })
    const tiny = { x: 0, y: 0, width: 10, height: 10, maximized: false }
    expect(initialBounds(tiny, screen).bounds).toMatchObject({ width: 640, height: 480 })
  })
})
