import type { MessageKey, Translate } from '../../../shared/i18n/index.ts'
import type { UiError } from '../host/host.ts'

const TEXTS = {
  'invalid-payload': ['error.invalid-payload.title', 'error.invalid-payload.body'],
  'invalid-invite': ['error.invalid-invite.title', 'error.invalid-invite.body'],
  'invite-revoked': ['error.invite-revoked.title', 'error.invite-revoked.body'],
  'relay-unreachable': ['error.relay-unreachable.title', 'error.relay-unreachable.body'],
  'invite-unknown': ['error.invite-unknown.title', 'error.invite-unknown.body'],
  'invite-expired': ['error.invite-expired.title', 'error.invite-expired.body'],
  'invite-used': ['error.invite-used.title', 'error.invite-used.body'],
  'insecure-relay': ['error.insecure-relay.title', 'error.insecure-relay.body'],
  'access-revoked': ['error.access-revoked.title', 'error.access-revoked.body'],
  'access-unknown': ['error.access-unknown.title', 'error.access-unknown.body'],
  'key-unreadable': ['error.key-unreadable.title', 'error.key-unreadable.body'],
  forbidden: ['error.forbidden.title', 'error.forbidden.body'],
  'member-not-found': ['error.member-not-found.title', 'error.member-not-found.body'],
  'last-coordinator': ['error.last-coordinator.title', 'error.last-coordinator.body'],
  'relay-refused': ['error.relay-refused.title', 'error.relay-refused.body'],
  'creation-disabled': ['error.creation-disabled.title', 'error.creation-disabled.body'],
  'unknown-workspace': ['error.unknown-workspace.title', 'error.unknown-workspace.body'],
  'disk-full': ['error.disk-full.title', 'error.disk-full.body'],
  'read-only': ['error.read-only.title', 'error.read-only.body'],
  store: ['error.store.title', 'error.store.body'],
  'export-failed': ['error.export-failed.title', 'error.export-failed.body'],
  'no-printer': ['error.no-printer.title', 'error.no-printer.body'],
  'import-refused': ['error.import-refused.title', 'error.import-refused.body'],
  internal: ['error.internal.title', 'error.internal.body'],
  'host-failed': ['error.host-failed.title', 'error.host-failed.body'],
} as const satisfies Record<UiError['code'], readonly [MessageKey, MessageKey]>

/** What went wrong and what to do next, in the user's language, for any error code. */
export function errorText(t: Translate, error: UiError): { title: string; body: string } {
  const [title, body] = TEXTS[error.code] ?? TEXTS.store
  return { title: t(title), body: t(body) }
}

/**
 * A refused write's problems as one line, for "not saved: …" messages, in the UI's language
 * where the problem says it in Norwegian.
 */
export function problemsText(
  problems: readonly { message: string; messageNb?: string }[],
  language: 'nb' | 'en' = 'en',
): string {
  return problems
    .map((problem) =>
      language === 'nb' && problem.messageNb !== undefined ? problem.messageNb : problem.message,
    )
    .join('; ')
}
