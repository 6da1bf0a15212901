import type { Messages } from './messages.ts'

/**
 * Norsk bokmål for deling: medlemslisten, invitasjoner, roller og tilbaketrekking, det et medlem
 * ser når tilgangen endres, ukrypterte nøkler og reléservere, og feilene fra reléserverens API.
 */
export const nbMembers: Messages<'members'> = {
  'members.open': 'Medlemmer',
  'members.share': 'Del',
  'members.title': 'Medlemmer i {workspace}',
  'members.close': 'Lukk',
  'members.loading': 'Henter medlemslisten fra reléserveren …',
  'members.count': { one: '{count} medlem', other: '{count} medlemmer' },
  'members.readOnly':
    'Bare en koordinator kan invitere, endre roller eller trekke tilbake tilgang.',
  'members.invite': 'Inviter noen',
  'members.retry': 'Hent listen på nytt',
  'members.you': 'deg',
  'members.status.invited': 'Invitert',
  'members.status.active': 'Aktiv',
  'members.status.revoked': 'Trukket tilbake',
  'members.inviteUntil': 'Invitasjonen virker til {date}',
  'members.inviteNoExpiry': 'Invitasjonen utløper ikke',
  'members.inviteExpired': 'Invitasjonen utløp {date}',
  'members.lastSeen': 'Sist tilkoblet {when}',
  'members.neverSeen': 'Ikke tilkoblet ennå',
  'members.role.label': 'Rollen til {name}',
  'members.role.changing': 'Endrer rollen …',
  'members.role.changed': '{name} er nå {role}.',
  'members.role.self':
    'Du vil ikke lenger være koordinator: etterpå kan du ikke invitere eller endre roller. Gjøre deg til {role}?',
  'members.role.selfConfirm': 'Gjør meg til {role}',
  'members.role.keep': 'Behold rollen min',
  'members.revoke': 'Trekk tilbake',
  'members.revoke.label': 'Trekk tilbake tilgangen til {name}',
  'members.revoke.title': 'Trekke tilbake tilgangen til {name}?',
  'members.revoke.body':
    '{name} ({organisation}) kan fra nå av ikke lenger åpne eller endre noe i dette arbeidsområdet, fra noen maskin. Det de allerede har på sin egen maskin, blir der.',
  'members.revoke.bodyInvite':
    'Invitasjonen som ble sendt til {name} ({organisation}), slutter å virke med en gang; ingen kan bli med med den.',
  'members.revoke.confirm': 'Trekk tilbake tilgangen',
  'members.revoke.cancel': 'Avbryt',
  'members.revoked': 'Tilgangen til {name} er trukket tilbake.',
  'members.failed': '{title}. {body}',

  'invite.title': 'Inviter noen til {workspace}',
  'invite.back': 'Tilbake til medlemmene',
  'invite.name': 'Navn',
  'invite.name.hint': 'Slik de andre vil se det ved teksten og kommentarene.',
  'invite.name.missing': 'Skriv navnet på den du inviterer.',
  'invite.organisation': 'Organisasjon',
  'invite.organisation.hint': 'Partnerorganisasjonen de skriver for.',
  'invite.organisation.missing': 'Skriv organisasjonen de skriver for.',
  'invite.role': 'Rolle',
  'invite.expiry': 'Lenken kan brukes i',
  'invite.expiry.1': '1 dag',
  'invite.expiry.7': '7 dager',
  'invite.expiry.30': '30 dager',
  'invite.expiry.never': 'Så lenge den ikke er brukt',
  'invite.expiry.hint': 'Den virker én gang, på den første maskinen som blir med med den.',
  'invite.create': 'Lag invitasjon',
  'invite.creating': 'Lager invitasjonen …',
  'invite.ready': 'Invitasjonen til {name} er klar',
  'invite.ready.lead':
    'Send {name} lenken nedenfor. Den virker én gang, {expiry}. Alle som har lenken, kan bli med som {name}: send den bare til dem.',
  'invite.ready.until': 'til {date}',
  'invite.ready.noExpiry': 'uten utløpsdato',
  'invite.link': 'Invitasjonslenke',
  'invite.copyLink': 'Kopier lenken',
  'invite.email': 'Tekst til en e-post',
  'invite.copyEmail': 'Kopier teksten',
  'invite.copied': 'Kopiert til utklippstavlen.',
  'invite.copyFailed': 'Kunne ikke kopiere: teksten er merket, trykk Ctrl+C (⌘C på Mac).',
  'invite.another': 'Inviter en til',
  'invite.done': 'Ferdig',
  'invite.email.text':
    'Hei {name},\n\nJeg vil gjerne at du blir med i arbeidsområdet «{workspace}» i Samstemt, der vi skriver posisjonsnotatene våre sammen. Du er invitert som {role} for {organisation}: {description}\n\n1. Installer Samstemt, hvis du ikke har det ennå (spør meg hvis du trenger installasjonsfilen).\n2. Åpne Samstemt, velg «Bli med i et arbeidsområde» og lim inn denne lenken:\n\n{link}\n\nLenken virker én gang, {expiry}. Ikke send den videre: alle som har den, kan bli med som deg.\n\nVennlig hilsen\n{sender}',

  'access.revoked.title': 'Tilgangen din til {workspace} er trukket tilbake',
  'access.revoked.body':
    'Du kan fortsatt lese det som er på denne maskinen, men skriving er slått av: ingenting du endrer, kan nå de andre. Kommentarer som ikke hadde nådd reléserveren, er tatt vare på her; lagre dem for å sende dem på annen måte.',
  'access.lost.title': 'Reléserveren kjenner ikke lenger denne maskinen',
  'access.lost.body':
    'Skriving er slått av: ingenting du endrer, kan nå de andre. Arbeidet ditt er tatt vare på på denne maskinen. Be koordinatoren om en ny invitasjon.',
  'access.reason.revoked': 'Slått av: tilgangen din til arbeidsområdet er trukket tilbake.',
  'access.reason.lost': 'Slått av: reléserveren kjenner ikke lenger denne maskinen.',
  'access.roleChanged': 'Rollen din i arbeidsområdet er nå {role}: {description}',
  'access.dismiss': 'Lukk',

  'unsent.title': {
    one: '{count} kommentar til notatet ble ikke sendt',
    other: '{count} kommentarer til notatet ble ikke sendt',
  },
  'unsent.body':
    'De er tatt vare på på denne maskinen. Lagre dem for å sende dem til koordinatoren på annen måte.',
  'unsent.status': { one: '{count} kommentar ikke sendt', other: '{count} kommentarer ikke sendt' },
  'unsent.saveMarkdown': 'Lagre som Markdown',
  'unsent.saveJson': 'Lagre som JSON',
  'unsent.saved': 'Lagret: {path}',
  'unsent.file': 'Ikke sendte kommentarer – {title}',
  'unsent.md.title': 'Kommentarer som ikke ble sendt: {title}',
  'unsent.md.intro':
    'Skrevet i arbeidsområdet «{workspace}» av {name} ({organisation}); de nådde ikke reléserveren før tilgangen til arbeidsområdet ble trukket tilbake.',
  'unsent.md.comment': 'Kommentar fra {name}, {date}',
  'unsent.md.reply': 'Svar fra {name} til {author}, {date}',
  'unsent.md.on': 'Til teksten',
  'unsent.md.suggestion': 'Forslag til ny tekst',

  'review.thread.notSentRevoked': 'Ikke sendt: tilgangen din er trukket tilbake',
  'review.thread.notSentRevokedHint':
    'Tatt vare på på denne maskinen. Lagre kommentarene som ikke ble sendt (over notatet), for å sende dem på annen måte.',

  'secrets.title': 'Nøkkelen din til arbeidsområdet lagres ukryptert',
  'secrets.body':
    'Denne maskinen har ingen nøkkelring Samstemt kan bruke (på Linux: ingen GNOME Keyring eller KWallet som kjører), så nøkkelen som gir deg tilgang til arbeidsområdet, ligger som ren tekst i profilmappen din. Alle som kan lese filene dine (en annen bruker med administratorrettigheter, en sikkerhetskopi, en mistet bærbar uten diskkryptering), kan bruke den til å lese og skrive som deg. Samstemt krypterer den så snart en nøkkelring er på plass.',
  'secrets.ok': 'Jeg forstår',

  'join.insecure.title': 'Denne reléserveren er ikke kryptert',
  'join.insecure.body':
    'Invitasjonen peker til {relay}, som bruker ws:// i stedet for wss://. Nøkkelen din til arbeidsområdet og alt du skriver, ville gått ukryptert over nettet: hvem som helst underveis (nettet på en kafé eller et hotell) kunne lest notatene dine eller blitt med som deg. Be koordinatoren om en lenke som begynner med wss://.',
  'join.insecure.show': 'Vis invitasjonen likevel',
  'join.insecure.note': 'Ikke kryptert: nøkkelen og alt du skriver, går ukryptert over nettet.',
  'join.confirmInsecure': 'Bli med i {workspace} likevel',

  'connection.lost': 'Reléserveren kjenner ikke lenger denne maskinen: skriving er slått av',
  'connection.secure': 'Kryptert forbindelse',
  'connection.insecure': 'Ikke kryptert',

  'error.invite-unknown.title': 'Reléserveren kjenner ikke denne invitasjonen',
  'error.invite-unknown.body':
    'Sjekk at du kopierte hele lenken, fra samstemt://join til slutten. Går det fortsatt ikke, be koordinatoren sende den på nytt.',
  'error.invite-expired.title': 'Invitasjonen er utløpt',
  'error.invite-expired.body': 'Be koordinatoren om en ny.',
  'error.invite-used.title': 'Invitasjonen er allerede brukt',
  'error.invite-used.body':
    'Hver invitasjon gir én maskin tilgang. Var det ikke du som brukte den, si fra til koordinatoren med en gang: de kan trekke den tilbake og sende deg en ny.',
  'error.insecure-relay.title': 'Denne reléserveren er ikke kryptert',
  'error.insecure-relay.body': 'Be koordinatoren om en lenke som begynner med wss://.',
  'error.access-revoked.title': 'Tilgangen din til arbeidsområdet er trukket tilbake',
  'error.access-revoked.body':
    'Det som er på denne maskinen, blir her, men du kan ikke lenger endre noe i arbeidsområdet. Spør koordinatoren hvis du tror det er en feil.',
  'error.access-unknown.title': 'Reléserveren kjenner ikke lenger denne maskinen',
  'error.access-unknown.body':
    'Dataene kan ha blitt tilbakestilt. Arbeidet ditt er tatt vare på på denne maskinen. Be koordinatoren om en ny invitasjon.',
  'error.key-unreadable.title': 'Nøkkelen til arbeidsområdet kan ikke leses',
  'error.key-unreadable.body':
    'Systemets nøkkelring er endret. Arbeidet ditt er tatt vare på på denne maskinen. Be koordinatoren om en ny invitasjon og bli med på nytt.',
  'error.forbidden.title': 'Bare en koordinator kan gjøre dette',
  'error.forbidden.body': 'Spør en koordinator i arbeidsområdet.',
  'error.member-not-found.title': 'Denne personen er ikke lenger i arbeidsområdet',
  'error.member-not-found.body': 'Listen kan ha endret seg i mellomtiden: hent den på nytt.',
  'error.last-coordinator.title': 'Arbeidsområdet trenger en koordinator',
  'error.last-coordinator.body':
    'Du er den siste koordinatoren. Gjør en annen til koordinator først, og endre så din egen rolle.',
  'error.relay-refused.title': 'Reléserveren avviste dette',
  'error.relay-refused.body': 'Sjekk det du skrev inn, og prøv igjen.',
  'error.creation-disabled.title': 'Denne reléserveren tillater ikke nye arbeidsområder fra appen',
  'error.creation-disabled.body':
    'Be den som driver reléserveren, om å opprette arbeidsområdet, eller om å tillate det (serve --allow-workspace-creation).',
}
