import type { JSONContent } from '@tiptap/core'
import type { Settings } from '../../shared/ipc/index.ts'
import type { PaperMeta, TemplateSection } from '../../shared/model/index.ts'

// The paper of the local sample workspace a first start offers: written for Samstemt, so a new
// user sees what a finished draft looks like in the position-paper template's four sections, in
// the language of the app: a Norwegian UI shows a Norwegian paper.

export type SamplePaper = { meta: PaperMeta; body: JSONContent }

const EN: SamplePaper = {
  meta: {
    title: 'Shared city data platforms as lasting infrastructure for climate-neutral cities',
    recipients: ['EU Mission Board for Climate-Neutral and Smart Cities'],
    language: 'en',
    deadline: '2026-10-01',
    status: 'draft',
    organisations: [
      'NTNU – Norwegian University of Science and Technology',
      'Nordic Edge',
      'University of Stavanger (UiS)',
    ],
  },
  body: {
    type: 'doc',
    content: [
      heading('Key messages', 'key-messages'),
      bullets([
        'Fund the shared data platforms that let a city, its university and local companies test a climate measure together, as infrastructure that outlives any single project.',
        'In Trondheim and Stavanger, partnerships between NTNU, UiS and the Nordic Edge network have turned pilots in mobility, energy use in buildings and district heating into measures that the municipalities now budget for themselves.',
        'Without stable funding for what sits behind such pilots – data agreements, sensors, test sites, people – every new project starts from scratch, and smaller towns cannot take part at all.',
      ]),
      heading('Background', 'background'),
      paragraph(
        'NTNU and the University of Stavanger are research universities that work with their host cities every week on energy, mobility and digital public services. Nordic Edge is a non-profit cluster in Stavanger that brings municipalities, companies and researchers together around smart-city solutions and hosts a yearly Nordic meeting place for them. We write together because our cities have learnt the same lesson: a pilot succeeds when the city, researchers and industry can share data and test sites on fair terms. This paper answers the Mission Board’s call for input on putting Climate City Contracts into practice.',
      ),
      heading('Recommendations', 'recommendations'),
      numbered([
        'The Mission Board should treat shared urban data platforms and test sites as infrastructure eligible for multi-year funding, not as costs that end with each pilot.',
        'The Mission Board should ask every Climate City Contract to name its research and industry partners, and to say how results and data will be made available to other cities.',
        'The Mission Board should start a peer-learning scheme in which pairs of cities test each other’s measures, beginning with mobility and energy use in buildings.',
      ]),
      heading('Signatories', 'signatories'),
      paragraph(
        'NTNU – Norwegian University of Science and Technology (Norway); Nordic Edge (Norway); University of Stavanger (Norway). The name and role of each person who endorses the paper is added once their organisation has approved the final version.',
      ),
    ],
  },
}

const NB: SamplePaper = {
  meta: {
    title: 'Delte dataplattformer i byene som varig infrastruktur for klimanøytrale byer',
    recipients: ['EU Mission Board for Climate-Neutral and Smart Cities'],
    language: 'nb',
    deadline: '2026-10-01',
    status: 'draft',
    organisations: [
      'NTNU – Norges teknisk-naturvitenskapelige universitet',
      'Nordic Edge',
      'Universitetet i Stavanger (UiS)',
    ],
  },
  body: {
    type: 'doc',
    content: [
      heading('Hovedbudskap', 'key-messages'),
      bullets([
        'Finansier de delte dataplattformene som lar en by, universitetet og lokale bedrifter prøve ut et klimatiltak sammen, som infrastruktur som varer lenger enn det enkelte prosjektet.',
        'I Trondheim og Stavanger har samarbeidet mellom NTNU, UiS og Nordic Edge-nettverket gjort piloter innen mobilitet, energibruk i bygg og fjernvarme til tiltak som kommunene nå selv budsjetterer med.',
        'Uten stabil finansiering av det som ligger bak slike piloter – dataavtaler, sensorer, testområder, folk – begynner hvert nytt prosjekt på nytt, og mindre byer kan ikke være med i det hele tatt.',
      ]),
      heading('Bakgrunn', 'background'),
      paragraph(
        'NTNU og Universitetet i Stavanger er forskningsuniversiteter som hver uke arbeider med vertsbyene sine om energi, mobilitet og digitale offentlige tjenester. Nordic Edge er en ideell klynge i Stavanger som samler kommuner, bedrifter og forskere om løsninger for smarte byer, og som arrangerer en årlig nordisk møteplass for dem. Vi skriver sammen fordi byene våre har lært det samme: en pilot lykkes når byen, forskerne og næringslivet kan dele data og testområder på rimelige vilkår. Notatet svarer på Mission Boards invitasjon til innspill om hvordan klimabykontraktene kan settes ut i livet.',
      ),
      heading('Anbefalinger', 'recommendations'),
      numbered([
        'Mission Board bør regne delte dataplattformer og testområder i byene som infrastruktur som kan få flerårig finansiering, ikke som kostnader som slutter med hver pilot.',
        'Mission Board bør be hver klimabykontrakt om å navngi forsknings- og næringspartnerne sine, og om å si hvordan resultater og data blir gjort tilgjengelige for andre byer.',
        'Mission Board bør starte en ordning for erfaringslæring der byer to og to prøver ut hverandres tiltak, først innen mobilitet og energibruk i bygg.',
      ]),
      heading('Underskrivere', 'signatories'),
      paragraph(
        'NTNU – Norges teknisk-naturvitenskapelige universitet (Norge); Nordic Edge (Norge); Universitetet i Stavanger (Norge). Navn og rolle for personen som godkjenner notatet, føres opp når organisasjonen har godkjent den endelige versjonen.',
      ),
    ],
  },
}

const SAMPLES: Record<Settings['language'], SamplePaper> = { en: EN, nb: NB }

/** The sample paper in `language`, a fresh copy each time. */
export function samplePaper(language: Settings['language']): SamplePaper {
  return structuredClone(SAMPLES[language])
}

function heading(text: string, section: TemplateSection): JSONContent {
  return { type: 'heading', attrs: { level: 2, section }, content: [{ type: 'text', text }] }
}

function paragraph(text: string): JSONContent {
  return { type: 'paragraph', content: [{ type: 'text', text }] }
}

function items(texts: readonly string[]): JSONContent[] {
  return texts.map((text) => ({ type: 'listItem', content: [paragraph(text)] }))
}

function bullets(texts: readonly string[]): JSONContent {
  return { type: 'bulletList', content: items(texts) }
}

function numbered(texts: readonly string[]): JSONContent {
  return { type: 'orderedList', content: items(texts) }
}
