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
    (db) => {
      db.exec(`
        -- A member's credentials, apart from the member: invite tokens (claimed once, or until
        -- they expire) and the session tokens the app stores. Hashes only, as before.
        CREATE TABLE tokens (
          hash TEXT PRIMARY KEY,
          member TEXT NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('invite', 'session')),
          created_at INTEGER NOT NULL,
          expires_at INTEGER,
          single_use INTEGER NOT NULL DEFAULT 1,
          used_at INTEGER,
          revoked_at INTEGER
        ) STRICT;
        CREATE INDEX tokens_by_member ON tokens (member);
        -- Tokens from before: they were used directly, as sessions are now.
        INSERT INTO tokens (hash, member, kind, created_at)
          SELECT token_hash, id, 'session', created_at FROM members;
        -- Rebuild members without its token column (SQLite cannot drop a UNIQUE column).
        CREATE TABLE members_new (
          id TEXT PRIMARY KEY,
          workspace TEXT NOT NULL REFERENCES workspaces (id),
          name TEXT NOT NULL,
          organisation TEXT NOT NULL,
          role TEXT NOT NULL CHECK (role IN ('coordinator', 'editor', 'reviewer')),
          created_at INTEGER NOT NULL,
          revoked_at INTEGER,
          last_seen_at INTEGER,
          -- Bumped on every change: a running relay polls it to apply changes made elsewhere.
          changed_at INTEGER NOT NULL DEFAULT 0
        ) STRICT;
        INSERT INTO members_new (id, workspace, name, organisation, role, created_at, revoked_at)
          SELECT id, workspace, name, organisation, role, created_at, revoked_at FROM members;
        DROP INDEX members_by_workspace;
        DROP TABLE members;
        ALTER TABLE members_new RENAME TO members;
        CREATE INDEX members_by_workspace ON members (workspace, created_at);
        CREATE INDEX members_by_change ON members (changed_at);
        -- Who did what to the workspace's members, through the admin API or the CLI.
        CREATE TABLE member_audit (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          workspace TEXT NOT NULL,
          actor TEXT NOT NULL,
          action TEXT NOT NULL,
          target TEXT,
          detail TEXT,
          at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX member_audit_by_workspace ON member_audit (workspace, seq);
        -- The key connection tickets are signed with, made once per database.
        CREATE TABLE relay_keys (name TEXT PRIMARY KEY, value BLOB NOT NULL) STRICT;
      `)
    },
  ],
}
