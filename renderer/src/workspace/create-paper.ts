import type * as Y from 'yjs'
import {
  initPaper,
  upsertPaperSummary,
  type Author,
  type PaperLanguage,
  type Problem,
} from '../../../shared/model/index.ts'
import { paperRoom } from '../../../shared/protocol/index.ts'
import type { RoomRegistry } from '../sync/room-registry.ts'

export type NewPaper = {
  workspace: string
  title: string
  language: PaperLanguage
  /** The creator's organisation, listed as the first contributor. */
  organisation: string | null
  /** Who makes it: the first line of the paper's history. */
  by: Author
}

/** 16 url-safe characters from 96 random bits: a valid id, and no two partners pick the same. */
export function newPaperId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12))
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
}

/**
 * Writes a new paper from the template into its own room, then lists it in the index. Works
 * offline: both docs are stored on this computer first and reach the relay when it is back.
 */
export async function createPaper(
  registry: RoomRegistry,
  index: Y.Doc,
  paper: NewPaper,
): Promise<{ ok: true; id: string } | { ok: false; problems: Problem[] }> {
  const id = newPaperId()
  const now = Date.now()
  const lease = registry.acquire(paperRoom(paper.workspace, id))
  try {
    await lease.session.ready
    const written = initPaper(lease.session.doc, {
      title: paper.title,
      recipients: [],
      language: paper.language,
      deadline: null,
      status: 'draft',
      organisations: paper.organisation === null ? [] : [paper.organisation],
      created: { by: paper.by, at: now },
    })
    if (!written.ok) return written
    const listed = upsertPaperSummary(index, {
      id,
      title: paper.title,
      status: 'draft',
      recipients: [],
      createdAt: now,
      updatedAt: now,
    })
    return listed.ok ? { ok: true, id } : listed
  } finally {
    lease.release()
  }
}
