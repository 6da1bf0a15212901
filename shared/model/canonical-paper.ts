import type * as Y from 'yjs'
import { readBodyJSON } from './body.ts'
import type { PaperContent } from './canonical.ts'
import { readPaperMeta } from './paper.ts'

/**
 * The paper doc's content as a version freezes it: title, recipients and language from the meta,
 * the body in the schema's normal form. The deadline, status and organisations are not part of
 * the text organisations endorse.
 */
export function paperContent(paperDoc: Y.Doc): PaperContent {
  const { title, recipients, language } = readPaperMeta(paperDoc).value
  return { title, recipients, language, body: readBodyJSON(paperDoc).value }
}
