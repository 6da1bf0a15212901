import type { Node } from '@tiptap/pm/model'
import { updateYFragment } from '@tiptap/y-tiptap'
import type * as Y from 'yjs'
import { parsePaperContent } from './canonical.ts'
import { BODY_FIELD, paperBody, writePaperMeta } from './paper.ts'
import { bodySchema } from './schema.ts'
import { done, refused, type Written } from './validate.ts'
import type { Version } from './workflow.ts'

/**
 * Makes `version` the paper's current text: title, recipients, language and body, in one
 * transaction of the paper doc, so it is an ordinary change (in the relay's audit, undone by
 * restoring another version). The body is diffed into place, not rewritten: paragraphs the
 * version shares with the current text keep their identity, and comments anchored in them stay.
 * To be able to go back, save the current text as a version first. Refused, with nothing
 * written, when the version's content cannot be read; whether the paper is locked is for the
 * caller (the relay refuses a final paper's updates anyway).
 */
export function restoreVersion(paperDoc: Y.Doc, version: Version): Written {
  const read = parsePaperContent(version.content)
  if (read.problems.length > 0) return refused(read.problems)
  const { title, recipients, language, body } = read.value
  let node: Node
  try {
    node = bodySchema().nodeFromJSON(body)
    node.check()
  } catch (error) {
    // ProseMirror reports JSON that does not fit the schema only by throwing.
    const message = `does not fit the body schema: ${String(error)}`
    return refused([{ path: BODY_FIELD, message }])
  }
  let written: Written = done(null)
  paperDoc.transact(() => {
    updateYFragment(paperDoc, paperBody(paperDoc), node, { mapping: new Map(), isOMark: new Map() })
    written = writePaperMeta(paperDoc, { title, recipients, language })
  })
  return written
}
