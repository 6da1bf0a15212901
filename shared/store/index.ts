export { StoreError, type StoreErrorCode } from './errors.ts'
export type { Recovery } from './open-database.ts'
export { APPLICATION_ID, type StoreExtension } from './schema.ts'
export {
  UpdateStore,
  type AppendOptions,
  type AuditEntry,
  type CompactionResult,
  type DocInfo,
  type StoredDoc,
  type UpdateStoreOptions,
} from './update-store.ts'
export { salvageDatabase, type Salvage } from './salvage-file.ts'
