import type * as Y from 'yjs'
import type { PaperStatus } from '../shared/model/paper.ts'
import { isLocked, readSuggestionsOnly, readWorkflowStatus } from '../shared/model/workflow.ts'
import { bodyChangeRefusal, noteSuggestions, suggestersOf } from '../shared/policy/body.ts'
import { commentsChangeRefusal, workflowChangeRefusal } from '../shared/policy/index.ts'
import { workflowRoom, type WriteGuard } from '../shared/protocol/index.ts'

/**
 * The product's rules beyond the role table, installed in every relay; the rules themselves live in
 * shared/policy, which the app's UI follows too:
 * - a workflow room takes only the changes its writer may make (`workflowChangeRefusal`);
 * - in a comments room every member changes only what `threadRights` allows them
 *   (`commentsChangeRefusal`);
 * - a paper whose workflow status is final or sent takes no update at all, the coordinator's
 *   included, until the coordinator reopens it as a draft.
 * The status is read from the workflow room only. The paper's meta and the index keep a status
 * too, for the library to show, but editors can write those: the relay never trusts them.
 */
/** Each workflow doc's status, read again only after the doc changed (it is asked per keystroke). */
const statuses = new WeakMap<Y.Doc, PaperStatus>()

function statusOf(doc: Y.Doc): PaperStatus {
  let status = statuses.get(doc)
  if (status === undefined) {
    status = readWorkflowStatus(doc)
    statuses.set(doc, status)
    doc.once('afterTransaction', () => statuses.delete(doc))
  }
  return status
}

export const writePolicy: WriteGuard = (writer, room, context) => {
  if (room.kind === 'workflow') {
    const { doc, changed } = context.preview()
    return workflowChangeRefusal(writer, { before: context.doc, after: doc, changed })
  }
  if (room.kind === 'comments') {
    // A workflow that cannot be read counts as locked: the relay fails closed.
    const bodyLocked = () => {
      if (room.paperId === null) return false
      const workflow = context.loadDoc(workflowRoom(room.workspace, room.paperId))
      return workflow === null || isLocked(statusOf(workflow))
    }
    const { doc, changed } = context.preview()
    return commentsChangeRefusal(writer, { before: context.doc, after: doc, changed, bodyLocked })
  }
  if (room.kind !== 'paper' || room.paperId === null) return null
  const workflow = context.loadDoc(workflowRoom(room.workspace, room.paperId))
  if (workflow === null) {
    return "This paper's workflow cannot be read on the relay, so its text is locked until the relay's operator restores it."
  }
  const status = statusOf(workflow)
  if (isLocked(status)) {
    return `The paper is ${status}: its text and details are locked until the coordinator reopens it as a draft.`
  }
  const index = suggestersIn(context.doc)
  const refusal = bodyChangeRefusal(writer, {
    before: context.doc,
    preview: context.preview,
    blocks: context.blocks,
    suggester: (id) => index.get(id),
    suggestionsOnly: readSuggestionsOnly(workflow),
  })
  // Passed: its suggestions join the index (a refusal by a later guard leaves them unused).
  if (refusal === null) noteSuggestions(index, context.blocks)
  return refusal
}

/** Each paper doc's suggestions and their authors, built once and kept up with its updates. */
const suggesters = new WeakMap<Y.Doc, Map<string, string>>()

function suggestersIn(doc: Y.Doc): Map<string, string> {
  let index = suggesters.get(doc)
  if (index === undefined) {
    index = suggestersOf(doc)
    suggesters.set(doc, index)
  }
  return index
}
