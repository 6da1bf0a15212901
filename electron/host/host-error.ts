import type { HostError } from '../../shared/ipc/index.ts'
import { StoreError } from '../../shared/store/index.ts'

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value }
}

export function fail(
  code: HostError['code'],
  message: string,
  messageNb?: string,
): { ok: false; error: HostError } {
  return { ok: false, error: { code, message, ...(messageNb === undefined ? {} : { messageNb }) } }
}

type ErrnoError = Error & { code?: unknown }

/**
 * What the user is told about an exception a service did not turn into a Result itself. Full
 * disks and read-only folders are named as such, so the message says what to do next.
 */
export function toHostError(error: unknown): HostError {
  if (error instanceof StoreError) {
    const messageNb = error.messageNb === undefined ? {} : { messageNb: error.messageNb }
    if (error.code === 'disk-full' || error.code === 'read-only') {
      return { code: error.code, message: error.message, ...messageNb }
    }
    return { code: 'store', message: error.message, ...messageNb }
  }
  const errno = (error as ErrnoError | null)?.code
  if (errno === 'ENOSPC' || errno === 'EDQUOT') {
    return {
      code: 'disk-full',
      message: 'The disk is full, so Samstemt could not save its settings. Free some space.',
      messageNb: 'Disken er full, så Samstemt kunne ikke lagre innstillingene. Frigjør plass.',
    }
  }
  if (errno === 'EACCES' || errno === 'EPERM' || errno === 'EROFS') {
    return {
      code: 'read-only',
      message:
        'Samstemt cannot write to its profile folder. Check that the folder is writable by you.',
      messageNb:
        'Samstemt kan ikke skrive i profilmappen sin. Sjekk at du har skrivetilgang til mappen.',
    }
  }
  const detail = error instanceof Error ? error.message : String(error)
  return {
    code: 'internal',
    message: `Something went wrong inside Samstemt (${detail}). Restart the app; if it happens again, send the log file (Help > Show log file) to your coordinator.`,
    messageNb: `Noe gikk galt inne i Samstemt (systemets melding: ${detail}). Start appen på nytt; hvis det skjer igjen, send loggfilen (Hjelp > Vis loggfil) til koordinatoren.`,
  }
}
