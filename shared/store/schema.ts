import type Database from 'better-sqlite3'

/** Marks a SQLite file as Samstemt's ("SMST"), so a foreign database is never mistaken for ours. */
export const APPLICATION_ID = 0x534d5354

/** A named set of tables with its own migrations, versioned apart from the core update log. */
export type StoreExtension = {
  name: string
  /** migrations[i] brings the extension from version i to i + 1. Never edit a released one. */
  migrations: ReadonlyArray<(db: Database.Database) => void>
}

/** The core schema. migrations[i] brings `user_version` from i to i + 1. */
export const CORE_MIGRATIONS: ReadonlyArray<(db: Database.Database) => void> = [
  (db) => {
    db.exec(`
      CREATE TABLE docs (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        snapshot BLOB,
        snapshot_seq INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      -- AUTOINCREMENT: a seq is never reused after compaction deletes rows, so
      -- "seq <= snapshot_seq" can never cover an update appended later.
      CREATE TABLE updates (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        doc_id INTEGER NOT NULL,
        data BLOB NOT NULL
      );
      CREATE INDEX updates_by_doc ON updates (doc_id, seq);
      -- Who sent which update; compaction never touches it.
      CREATE TABLE audit (
        seq INTEGER PRIMARY KEY,
        doc TEXT NOT NULL,
        origin TEXT NOT NULL,
        at INTEGER NOT NULL,
        bytes INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX audit_by_doc ON audit (doc, seq);
      CREATE TABLE extensions (
        name TEXT PRIMARY KEY,
        version INTEGER NOT NULL
      ) STRICT;
    `)
  },
  (db) => {
    db.exec(`
      -- Which origin (a member, on the relay) first wrote under each Yjs client id of a doc: only
      -- that origin may write under it again. Compaction never touches it.
      CREATE TABLE claims (
        doc TEXT NOT NULL,
        client INTEGER NOT NULL,
        origin TEXT NOT NULL,
        at INTEGER NOT NULL,
        UNIQUE (doc, client)
      ) STRICT;
    `)
  },
]

export const CORE_VERSION = CORE_MIGRATIONS.length
