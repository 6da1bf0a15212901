import * as Y from 'yjs'
import { PAPER_STATUSES, type PaperStatus } from './paper.ts'
import {
  byCreation,
  checkPatch,
  describe,
  done,
  oneOf,
  readRecord,
  refused,
  rootMap,
  setIfChanged,
  stringList,
  text,
  time,
  type Problem,
  type Read,
  type Spec,
  type Written,
} from './validate.ts'

/** One paper as the workspace library lists it. */
export type PaperSummary = {
  id: string
  title: string
  status: PaperStatus
  recipients: string[]
  /** Epoch milliseconds. */
  createdAt: number
  /** Epoch milliseconds. */
  updatedAt: number
}

const PAPERS = 'papers'

// The id is the entry's key in `papers`, never stored inside the entry, so the two cannot disagree.
const summarySpec: Spec<Omit<PaperSummary, 'id'>> = {
  title: text(),
  status: oneOf(PAPER_STATUSES, 'draft'),
  recipients: stringList,
  createdAt: time,
  updatedAt: time,
}

/**
 * The papers of the workspace, oldest first (ties by id), so every replica lists them in the same
 * order. Entries that are not Y.Maps are skipped and reported.
 */
export function readPapers(doc: Y.Doc): Read<PaperSummary[]> {
  const problems: Problem[] = []
  const papers = rootMap(doc, PAPERS, problems)
  const value: PaperSummary[] = []
  papers?.forEach((entry, id) => {
    const path = `${PAPERS}.${id}`
    if (entry instanceof Y.Map) {
      const fields = readRecord(summarySpec, (key) => entry.get(key), path, problems)
      value.push({ id, ...fields })
    } else {
      problems.push({ path, message: `expected a Y.Map; got ${describe(entry)}; skipped` })
    }
  })
  value.sort(byCreation)
  return { value, problems }
}

/**
 * Adds the paper, or updates the fields of an existing entry that differ, in one transaction; so
 * a title change here and a status change elsewhere both survive.
 */
export function upsertPaperSummary(doc: Y.Doc, summary: PaperSummary): Written {
  const { id, ...fields } = summary
  const problems = checkPatch(summarySpec, fields, `${PAPERS}.${id}`)
  if (id === '') problems.push({ path: PAPERS, message: 'expected a paper id; got ""' })
  const papers = rootMap(doc, PAPERS, problems)
  if (papers === null || problems.length > 0) return refused(problems)
  doc.transact(() => {
    const existing = papers.get(id)
    const entry = existing instanceof Y.Map ? existing : new Y.Map<unknown>()
    if (entry !== existing) papers.set(id, entry)
    for (const [key, value] of Object.entries(fields)) setIfChanged(entry, key, value)
  })
  return done(null)
}

/** Removing a paper that is not listed is no problem: the end state is the same. */
export function removePaperSummary(doc: Y.Doc, id: string): Written {
  const problems: Problem[] = []
  const papers = rootMap(doc, PAPERS, problems)
  if (papers === null) return refused(problems)
  if (papers.has(id)) papers.delete(id)
  return done(null)
}

/** Calls `listener` with the fresh list after every transaction that changed it. */
export function observePapers(
  doc: Y.Doc,
  listener: (papers: Read<PaperSummary[]>) => void,
): () => void {
  const papers = rootMap(doc, PAPERS, [])
  if (papers === null) return () => undefined
  const handler = (): void => listener(readPapers(doc))
  papers.observeDeep(handler)
  return () => papers.unobserveDeep(handler)
}
