export {
  CONTENT,
  MAX_CLIENT,
  MAX_CLOCK,
  MAX_VALUE_DEPTH,
  MalformedUpdate,
  depthExceeds,
  parseUpdate,
  type DeleteRange,
  type ParsedBlock,
  type ParsedGc,
  type ParsedItem,
  type ParsedUpdate,
  type StructId,
} from './parse.ts'
export { judgeUpdate, type Judgement, type Owner } from './judge.ts'
export { loadStored, type Salvaged, type StoredUpdates } from './salvage.ts'
