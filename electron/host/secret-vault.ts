import { fromBase64, toBase64 } from 'lib0/buffer'
import { isPlainObject } from '../../shared/ipc/index.ts'
import { readJsonFile, writeJsonFileAtomic } from './json-file.ts'
import type { HostLog } from './host-log.ts'

/**
 * Encrypts secrets with the OS keychain. Electron's implementation wraps `safeStorage`; tests and
 * the preview use `plainSecretBox`, which says it does not encrypt.
 */
export type SecretBox = {
  /** False where the OS offers no keychain: secrets are then kept unencrypted, and the UI warns. */
  isEncryptionAvailable(): boolean
  encrypt(plain: string): Uint8Array
  decrypt(sealed: Uint8Array): string
}

/** For the preview and tests: stores as it is, and says so. */
export const plainSecretBox: SecretBox = {
  isEncryptionAvailable: () => false,
  encrypt: (plain) => new TextEncoder().encode(plain),
  decrypt: (sealed) => new TextDecoder().decode(sealed),
}

type Sealed = { encrypted: boolean; data: string }
type VaultFile = { version: 1; tokens: Record<string, Sealed> }

/** Invite tokens per workspace, in `secrets.json`, encrypted whenever the OS allows it. */
export class SecretVault {
  readonly #file: string
  readonly #box: SecretBox
  readonly #log: HostLog
  readonly #tokens: Map<string, Sealed>

  constructor(file: string, box: SecretBox, log: HostLog) {
    this.#file = file
    this.#box = box
    this.#log = log
    this.#tokens = new Map()
    const read = readJsonFile(file)
    if (read.status === 'damaged') {
      log.write('error', 'secrets file was damaged and moved aside', { movedTo: read.movedTo })
    }
    const tokens = read.status === 'ok' && isPlainObject(read.value) ? read.value.tokens : null
    if (!isPlainObject(tokens)) return
    for (const [workspace, sealed] of Object.entries(tokens)) {
      if (isSealed(sealed)) this.#tokens.set(workspace, sealed)
    }
    for (const workspace of this.#tokens.keys()) {
      const token = this.get(workspace)
      if (token) log.addSecret(token)
    }
  }

  get encrypted(): boolean {
    return this.#box.isEncryptionAvailable()
  }

  put(workspace: string, token: string): void {
    this.#log.addSecret(token)
    const encrypted = this.#box.isEncryptionAvailable()
    if (!encrypted) {
      this.#log.write('warn', 'no OS keychain: the invite token is stored unencrypted', {
        workspace,
      })
    }
    const data = encrypted ? toBase64(this.#box.encrypt(token)) : token
    this.#tokens.set(workspace, { encrypted, data })
    this.#save()
  }

  /** The token, or null when there is none or it can no longer be decrypted here. */
  get(workspace: string): string | null {
    const sealed = this.#tokens.get(workspace)
    if (!sealed) return null
    if (!sealed.encrypted) return sealed.data
    try {
      return this.#box.decrypt(fromBase64(sealed.data))
    } catch (error) {
      this.#log.write('error', 'an invite token could not be decrypted', { workspace, error })
      return null
    }
  }

  #save(): void {
    const file: VaultFile = { version: 1, tokens: Object.fromEntries(this.#tokens) }
    writeJsonFileAtomic(this.#file, file)
  }
}

function isSealed(value: unknown): value is Sealed {
  return (
    isPlainObject(value) && typeof value.encrypted === 'boolean' && typeof value.data === 'string'
  )
}
