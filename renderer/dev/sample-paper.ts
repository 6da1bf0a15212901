import type { JSONContent } from '@tiptap/core'
import type { PaperMeta } from '../../shared/model/index.ts'

/** A paper for screenshots, in the voice partners write in. Our own text, not the context file's. */
export const SAMPLE_META: PaperMeta = {
  title: 'Norske byer i EUs bymisjon: fra pilot til varig praksis',
  recipients: [
    'EU Mission Board for Climate-Neutral and Smart Cities',
    'Kommunal- og distriktsdepartementet',
  ],
  language: 'nb',
  deadline: '2026-04-15',
  status: 'draft',
  organisations: ['NTNU', 'Universitetet i Stavanger', 'Nordic Edge'],
}

const text = (value: string, bold = false): JSONContent =>
  bold ? { type: 'text', text: value, marks: [{ type: 'bold' }] } : { type: 'text', text: value }
const paragraph = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content })
const heading = (value: string, level = 2): JSONContent => ({
  type: 'heading',
  attrs: { level },
  content: [text(value)],
})
const list = (type: 'bulletList' | 'orderedList', items: string[]): JSONContent => ({
  type,
  content: items.map((item) => ({ type: 'listItem', content: [paragraph(text(item))] })),
})
const cell = (type: 'tableHeader' | 'tableCell', value: string): JSONContent => ({
  type,
  content: [paragraph(text(value))],
})
const row = (type: 'tableHeader' | 'tableCell', values: string[]): JSONContent => ({
  type: 'tableRow',
  content: values.map((value) => cell(type, value)),
})

export const SAMPLE_BODY: JSONContent = {
  type: 'doc',
  content: [
    heading('Hovedbudskap'),
    list('bulletList', [
      'Vi ber Mission Board om å gjøre støtten til byenes klimakontrakter flerårig, slik at vellykkede piloter kan videreføres når prosjektperioden er over.',
      'Samarbeid mellom kommune, universitet og næringsliv gir målbare kutt: i pilotområdene i Trondheim og Stavanger har energibruken gått ned med 15 til 25 prosent.',
      'Uten forutsigbar finansiering mister byene kompetansen de har bygget opp, og utslippskuttene stopper opp.',
    ]),
    heading('Bakgrunn'),
    paragraph(
      text(
        'Notatet er skrevet i fellesskap av universiteter, klynger og kommuner som arbeider for ',
      ),
      text('klimanøytrale og smarte byer', true),
      text(
        '. Vi svarer på Mission Boards invitasjon til innspill om hvordan klimakontraktene gjennomføres, med frist 15. april 2026. Partnerne har til sammen ledet eller deltatt i mer enn tjue europeiske byprosjekter og ser de samme hindringene gå igjen.',
      ),
    ),
    heading('Anbefalinger'),
    list('orderedList', [
      'Mission Board bør anbefale Kommisjonen en egen ordning for å videreføre piloter, med treårige tildelinger.',
      'Kommisjonen bør la byer med klimakontrakt søke sammen med sine regionale kunnskapspartnere.',
      'EØS-landene bør få en felles mal for nasjonal medfinansiering, slik at mindre byer ikke faller utenfor.',
    ]),
    heading('Hva partnerne bidrar med', 3),
    {
      type: 'table',
      content: [
        row('tableHeader', ['Partner', 'Bidrag']),
        row('tableCell', ['NTNU', 'Datagrunnlag og evaluering av pilotene']),
        row('tableCell', ['Universitetet i Stavanger', 'Kontakt med kommunene i regionen']),
        row('tableCell', ['Nordic Edge', 'Formidling til europeiske klynger']),
      ],
    },
    heading('Underskrivere'),
    paragraph(text('Til godkjenning hos NTNU, Universitetet i Stavanger og Nordic Edge.')),
  ],
}
