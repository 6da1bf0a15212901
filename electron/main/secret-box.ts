import { safeStorage } from 'electron'
import type { SecretBox } from '../host/secret-vault.ts'

/**
 * Tokens sealed with the OS keychain through `safeStorage`. On Linux without a secret service
 * Electron falls back to `basic_text`, a fixed key that protects nothing: that counts as
 * unavailable, so the app says plainly that tokens are stored unencrypted.
 */
export function safeStorageBox(): SecretBox {
  return {
    isEncryptionAvailable: () =>
      safeStorage.isEncryptionAvailable() &&
      (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text'),
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (sealed) => safeStorage.decryptString(Buffer.from(sealed)),
  }
}
