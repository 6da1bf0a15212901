import type { JSONContent } from '@tiptap/core'
import type { PaperMeta } from '../../shared/model/index.ts'

// The paper of the local sample workspace a first start offers: written for Samstemt, so a new
// user sees what a finished draft looks like in the position-paper template's four sections.

export const SAMPLE_PAPER_META: PaperMeta = {
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
}

export function samplePaperBody(): JSONContent {
  return {
    type: 'doc',
    content: [
      heading('Key messages'),
      bullets([
        'Fund the shared data platforms that let a city, its university and local companies test a climate measure together, as infrastructure that outlives any single project.',
        'In Trondheim and Stavanger, partnerships between NTNU, UiS and the Nordic Edge network have turned pilots in mobility, energy use in buildings and district heating into measures that the municipalities now budget for themselves.',
        'Without stable funding for what sits behind such pilots – data agreements, sensors, test sites, people – every new project starts from scratch, and smaller towns cannot take part at all.',
      ]),
      heading('Background'),
      paragraph(
        'NTNU and the University of Stavanger are research universities that work with their host cities every week on energy, mobility and digital public services. Nordic Edge is a non-profit cluster in Stavanger that brings municipalities, companies and researchers together around smart-city solutions and hosts a yearly Nordic meeting place for them. We write together because our cities have learnt the same lesson: a pilot succeeds when the city, researchers and industry can share data and test sites on fair terms. This paper answers the Mission Board’s call for input on putting Climate City Contracts into practice.',
      ),
      heading('Recommendations'),
      numbered([
        'The Mission Board should treat shared urban data platforms and test sites as infrastructure eligible for multi-year funding, not as costs that end with each pilot.',
        'The Mission Board should ask every Climate City Contract to name its research and industry partners, and to say how results and data will be made available to other cities.',
        'The Mission Board should start a peer-learning scheme in which pairs of cities test each other’s measures, beginning with mobility and energy use in buildings.',
      ]),
      heading('Signatories'),
      paragraph(
        'NTNU – Norwegian University of Science and Technology (Norway); Nordic Edge (Norway); University of Stavanger (Norway). The name and role of each person who endorses the paper is added once their organisation has approved the final version.',
      ),
    ],
  }
}

function heading(text: string): JSONContent {
  return { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text }] }
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
