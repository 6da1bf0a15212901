import type { Messages } from './messages.ts'

/** Norwegian (bokmål) texts of suggesting mode. */
export const nbSuggesting: Messages<'suggesting'> = {
  'suggesting.mode.label': 'Modus: redigere eller foreslå',
  'suggesting.mode.editing': 'Redigerer',
  'suggesting.mode.suggesting': 'Foreslår',
  'suggesting.mode.hint':
    'Redigering endrer teksten; i forslagsmodus blir endringene dine forslag som andre godtar eller avviser ({suggest} foreslår, {edit} redigerer)',
  'suggesting.mode.forced':
    'Du foreslår: endringene dine er forslag som en redaktør godtar eller avviser.',
  'suggesting.note.reviewer':
    'Du er kommentator: det du skriver, sletter eller formaterer, blir forslag som redaktørene godtar eller avviser. Tittel og detaljer endres ikke.',
  'suggesting.note.paper':
    'Koordinatoren har satt dette notatet til bare forslag: hver endring er et forslag til en redaktør godtar det.',
  'suggesting.refused.structure':
    'Lister, tabeller og tekststiler kan ikke foreslås. Skriv heller en kommentar til teksten, eller spør en redaktør.',
  'suggesting.refused.format': 'Formateringen i en annens forslag kan ikke endres med et forslag.',
  'suggesting.toolOff': '{label} (ikke mens du foreslår)',
  'suggesting.card.label': 'Forslag fra {name}',
  'suggesting.card.insert': 'Legg til',
  'suggesting.card.delete': 'Slett',
  'suggesting.card.replace': 'Erstatt',
  'suggesting.card.with': 'med',
  'suggesting.card.format': 'Endre formateringen',
  'suggesting.card.split': 'Nytt avsnitt',
  'suggesting.card.join': 'Slå sammen to avsnitt',
  'suggesting.accept': 'Godta',
  'suggesting.reject': 'Avvis',
  'suggesting.acceptNamed': 'Godta forslaget fra {name}',
  'suggesting.rejectNamed': 'Avvis forslaget fra {name}',
  'suggesting.replyLabel': 'Svar på forslaget fra {name}',
  'suggesting.gone': 'Teksten ble slettet i mellomtiden: det er ikke noe igjen å avgjøre.',
  'suggesting.gone.label': 'Forslag fra {name}, slettet i mellomtiden',
  'suggesting.dismiss': 'Fjern',
  'suggesting.vanished':
    'Ikke lenger i teksten: forfatteren trakk det tilbake, eller noen slettet teksten i mellomtiden.',
  'suggesting.list.count': { one: '{count} åpent forslag', other: '{count} åpne forslag' },
  'suggesting.keys': 'Neste og forrige forslag: Ctrl+Alt+Shift+↓ og ↑',
  'suggesting.bulk.label': 'Avgjør mange forslag på en gang',
  'suggesting.bulk.who': 'Hvem sine forslag',
  'suggesting.bulk.everyone': 'Alle',
  'suggesting.bulk.member': '{name} ({organisation})',
  'suggesting.bulk.organisation': 'Alle fra {organisation}',
  'suggesting.bulk.accept': { one: 'Godta {count}', other: 'Godta alle {count}' },
  'suggesting.bulk.reject': { one: 'Avvis {count}', other: 'Avvis alle {count}' },
  'suggesting.bulk.accepted': {
    one: '{count} forslag godtatt (Ctrl+Z angrer)',
    other: '{count} forslag godtatt (Ctrl+Z angrer)',
  },
  'suggesting.bulk.rejected': {
    one: '{count} forslag avvist (Ctrl+Z angrer)',
    other: '{count} forslag avvist (Ctrl+Z angrer)',
  },
  'suggesting.export.show': {
    one: 'Vis det åpne forslaget som sporet endring',
    other: 'Vis de {count} åpne forslagene som sporede endringer',
  },
  'suggesting.export.hint':
    'Word viser dem som sporede endringer med forfatterne, så gjennomgangen kan fullføres der; PDF-en som rødlinje. Uten avkrysning går notatet ut slik det er enighet om: uten dem.',
  'suggesting.only.label': 'Bare forslag',
  'suggesting.only.hint':
    'Alle, også redaktørene, foreslår endringer i stedet for å gjøre dem, for eksempel under en gjennomgang. Bare koordinatoren kan slå det på.',
  'suggesting.version.open': {
    one: '{count} forslag var åpent (ikke med i denne versjonen)',
    other: '{count} forslag var åpne (ikke med i denne versjonen)',
  },
}
