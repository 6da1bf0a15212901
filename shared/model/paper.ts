import type * as Y from 'yjs'
import type { Author } from './comments.ts'
import {
  checkPatch,
  done,
  isoDate,
  nullable,
  oneOf,
  optional,
  readRecord,
  record,
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

/** Where a paper is in its workflow: draft → review → final → sent. */
export type PaperStatus = 'draft' | 'review' | 'final' | 'sent'
export const PAPER_STATUSES: readonly PaperStatus[] = ['draft', 'review', 'final', 'sent']

/** The language a paper is written in: Norwegian Bokmål or English. */
export type PaperLanguage = 'nb' | 'en'
export const PAPER_LANGUAGES: readonly PaperLanguage[] = ['nb', 'en']

/** A paper's metadata, kept in the paper doc's `meta` map with one key per field. */
export type PaperMeta = {
  title: string
  /** The decision makers the paper goes to. */
  recipients: string[]
  language: PaperLanguage
  /** ISO date `YYYY-MM-DD`, or null when there is none. */
  deadline: string | null
  status: PaperStatus
  /** The contributing organisations. */
  organisations: string[]
  /**
   * Who made the paper, and when: the first line of its history. Absent in papers made before it
   * was recorded (the library's `createdAt` still dates them).
   */
  created?: PaperCreated
}

export type PaperCreated = { by: Author; at: number }

/** The Y.XmlFragment holding the body; Tiptap's Collaboration extension uses `field: BODY_FIELD`. */
export const BODY_FIELD = 'body'

export const META = 'meta'

export const paperMetaSpec: Spec<PaperMeta> = {
  title: text(),
  recipients: stringList,
  language: oneOf(PAPER_LANGUAGES, 'en'),
  deadline: nullable(isoDate),
  status: oneOf(PAPER_STATUSES, 'draft'),
  organisations: stringList,
  created: optional(
    record<PaperCreated>({
      // Spelled out, not comments.ts' authorSpec: comments.ts imports this module (via anchor.ts).
      by: record<Author>({ memberId: text(), name: text(), organisation: text() }),
      at: time,
    }),
    undefined,
  ),
}

/** Every field is read; a missing or wrong one reads as its default and is reported. */
export function readPaperMeta(doc: Y.Doc): Read<PaperMeta> {
  const problems: Problem[] = []
  const meta = rootMap(doc, META, problems)
  const value = readRecord(paperMetaSpec, (key) => meta?.get(key), META, problems)
  return { value, problems }
}

/**
 * Writes the given fields in one transaction, or nothing when one is invalid. Unchanged fields are
 * not rewritten, so replicas that edit different fields concurrently keep both edits.
 */
export function writePaperMeta(doc: Y.Doc, patch: Partial<PaperMeta>): Written {
  const problems = checkPatch(paperMetaSpec, patch, META)
  const meta = rootMap(doc, META, problems)
  if (meta === null || problems.length > 0) return refused(problems)
  doc.transact(() => {
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) setIfChanged(meta, key, value)
    }
  })
  return done(null)
}

/** Calls `listener` with the fresh meta after every transaction that changed it. */
export function observePaperMeta(
  doc: Y.Doc,
  listener: (meta: Read<PaperMeta>) => void,
): () => void {
  const meta = rootMap(doc, META, [])
  if (meta === null) return () => undefined
  const handler = (): void => listener(readPaperMeta(doc))
  meta.observe(handler)
  return () => meta.unobserve(handler)
}

export function paperBody(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(BODY_FIELD)
}
