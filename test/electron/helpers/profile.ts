import type { Channel, Request, Response, Result } from '../../../shared/ipc/index.ts'
import { join } from 'node:path'
import { EventOutbox } from '../../../electron/host/event-outbox.ts'
import { createHostHandlers, dispatch } from '../../../electron/host/host-handlers.ts'
import { openHostServices, type HostServices } from '../../../electron/host/host-services.ts'
import type { SecretBox } from '../../../electron/host/secret-vault.ts'
import { plainSecretBox } from '../../../electron/host/secret-vault.ts'
import { createPreviewExporter } from '../../../electron/preview/preview-exporter.ts'
import { afterEach } from 'vitest'

/** A keychain that really transforms the secret, so a file holding it never shows the token. */
export const fakeKeychain: SecretBox = {
  isEncryptionAvailable: () => true,
  encrypt: (plain) => new TextEncoder().encode(plain).map((byte) => byte ^ 0x5a),
  decrypt: (sealed) => new TextDecoder().decode(sealed.map((byte) => byte ^ 0x5a)),
}

export type TestProfile = {
  services: HostServices
  events: { event: string; payload: unknown }[]
  /** A request as the renderer sends it: validated, dispatched, answered with a Result. */
  call<C extends Channel>(channel: C, request?: Request<C>): Promise<Result<Response<C>>>
  /** Sends anything, as a hostile or buggy renderer could. */
  raw(channel: unknown, payload: unknown): Promise<Result<unknown>>
  /** Closes the profile; closing again is harmless. */
  close(): Promise<void>
}

export type TestProfileOptions = {
  secretBox?: SecretBox
  now?: () => number
  /** What the host calls relays with (a recording fetch, say). */
  fetch?: typeof fetch
}

export function openTestProfile(userData: string, options: TestProfileOptions = {}): TestProfile {
  const outbox = new EventOutbox()
  const events: { event: string; payload: unknown }[] = []
  outbox.attach((event, payload) => events.push({ event, payload }))
  const services = openHostServices({
    userData,
    secretBox: options.secretBox ?? plainSecretBox,
    version: '0.1.0-test',
    platform: 'linux',
    outbox,
    now: options.now,
    fetch: options.fetch,
  })
  // Exports go where the preview puts them: <profile>/exports.
  const exporter = createPreviewExporter(services, { folder: join(userData, 'exports') })
  const handlers = createHostHandlers(services, exporter)
  const raw = (channel: unknown, payload: unknown) => dispatch(handlers, services, channel, payload)
  let closed: Promise<void> | null = null
  return {
    services,
    events,
    call: (channel, request) => raw(channel, request) as never,
    raw,
    close: () => (closed ??= services.close()),
  }
}

/** Opens profiles (with the fake keychain unless told) and closes them after each test. */
export function useTestProfiles(): (
  dir: string,
  secretBox?: SecretBox,
  options?: Omit<TestProfileOptions, 'secretBox'>,
) => TestProfile {
  const open: TestProfile[] = []
  afterEach(async () => {
    for (const profile of open.splice(0)) await profile.close()
  })
  return (dir, secretBox = fakeKeychain, options = {}) => {
    const opened = openTestProfile(dir, { ...options, secretBox })
    open.push(opened)
    return opened
  }
}
