/** Why the store refused or could not finish a request. Each code has a user-facing text in shared/i18n. */
export type StoreErrorCode =
  'corrupt' | 'foreign' | 'newer-schema' | 'disk-full' | 'read-only' | 'closed' | 'io'

/**
 * An error the user can act on: a stable code for the UI plus an English message for logs, and
 * the same in Norwegian Bokmål for a Norwegian UI where there is one.
 */
export class StoreError extends Error {
  readonly code: StoreErrorCode
  override readonly cause: unknown
  readonly messageNb: string | undefined

  constructor(code: StoreErrorCode, message: string, cause?: unknown, messageNb?: string) {
    super(message)
    this.name = 'StoreError'
    this.code = code
    this.cause = cause
    this.messageNb = messageNb
  }
}

type SqliteError = Error & { code?: string }

/** Maps a better-sqlite3 error to a StoreError with a message that says what to do next. */
export function toStoreError(error: unknown, file: string): StoreError {
  if (error instanceof StoreError) return error
  const code = (error as SqliteError | undefined)?.code ?? ''
  if (code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_WRITE' || code === 'ENOSPC') {
    return new StoreError(
      'disk-full',
      `The disk holding ${file} is full, so the last changes could not be saved there. Free some space; the changes are still open in the app.`,
      error,
      `Disken med ${file} er full, så de siste endringene kunne ikke lagres der. Frigjør plass; endringene er fortsatt åpne i appen.`,
    )
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN' || code === 'EACCES') {
    return new StoreError(
      'read-only',
      `${file} cannot be written (read-only file or folder). Check its permissions or choose a writable folder.`,
      error,
      `${file} kan ikke skrives (skrivebeskyttet fil eller mappe). Sjekk tilgangene, eller velg en mappe du kan skrive i.`,
    )
  }
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') {
    return new StoreError(
      'corrupt',
      `${file} is damaged and cannot be read as a database.`,
      error,
      `${file} er skadet og kan ikke leses som en database.`,
    )
  }
  const detail = error instanceof Error ? error.message : String(error)
  return new StoreError(
    'io',
    `Could not use ${file}: ${detail}`,
    error,
    `Kunne ikke bruke ${file} (systemets melding: ${detail}).`,
  )
}
