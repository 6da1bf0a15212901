import * as Y from 'yjs'
import type { Settings } from '../../shared/ipc/index.ts'
import {
  upsertPaperSummary,
  writePaperMeta,
  writeTemplateToBody,
  type Problem,
} from '../../shared/model/index.ts'
import { indexRoom, paperRoom } from '../../shared/protocol/index.ts'
import { samplePaper } from './sample-paper.ts'

/** The local-only workspace a first start offers; never synced, so it needs no relay. */
export const SAMPLE_WORKSPACE_ID = 'local-sample'
export const SAMPLE_PAPER_ID = 'mission-board-data-platforms'

const NAMES: Record<Settings['language'], string> = {
  nb: 'Eksempel: smarte byer',
  en: 'Sample: smart cities',
}

export function sampleWorkspaceName(language: Settings['language']): string {
  return NAMES[language]
}

/**
 * The docs of the sample workspace, each as one Yjs update ready for the local store; its paper
 * is written in the app's language.
 */
export function sampleDocs(
  now: number,
  language: Settings['language'],
): { doc: string; update: Uint8Array }[] {
  const paper = new Y.Doc()
  const index = new Y.Doc()
  const sample = samplePaper(language)
  const results = [
    writeTemplateToBody(paper, sample.body),
    writePaperMeta(paper, sample.meta),
    upsertPaperSummary(index, {
      id: SAMPLE_PAPER_ID,
      title: sample.meta.title,
      status: sample.meta.status,
      recipients: sample.meta.recipients,
      createdAt: now,
      updatedAt: now,
    }),
  ]
  const problems: Problem[] = results.flatMap((result) => (result.ok ? [] : result.problems))
  // The sample is our own constant text: a refusal here is a bug, never a user error.
  if (problems.length > 0) throw new Error(`sample refused: ${JSON.stringify(problems)}`)
  const docs = [
    { doc: indexRoom(SAMPLE_WORKSPACE_ID), update: Y.encodeStateAsUpdate(index) },
    { doc: paperRoom(SAMPLE_WORKSPACE_ID, SAMPLE_PAPER_ID), update: Y.encodeStateAsUpdate(paper) },
  ]
  paper.destroy()
  index.destroy()
  return docs
}
