export {
  commentsRoom,
  formatRoom,
  indexRoom,
  isValidId,
  paperRoom,
  parseRoom,
  workflowRoom,
  type ParsedRoom,
  type RoomKind,
} from './rooms.ts'
export {
  ROLES,
  composeGuards,
  isRole,
  writeRefusal,
  type Role,
  type WriteContext,
  type WriteGuard,
  type Writer,
} from './roles.ts'
export {
  CLOSE_REASONS,
  CloseCode,
  DURABLE_PARAM,
  TOKEN_PARAM,
  isFinalClose,
  messageAuth,
  messageAwareness,
  messageDurable,
  messageQueryAwareness,
  messageSync,
  type CloseCodeName,
} from './messages.ts'
export {
  decodeDurable,
  encodeDurable,
  isCommitted,
  readDurable,
  uncommittedCount,
} from './durable.ts'
export { formatInviteLink, parseInviteLink, type Invite } from './invite-link.ts'
export { relaySecurity, type RelaySecurity } from './relay-security.ts'
