import type * as Y from 'yjs'
import { writeTemplateToBody } from './body.ts'
import { META, paperMetaSpec, writePaperMeta, type PaperMeta } from './paper.ts'
import { positionPaperTemplate } from './template.ts'
import { checkPatch, refused, type Written } from './validate.ts'

/**
 * Fills a new paper doc with its meta and the template in the paper's language, in one
 * transaction. Refused, with nothing written, when the meta is invalid or the body is not empty.
 */
export function initPaper(doc: Y.Doc, meta: PaperMeta): Written {
  const problems = checkPatch(paperMetaSpec, meta, META)
  if (problems.length > 0) return refused(problems)
  let result: Written = refused([])
  doc.transact(() => {
    result = writeTemplateToBody(doc, positionPaperTemplate(meta.language))
    if (result.ok) result = writePaperMeta(doc, meta)
  })
  return result
}
