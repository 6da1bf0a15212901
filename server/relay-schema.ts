import type { StoreExtension } from '../shared/store/index.ts'

/** The relay's own tables, kept in the update store's file so one backup holds everything. */
export const relayExtension: StoreExtension = {
  name: 'relay',
  migrations: [
    (db) => {
      db.exec(`
        CREATE TABLE workspaces (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          created_at INTEGER NOT NULL
        ) STRICT;
        -- Only the SHA-256 of a token is kept: a stolen database grants no access.
        CREATE TABLE members (
          id TEXT PRIMARY KEY,
          workspace TEXT NOT NULL REFERENCES workspaces (id),
          name TEXT NOT NULL,
          organisation TEXT NOT NULL,
          role TEXT NOT NULL CHECK (role IN ('coordinator', 'editor', 'reviewer')),
          token_hash TEXT NOT NULL UNIQUE,
          created_at INTEGER NOT NULL,
          revoked_at INTEGER
        ) STRICT;
        CREATE INDEX members_by_workspace ON members (workspace, created_at);
      `)
    },
  ],
}
