import type { JSONContent } from '@tiptap/core'
import type { Node } from '@tiptap/pm/model'
import { prosemirrorToYXmlFragment, yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap'
import type * as Y from 'yjs'
import { BODY_FIELD, paperBody } from './paper.ts'
import { bodySchema } from './schema.ts'
import { done, refused, type Problem, type Read, type Written } from './validate.ts'

/**
 * Writes Tiptap JSON into an empty body, without an editor. Refused when the JSON does not fit the
 * schema or the body already has content: run it once, by the paper's creator, before the paper
 * is shared, or two replicas would each add a copy.
 */
export function writeTemplateToBody(doc: Y.Doc, json: JSONContent): Written {
  const body = paperBody(doc)
  if (body.length > 0) {
    return refused([{ path: BODY_FIELD, message: 'the body is not empty; nothing was written' }])
  }
  const node = toNode(json)
  if ('problem' in node) return refused([node.problem])
  doc.transact(() => prosemirrorToYXmlFragment(node.value, body))
  return done(null)
}

/**
 * The body as Tiptap JSON in the schema's normal form (default attributes filled in). When the body
 * does not fit the schema the raw JSON is returned with a problem. Only reads: y-tiptap's
 * yXmlFragmentToProseMirrorRootNode would delete the nodes it cannot build, a write a reviewer
 * is not allowed to make.
 */
export function readBodyJSON(doc: Y.Doc): Read<JSONContent> {
  const raw = yXmlFragmentToProsemirrorJSON(paperBody(doc)) as JSONContent
  const node = toNode(raw)
  return 'problem' in node
    ? { value: raw, problems: [node.problem] }
    : { value: node.value.toJSON() as JSONContent, problems: [] }
}

function toNode(json: JSONContent): { value: Node } | { problem: Problem } {
  try {
    const node = bodySchema().nodeFromJSON(json)
    node.check()
    return { value: node }
  } catch (error) {
    // ProseMirror reports JSON that does not fit the schema only by throwing (a RangeError).
    const message = error instanceof Error ? error.message : String(error)
    return { problem: { path: BODY_FIELD, message: `does not fit the body schema: ${message}` } }
  }
}
