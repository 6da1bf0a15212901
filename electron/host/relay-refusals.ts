import type { HostError } from '../../shared/ipc/index.ts'
import type { ApiErrorCode } from '../../shared/protocol/admin.ts'
import { fail } from './host-error.ts'

/**
 * Which token a call carried: an invite link's (joining) or the member's own key, kept by the
 * host since joining. The same refusal means different things to the user for each.
 */
export type TokenKind = 'invite' | 'session'

type Text = { code: HostError['code']; en: string; nb: string }

const ASK = {
  en: 'Ask your coordinator for a new invite.',
  nb: 'Be koordinatoren om en ny invitasjon.',
}

const INVITE: Partial<Record<ApiErrorCode, Text>> = {
  'unknown-token': {
    code: 'invite-unknown',
    en: `The relay does not know this invite: it may have been copied only in part, or it belongs to another relay. Copy the whole link again; if it still fails, ${ASK.en.toLowerCase()}`,
    nb: `Reléserveren kjenner ikke denne invitasjonen: den kan være kopiert bare delvis, eller høre til en annen reléserver. Kopier hele lenken på nytt; hvis det fortsatt ikke går, ${ASK.nb.toLowerCase()}`,
  },
  expired: {
    code: 'invite-expired',
    en: `This invite has expired. ${ASK.en}`,
    nb: `Denne invitasjonen er utløpt. ${ASK.nb}`,
  },
  used: {
    code: 'invite-used',
    en: `This invite has already been used to join, and works only once. If that was not you, tell your coordinator at once. ${ASK.en}`,
    nb: `Denne invitasjonen er allerede brukt til å bli med, og virker bare én gang. Var det ikke deg, si fra til koordinatoren med en gang. ${ASK.nb}`,
  },
  revoked: {
    code: 'invite-revoked',
    en: `The coordinator has withdrawn this invite. ${ASK.en}`,
    nb: `Koordinatoren har trukket tilbake denne invitasjonen. ${ASK.nb}`,
  },
}

const SESSION: Partial<Record<ApiErrorCode, Text>> = {
  'unknown-token': {
    code: 'access-unknown',
    en: `The relay no longer knows this computer's key to the workspace (its data may have been reset). Your work is kept on this computer. ${ASK.en}`,
    nb: `Reléserveren kjenner ikke lenger denne maskinens nøkkel til arbeidsområdet (dataene kan ha blitt tilbakestilt). Arbeidet ditt er tatt vare på på denne maskinen. ${ASK.nb}`,
  },
  revoked: {
    code: 'access-revoked',
    en: `Your access to this workspace has been revoked. What is on this computer stays here, but you can no longer change anything in the workspace. ${ASK.en}`,
    nb: `Tilgangen din til dette arbeidsområdet er trukket tilbake. Det som er på denne maskinen, blir her, men du kan ikke lenger endre noe i arbeidsområdet. ${ASK.nb}`,
  },
}
SESSION.expired = SESSION['unknown-token']
SESSION.used = SESSION['unknown-token']

const ANY: Partial<Record<ApiErrorCode, Text>> = {
  forbidden: {
    code: 'forbidden',
    en: 'Only a coordinator of the workspace may do this.',
    nb: 'Bare en koordinator i arbeidsområdet kan gjøre dette.',
  },
  'not-found': {
    code: 'member-not-found',
    en: 'This person is no longer in the workspace. Open the member list again to see who is.',
    nb: 'Denne personen er ikke lenger i arbeidsområdet. Åpne medlemslisten på nytt for å se hvem som er det.',
  },
  'last-coordinator': {
    code: 'last-coordinator',
    en: 'The workspace needs at least one coordinator. Make someone else coordinator first.',
    nb: 'Arbeidsområdet trenger minst én koordinator. Gjør en annen til koordinator først.',
  },
  disabled: {
    code: 'creation-disabled',
    en: "This relay does not allow creating workspaces from the app. Ask the relay's operator to create it (or to start the relay with --allow-workspace-creation).",
    nb: 'Denne reléserveren tillater ikke å opprette arbeidsområder fra appen. Be den som driver reléserveren, om å opprette det (eller starte reléserveren med --allow-workspace-creation).',
  },
}

/** A refusal from the relay in words the user can act on, in English and Norwegian. */
export function refusal(code: ApiErrorCode, kind: TokenKind, detail: string) {
  const text = (kind === 'invite' ? INVITE : SESSION)[code] ?? ANY[code]
  if (text !== undefined) return fail(text.code, text.en, text.nb)
  // `invalid`: the relay's own words say which field it refused.
  const said = detail === '' ? '' : ` (${detail})`
  return fail(
    'relay-refused',
    `The relay refused this request${said}. Check what you entered and try again.`,
    `Reléserveren avviste forespørselen${said}. Sjekk det du skrev inn, og prøv igjen.`,
  )
}
