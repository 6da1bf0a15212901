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

/**
 * Each workspace's key (the member's own token from claiming the invite), in `secrets.json`,
 * encrypted whenever the OS allows it. Keys stored unencrypted while there was no keychain are
 * encrypted as soon as there is one, when the vault opens.
 */
export class SecretVault {
  readonly #file: string
  readonly #box: SecretBox
  readonly #log: HostLog
  readonly #tokens: Map<string, Sealed>
  /** How many unencrypted keys this open encrypted. */
  readonly reencrypted: number

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
    for (const [workspace, sealed] of Object.entries(isPlainObject(tokens) ? tokens : {})) {
      if (isSealed(sealed)) this.#tokens.set(workspace, sealed)
    }
    for (const workspace of this.#tokens.keys()) {
      const token = this.get(workspace)
      if (token) log.addSecret(token)
    }
    this.reencrypted = this.#encryptPlain()
  }

  /** How many keys are stored unencrypted. */
  get unencrypted(): number {
    return [...this.#tokens.values()].filter((sealed) => !sealed.encrypted).length
  }

  get encrypted(): boolean {
    return this.#box.isEncryptionAvailable()
  }

  put(workspace: string, token: string): void {
    this.#log.addSecret(token)
    const encrypted = this.#box.isEncryptionAvailable()
    if (!encrypted) {
      this.#log.write('warn', 'no OS keychain: the workspace key is stored unencrypted', {
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
      this.#log.write('error', 'a workspace key could not be decrypted', { workspace, error })
      return null
    }
  }

  /**
   * Seals every key kept in clear, once the keychain works: each is read back before it
   * replaces the clear one, so a keychain that seals but cannot open loses no key.
   */
  #encryptPlain(): number {
    if (this.unencrypted === 0 || !this.#box.isEncryptionAvailable()) return 0
    let sealed = 0
    for (const [workspace, entry] of this.#tokens) {
      if (entry.encrypted) continue
      try {
        const data = this.#box.encrypt(entry.data)
        if (this.#box.decrypt(data) !== entry.data) throw new Error('read back differently')
        this.#tokens.set(workspace, { encrypted: true, data: toBase64(data) })
        sealed++
      } catch (error) {
        this.#log.write('error', 'could not encrypt a stored key', { workspace, error })
      }
    }
    if (sealed > 0) {
      this.#save()
      this.#log.write('info', 'the keychain is available: stored keys are encrypted now', {
        keys: sealed,
      })
    }
    return sealed
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
