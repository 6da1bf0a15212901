import type * as Y from 'yjs'
import { readBodyJSON } from './body.ts'
import type { PaperContent } from './canonical.ts'
import { readPaperMeta } from './paper.ts'
import { rejectTracked } from './tracked.ts'

/**
 * The paper doc's content as a version freezes it: title, recipients and language from the meta,
 * the body in the schema's normal form with every open suggestion rejected. The deadline, status
 * and organisations are not part of the text organisations endorse.
 */
export function paperContent(paperDoc: Y.Doc): PaperContent {
  const { title, recipients, language } = readPaperMeta(paperDoc).value
  // What was agreed: the text with every open suggestion rejected.
  return { title, recipients, language, body: rejectTracked(readBodyJSON(paperDoc).value) }
}
