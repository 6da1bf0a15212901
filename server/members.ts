import type Database from 'better-sqlite3'
import { isValidId, type Role } from '../shared/protocol/index.ts'
import { hashToken, newId, newToken } from './tokens.ts'

/** A workspace as stored on the relay. */
export type Workspace = { id: string; name: string; createdAt: number }

/** A member of one workspace; `revokedAt` is set once their token stops working. */
export type Member = {
  id: string
  workspace: string
  name: string
  organisation: string
  role: Role
  createdAt: number
  revokedAt: number | null
}

/** What authenticating a token found. */
export type Authentication =
  { status: 'ok'; member: Member } | { status: 'unknown' } | { status: 'revoked'; member: Member }

type MemberRow = {
  id: string
  workspace: string
  name: string
  organisation: string
  role: Role
  created_at: number
  revoked_at: number | null
}

const COLUMNS = 'id, workspace, name, organisation, role, created_at, revoked_at'

/** Workspaces, members and their token hashes, in the relay's store file. */
export class MemberDirectory {
  readonly #db: Database.Database
  readonly #now: () => number

  constructor(db: Database.Database, now: () => number = Date.now) {
    this.#db = db
    this.#now = now
  }

  createWorkspace(name: string, id: string = newId('w')): Workspace {
    if (!isValidId(id)) throw new RangeError(`Not a valid workspace id: ${id}`)
    const createdAt = this.#now()
    this.#db
      .prepare('INSERT INTO workspaces (id, name, created_at) VALUES (?, ?, ?)')
      .run(id, name, createdAt)
    return { id, name, createdAt }
  }

  workspace(id: string): Workspace | null {
    const row = this.#db
      .prepare('SELECT id, name, created_at AS createdAt FROM workspaces WHERE id = ?')
      .get(id) as Workspace | undefined
    return row ?? null
  }

  listWorkspaces(): Workspace[] {
    return this.#db
      .prepare('SELECT id, name, created_at AS createdAt FROM workspaces ORDER BY created_at, id')
      .all() as Workspace[]
  }

  /** Creates a member and returns them with their token, which is never retrievable again. */
  invite(fields: Omit<Member, 'id' | 'createdAt' | 'revokedAt'>): {
    member: Member
    token: string
  } {
    const token = newToken()
    const member: Member = { ...fields, id: newId('m'), createdAt: this.#now(), revokedAt: null }
    this.#db
      .prepare(
        `INSERT INTO members (id, workspace, name, organisation, role, token_hash, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        member.id,
        member.workspace,
        member.name,
        member.organisation,
        member.role,
        hashToken(token),
        member.createdAt,
      )
    return { member, token }
  }

  member(id: string): Member | null {
    const row = this.#db.prepare(`SELECT ${COLUMNS} FROM members WHERE id = ?`).get(id)
    return row === undefined ? null : toMember(row as MemberRow)
  }

  listMembers(workspace: string): Member[] {
    const rows = this.#db
      .prepare(`SELECT ${COLUMNS} FROM members WHERE workspace = ? ORDER BY created_at, id`)
      .all(workspace) as MemberRow[]
    return rows.map(toMember)
  }

  /** Marks the member revoked; returns null when there is no such member. Idempotent. */
  revoke(id: string): Member | null {
    this.#db
      .prepare('UPDATE members SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
      .run(this.#now(), id)
    return this.member(id)
  }

  /** Ids of every revoked member (the relay compares them with its live connections). */
  revokedIds(): Set<string> {
    const rows = this.#db.prepare('SELECT id FROM members WHERE revoked_at IS NOT NULL').all() as {
      id: string
    }[]
    return new Set(rows.map((r) => r.id))
  }

  authenticate(token: string): Authentication {
    const row = this.#db
      .prepare(`SELECT ${COLUMNS} FROM members WHERE token_hash = ?`)
      .get(hashToken(token)) as MemberRow | undefined
    if (row === undefined) return { status: 'unknown' }
    const member = toMember(row)
    return member.revokedAt === null ? { status: 'ok', member } : { status: 'revoked', member }
  }
}

function toMember(row: MemberRow): Member {
  return {
    id: row.id,
    workspace: row.workspace,
    name: row.name,
    organisation: row.organisation,
    role: row.role,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  }
}
