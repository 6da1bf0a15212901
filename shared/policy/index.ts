export {
  commentsChangeRefusal,
  isOwn,
  replyRights,
  threadChangeRefusal,
  threadRights,
  type CommentsContext,
  type ThreadRights,
  type Viewer,
} from './comments.ts'
export { writesAs, writesBody, type Member } from './members.ts'
export { canWrite } from './rooms.ts'
export {
  workflowChangeRefusal,
  workflowRights,
  type WorkflowContext,
  type WorkflowRights,
} from './workflow.ts'
