import { workflowUpdateRefusal } from '../shared/model/workflow-guard.ts'
import { isLocked, readWorkflowStatus } from '../shared/model/workflow.ts'
import { workflowRoom, type WriteGuard } from '../shared/protocol/index.ts'
import { commentsUpdateRefusal } from './comments-guard.ts'

/**
 * The product's rules beyond the role table (issue 6), installed in every relay:
 * - a workflow room takes only the changes its writer may make (`workflowUpdateRefusal`);
 * - in a comments room a reviewer changes only their own comments (`commentsUpdateRefusal`);
 * - a paper whose workflow status is final or sent takes no update at all, the coordinator's
 *   included, until the coordinator reopens it as a draft.
 * The status is read from the workflow room only. The paper's meta and the index keep a status
 * too, for the library to show, but editors can write those: the relay never trusts them.
 */
export const writePolicy: WriteGuard = (writer, room, { doc, update, loadDoc }) => {
  if (room.kind === 'workflow') return workflowUpdateRefusal(doc, update, writer)
  if (room.kind === 'comments') return commentsUpdateRefusal(doc, update, writer)
  if (room.kind !== 'paper' || room.paperId === null) return null
  const status = readWorkflowStatus(loadDoc(workflowRoom(room.workspace, room.paperId)))
  return isLocked(status)
    ? `The paper is ${status}: its text and details are locked until the coordinator reopens it as a draft.`
    : null
}
