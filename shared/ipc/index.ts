export type {
  AppInfo,
  Channel,
  ExportFormat,
  ExportProgress,
  ExportRequest,
  ExportSaved,
  ExportStage,
  HostError,
  HostEvent,
  HostEvents,
  HostHandlers,
  HostImplementation,
  InvitePreview,
  Request,
  Response,
  Result,
  SamstemtApi,
  Settings,
  SpellingLanguage,
  StoredUpdates,
  UpdateStatus,
  WorkspaceEntry,
} from './contract.ts'
export { isBytes, isPlainObject, type Check } from './checks.ts'
export {
  CHANNELS,
  EVENTS,
  LIMITS,
  invalidPayload,
  isChannel,
  isHostEvent,
  validateEvent,
  validateRequest,
  type ValidEvent,
  type ValidRequest,
} from './validate.ts'
export { fromWire, parseWire, stringifyWire, toWire } from './wire.ts'
export { EXPORT_FORMATS, EXPORT_STAGES, REDLINE_FORMATS } from './export-checks.ts'
