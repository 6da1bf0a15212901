import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { recordingFetch, startTestRelay } from '../../test/electron/helpers/test-relay.ts'
import { fakeKeychain, openTestProfile } from '../../test/electron/helpers/profile.ts'
import { useTempDir } from '../../test/helpers/temp-dir.ts'
import { plainSecretBox, type SecretBox } from './secret-vault.ts'

const tempDir = useTempDir('samstemt-secrets-')
const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** Joins a workspace on a profile without a keychain; returns the key it stored. */
async function joinWithoutKeychain(dir: string) {
  const relay = await startTestRelay()
  cleanups.push(relay.close)
  const host = openTestProfile(dir, { secretBox: plainSecretBox })
  expect(
    await host.call('workspaces/join', { link: relay.invite('Ole', 'UiS', 'reviewer').link }),
  ).toMatchObject({ ok: true })
  await host.call('settings/update', { secretsNoticeSeen: true })
  await host.close()
  const stored = JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8')) as {
    tokens: Record<string, { encrypted: boolean; data: string }>
  }
  return { relay, stored: stored.tokens[relay.workspace.id] }
}

const recorded = recordingFetch()

function open(dir: string, secretBox: SecretBox) {
  const host = openTestProfile(dir, { secretBox, fetch: recorded.fetch })
  cleanups.push(host.close)
  return host
}

describe('keys on a computer without a keychain', () => {
  it('are stored in clear, and the app is told so to tell the user', async () => {
    const dir = tempDir()
    const { stored } = await joinWithoutKeychain(dir)
    expect(stored).toMatchObject({ encrypted: false })
    const host = open(dir, plainSecretBox)
    expect(await host.call('app/info')).toMatchObject({ value: { secretsEncrypted: false } })
    const log = readFileSync(join(dir, 'logs/samstemt.log'), 'utf8')
    expect(log).toContain('workspace keys are stored unencrypted')
    expect(log).not.toContain(stored?.data)
  })

  it('are encrypted once a keychain is there, still work, and a later loss is told again', async () => {
    const dir = tempDir()
    const { relay, stored } = await joinWithoutKeychain(dir)
    const key = stored?.data ?? ''
    const host = open(dir, fakeKeychain)
    const secrets = readFileSync(join(dir, 'secrets.json'), 'utf8')
    expect(secrets).not.toContain(key)
    expect(JSON.parse(secrets)).toMatchObject({
      tokens: { [relay.workspace.id]: { encrypted: true } },
    })
    expect(
      await host.call('workspaces/connection', { workspace: relay.workspace.id }),
    ).toMatchObject({ ok: true })
    expect(recorded.requests.at(-1)?.token).toBe(key)
    expect(await host.call('settings/get')).toMatchObject({ value: { secretsNoticeSeen: false } })
    expect(readFileSync(join(dir, 'logs/samstemt.log'), 'utf8')).toContain(
      'stored keys are encrypted now',
    )
  })

  it('are kept in clear when the keychain seals but cannot read back what it sealed', async () => {
    const dir = tempDir()
    const { relay, stored } = await joinWithoutKeychain(dir)
    const broken: SecretBox = {
      isEncryptionAvailable: () => true,
      encrypt: (plain) => new TextEncoder().encode(plain.toUpperCase()),
      decrypt: (sealed) => new TextDecoder().decode(sealed),
    }
    const host = open(dir, broken)
    expect(JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8'))).toMatchObject({
      tokens: { [relay.workspace.id]: { encrypted: false, data: stored?.data } },
    })
    expect(
      await host.call('workspaces/connection', { workspace: relay.workspace.id }),
    ).toMatchObject({ ok: true })
  })
})
