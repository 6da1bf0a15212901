import { createHash, randomBytes } from 'node:crypto'

/** A new invite token: 256 random bits, base64url (43 characters). */
export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

/** The only form in which a token is stored or compared. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

/** A short random id for workspaces and members (72 bits, url-safe). */
export function newId(prefix: string): string {
  return prefix + randomBytes(9).toString('base64url')
}
