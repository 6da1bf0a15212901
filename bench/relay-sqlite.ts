// Hocuspocus's SQLite table for the relay benchmark: @hocuspocus/extension-sqlite needs the
// native sqlite3 module, which cannot be built here, so its database extension stores through
// better-sqlite3 instead, with the same durability settings as our store.
import Database from 'better-sqlite3'

/** The whole document state per name, rewritten by each (debounced) store. */
const SCHEMA =
  'CREATE TABLE IF NOT EXISTS documents (name TEXT PRIMARY KEY, data BLOB NOT NULL) STRICT'

/** WAL and an fsync on every commit, as shared/store does. */
export function openHocuspocusDb(file: string): Database.Database {
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.exec(SCHEMA)
  return db
}
