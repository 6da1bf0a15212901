import * as Y from 'yjs'
import {
  upsertPaperSummary,
  writePaperMeta,
  writeTemplateToBody,
  type PaperSummary,
} from '../../shared/model/index.ts'
import { indexRoom, paperRoom } from '../../shared/protocol/index.ts'
import { SAMPLE_BODY, SAMPLE_META } from './sample-paper.ts'

export const SAMPLE_PAPER = 'p-bymisjon'

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

function base64(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/** The library of the screenshots' workspace: one full paper and four listed ones. */
export function seedDocs(workspace: string, now: number): Record<string, string[]> {
  const paper = new Y.Doc()
  const body = writeTemplateToBody(paper, SAMPLE_BODY)
  const meta = writePaperMeta(paper, SAMPLE_META)
  if (!body.ok || !meta.ok) throw new Error(JSON.stringify([body, meta]))

  const index = new Y.Doc()
  const papers: PaperSummary[] = [
    summary(SAMPLE_PAPER, SAMPLE_META.title, 'draft', SAMPLE_META.recipients, now - 4 * MINUTE),
    summary(
      'p-urban',
      'Innspill til Urban Agenda-partnerskapet om grønn innovasjon',
      'review',
      ['Urban Agenda Partnership'],
      now - 130 * MINUTE,
    ),
    summary(
      'p-horizon',
      'Position on the next Horizon Europe work programme for cities',
      'final',
      ['European Commission, DG RTD', 'EUROCITIES'],
      now - 3 * DAY,
    ),
    summary(
      'p-regions',
      'Smarte regioner og universitetenes rolle',
      'sent',
      ['European University Association'],
      now - 40 * DAY,
    ),
    summary('p-data', 'Datadeling mellom kommuner i Norden', 'draft', [], now - 26 * 60 * MINUTE),
  ]
  for (const entry of papers) upsertPaperSummary(index, entry)
  return {
    [indexRoom(workspace)]: [base64(Y.encodeStateAsUpdate(index))],
    [paperRoom(workspace, SAMPLE_PAPER)]: [base64(Y.encodeStateAsUpdate(paper))],
  }
}

function summary(
  id: string,
  title: string,
  status: PaperSummary['status'],
  recipients: string[],
  updatedAt: number,
): PaperSummary {
  return { id, title, status, recipients, createdAt: updatedAt - 5 * DAY, updatedAt }
}
