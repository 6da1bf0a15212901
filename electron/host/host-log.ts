import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs'
import { dirname } from 'node:path'

export type LogLevel = 'info' | 'warn' | 'error'
export type LogFields = Record<string, unknown>

/** The host's log: JSON lines in the profile folder, with every token removed before writing. */
export type HostLog = {
  readonly file: string
  write(level: LogLevel, message: string, fields?: LogFields): void
  /** Exact secrets to scrub besides anything that looks like a token (the vault's tokens). */
  addSecret(secret: string): void
}

const MAX_BYTES = 2 * 1024 * 1024
const REDACTED = '[redacted]'
// A token can reach a message inside an invite link, a relay URL or an HTTP header.
const TOKEN_PATTERNS = [/((?:token|ticket)=)[^&\s"']+/gi, /(bearer\s+)[A-Za-z0-9._~+/=-]+/gi]
const SECRET_KEYS = /token|secret|authorization|password/i

export type HostLogOptions = { now?: () => number; maxBytes?: number }

export function openHostLog(file: string, options: HostLogOptions = {}): HostLog {
  const now = options.now ?? Date.now
  const maxBytes = options.maxBytes ?? MAX_BYTES
  const secrets = new Set<string>()
  mkdirSync(dirname(file), { recursive: true })

  const scrub = (text: string): string => {
    let out = text
    for (const secret of secrets) out = out.replaceAll(secret, REDACTED)
    for (const pattern of TOKEN_PATTERNS) out = out.replace(pattern, `$1${REDACTED}`)
    return out
  }

  const rotateIfFull = (): void => {
    try {
      if (statSync(file).size > maxBytes) renameSync(file, `${file}.1`)
    } catch {
      // No file yet: nothing to rotate.
    }
  }

  return {
    file,
    addSecret(secret) {
      if (secret.length >= 8) secrets.add(secret)
    },
    write(level, message, fields = {}) {
      const entry: LogFields = { at: new Date(now()).toISOString(), level, message }
      for (const [key, value] of Object.entries(fields)) {
        entry[key] = SECRET_KEYS.test(key) ? REDACTED : value
      }
      const line = scrub(JSON.stringify(entry, errorReplacer)) + '\n'
      try {
        rotateIfFull()
        appendFileSync(file, line, { mode: 0o600 })
      } catch (error) {
        // The log must never take the app down; stderr is the last place left to say so.
        console.error('Samstemt could not write its log file', file, error)
      }
    },
  }
}

function errorReplacer(_key: string, value: unknown): unknown {
  return value instanceof Error ? { name: value.name, message: value.message } : value
}
