export type { Problem, Read, Written } from './validate.ts'
export {
  BODY_FIELD,
  PAPER_LANGUAGES,
  PAPER_STATUSES,
  observePaperMeta,
  paperBody,
  readPaperMeta,
  writePaperMeta,
  type PaperLanguage,
  type PaperCreated,
  type PaperMeta,
  type PaperStatus,
} from './paper.ts'
export {
  observePapers,
  readPapers,
  removePaperSummary,
  upsertPaperSummary,
  type PaperSummary,
} from './workspace-index.ts'
export {
  anchoredText,
  createAnchor,
  createAnchorBetween,
  decodeAnchor,
  isAnchorPending,
  resolveAnchor,
  type Anchor,
  type DecodedAnchor,
  type ResolvedAnchor,
  type TextPoint,
} from './anchor.ts'
export {
  THREAD_STATES,
  observeThreads,
  readThread,
  readThreads,
  type Author,
  type Reply,
  type Suggestion,
  type Thread,
  type ThreadState,
} from './comments.ts'
export {
  addReply,
  addThread,
  deleteComment,
  editComment,
  reopenThread,
  resolveThread,
  type CommentRef,
  type NewReply,
  type NewThread,
} from './comment-writes.ts'
export { positionPaperTemplate, templateHeadings } from './template.ts'
export { bodyExtensions, bodySchema } from './schema.ts'
export { readBodyJSON, writeTemplateToBody } from './body.ts'
export { initPaper } from './new-paper.ts'
export { SUGGESTION_OUTCOMES, type SuggestionDecision, type SuggestionOutcome } from './comments.ts'
export {
  decideSuggestion,
  decideTracked,
  type NewDecision,
  type TrackedRef,
} from './comment-writes.ts'
export { waitingCommentIds, waitingComments } from './comment-sync.ts'
export {
  canonicalJson,
  contentHash,
  hashCanonical,
  isCanonicalContent,
  parsePaperContent,
  type PaperContent,
} from './canonical.ts'
export { paperContent } from './canonical-paper.ts'
export {
  endorsementKey,
  endorsementStates,
  isLocked,
  observeWorkflow,
  readWorkflow,
  readWorkflowStatus,
  type Endorsement,
  type EndorsementState,
  type Override,
  type StatusChange,
  type Version,
  type Workflow,
} from './workflow.ts'
export {
  changeStatus,
  endorse,
  saveVersion,
  statusMoves,
  withdrawEndorsement,
  type EndorsementRef,
  type NewEndorsement,
  type NewStatus,
  type NewVersion,
} from './workflow-writes.ts'
export { declareRoots } from './roots.ts'
export { restoreVersion } from './workflow-restore.ts'
export {
  calendarDateOf,
  fromDay,
  isCalendarDate,
  toDay,
  today,
  type CalendarDate,
} from './calendar-date.ts'
export {
  READINESS_CHECKS,
  SUGGESTION_SOURCES,
  commentSuggestions,
  readinessFindings,
  type Finding,
  type ReadinessCheck,
  type ReadinessInput,
  type SuggestionSource,
} from './readiness.ts'
export {
  TEMPLATE_SECTIONS,
  TemplateStructure,
  guidanceCount,
  isTemplateSection,
  type TemplateSection,
} from './template-structure.ts'
export {
  SUGGEST_DELETE,
  SUGGEST_FORMAT,
  SUGGEST_INSERT,
  SUGGEST_JOIN,
  SUGGEST_SPLIT,
  acceptTracked,
  all as allTracked,
  byId as trackedById,
  byMember as trackedByMember,
  isAuthor as isTrackedAuthor,
  listTracked,
  rejectTracked,
  type TrackedAuthor,
  type TrackedKind,
  type TrackedSuggestion,
  type Which,
} from './tracked.ts'
