import type { JSONContent } from '@tiptap/core'
import type { PaperLanguage } from './paper.ts'
import type { TemplateSection } from './template-structure.ts'

/** The words of the template in one language; the title lives in the paper's meta. */
type TemplateText = {
  keyMessages: string
  keyMessageHints: [string, string, string]
  background: string
  backgroundHint: string
  recommendations: string
  recommendationHints: [string, string, string]
  signatories: string
  signatoriesHint: string
}

const TEXTS: Record<PaperLanguage, TemplateText> = {
  en: {
    keyMessages: 'Key messages',
    keyMessageHints: [
      'State the single change you ask the decision maker to make, in one sentence.',
      'Give the strongest evidence for it: a figure, a result or a named example from a partner city.',
      'Say what waiting costs, and who bears that cost.',
    ],
    background: 'Background',
    backgroundHint:
      'In three to five sentences, say who the signing organisations are, why they speak together, ' +
      'and which consultation, call or decision this paper answers. Name that document and its ' +
      'deadline so the reader can place the paper at once.',
    recommendations: 'Recommendations',
    recommendationHints: [
      'Start each recommendation with a verb and name who should act: "The Mission Board should…".',
      'Make each one concrete enough that a reader can tell, a year from now, whether it was done.',
      'Put the most important recommendation first and keep the list to five or fewer.',
    ],
    signatories: 'Signatories',
    signatoriesHint:
      'List each signing organisation with its full name and country, and the name and role of ' +
      'the person who endorses the paper. Add an organisation only once it has approved the final ' +
      'version.',
  },
  nb: {
    keyMessages: 'Hovedbudskap',
    keyMessageHints: [
      'Skriv i én setning den ene endringen dere ber beslutningstakeren om å gjøre.',
      'Gi det sterkeste belegget for den: et tall, et resultat eller et navngitt eksempel fra en partnerby.',
      'Si hva det koster å vente, og hvem som betaler prisen.',
    ],
    background: 'Bakgrunn',
    backgroundHint:
      'Forklar i tre til fem setninger hvem organisasjonene bak notatet er, hvorfor de står sammen, ' +
      'og hvilken høring, utlysning eller beslutning notatet svarer på. Oppgi dokumentet og fristen, ' +
      'slik at leseren straks kan plassere notatet.',
    recommendations: 'Anbefalinger',
    recommendationHints: [
      'Begynn hver anbefaling med et verb og si hvem som skal handle: «Departementet bør …».',
      'Gjør hver anbefaling så konkret at en leser om et år kan se om den er fulgt opp.',
      'Sett den viktigste anbefalingen først, og hold listen til fem punkter eller færre.',
    ],
    signatories: 'Underskrivere',
    signatoriesHint:
      'Før opp hver organisasjon som står bak, med fullt navn og land, og navn og rolle for personen ' +
      'som godkjenner notatet. Legg bare til en organisasjon når den har godkjent den endelige ' +
      'versjonen.',
  },
}

/** The section headings of a new paper, in order. */
export function templateHeadings(language: PaperLanguage): string[] {
  const t = TEXTS[language]
  return [t.keyMessages, t.background, t.recommendations, t.signatories]
}

/**
 * The body of a new position paper as Tiptap JSON: four sections (headings marked with their
 * `section`) whose guidance paragraphs, placeholders, tell the drafter what to write. A fresh object on every call, so callers may change it.
 */
export function positionPaperTemplate(language: PaperLanguage): JSONContent {
  const t = TEXTS[language]
  return {
    type: 'doc',
    content: [
      heading(t.keyMessages, 'key-messages'),
      list('bulletList', t.keyMessageHints),
      heading(t.background, 'background'),
      guidance(t.backgroundHint),
      heading(t.recommendations, 'recommendations'),
      list('orderedList', t.recommendationHints),
      heading(t.signatories, 'signatories'),
      guidance(t.signatoriesHint),
    ],
  }
}

/**
 * Every guidance text of the template, in both languages, normalised: papers made before the
 * template marked its guidance (`guidance` attribute) still have it as ordinary text, and the
 * pre-send check finds it by its words.
 */
export function templateGuidanceTexts(): Set<string> {
  return new Set(
    Object.values(TEXTS).flatMap((t) =>
      [...t.keyMessageHints, t.backgroundHint, ...t.recommendationHints, t.signatoriesHint].map(
        normaliseGuidance,
      ),
    ),
  )
}

export function normaliseGuidance(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim()
}

// Level 2: level 1 is the title, which export renders from the meta.
function heading(text: string, section: TemplateSection): JSONContent {
  return { type: 'heading', attrs: { level: 2, section }, content: [{ type: 'text', text }] }
}

/** A placeholder paragraph: what to write here, not the paper's text. */
function guidance(text: string): JSONContent {
  return { type: 'paragraph', attrs: { guidance: true }, content: [{ type: 'text', text }] }
}

function list(type: 'bulletList' | 'orderedList', items: readonly string[]): JSONContent {
  return { type, content: items.map((item) => ({ type: 'listItem', content: [guidance(item)] })) }
}
