import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type Database from 'better-sqlite3'
import type { ApiErrorCode, MemberSummary } from '../shared/protocol/admin.ts'
import { isValidId, type Role } from '../shared/protocol/index.ts'
import { hashToken, newId, newToken } from './tokens.ts'

/** A workspace as stored on the relay. */
export type Workspace = { id: string; name: string; createdAt: number }

/** A member of one workspace; `revokedAt` is set once their tokens stop working. */
export type Member = {
  id: string
  workspace: string
  name: string
  organisation: string
  role: Role
  createdAt: number
  revokedAt: number | null
}

/** What authenticating a session token found (invite tokens do not open sockets). */
export type Authentication =
  { status: 'ok'; member: Member } | { status: 'unknown' } | { status: 'revoked'; member: Member }

/** What a token is, for the invite endpoints: usable, or why not. */
export type TokenState =
  | { status: 'ok'; member: Member; kind: 'invite' | 'session' }
  | {
      status: Exclude<
        ApiErrorCode,
        'forbidden' | 'not-found' | 'last-coordinator' | 'invalid' | 'disabled'
      >
      member?: Member
    }

/** A refusal of a member change: the API's error code and a message for people. */
export class MemberChangeError extends Error {
  readonly code: ApiErrorCode
  constructor(code: ApiErrorCode, message: string) {
    super(message)
    this.name = 'MemberChangeError'
    this.code = code
  }
}

type MemberRow = {
  id: string
  workspace: string
  name: string
  organisation: string
  role: Role
  created_at: number
  revoked_at: number | null
  last_seen_at: number | null
}

type TokenRow = {
  member: string
  kind: 'invite' | 'session'
  expires_at: number | null
  single_use: number
  used_at: number | null
  revoked_at: number | null
}

const COLUMNS = 'id, workspace, name, organisation, role, created_at, revoked_at, last_seen_at'
/** How long a connection ticket lets the page connect. */
export const TICKET_MS = 10 * 60_000

/** Workspaces, members, their token hashes and the audit of member changes, in the relay's file. */
export class MemberDirectory {
  readonly #db: Database.Database
  readonly #now: () => number
  #ticketKey: Buffer | null = null

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

  /**
   * A member with a session token at once (no invite to claim): for tests, benchmarks and
   * scripts that connect stock clients directly. The token is never retrievable again.
   */
  add(fields: Omit<Member, 'id' | 'createdAt' | 'revokedAt'>): { member: Member; token: string } {
    return this.#create(fields, { kind: 'session', expiresAt: null, singleUse: false })
  }

  /**
   * An invited member and their invite token, which the app claims (`claim`) for a session token.
   * Single-use by default: once claimed it stops working; `expiresAt` ends it unclaimed.
   */
  invite(
    fields: Omit<Member, 'id' | 'createdAt' | 'revokedAt'>,
    options: { expiresAt?: number | null; singleUse?: boolean } = {},
  ): { member: Member; token: string } {
    return this.#create(fields, {
      kind: 'invite',
      expiresAt: options.expiresAt ?? null,
      singleUse: options.singleUse ?? true,
    })
  }

  #create(
    fields: Omit<Member, 'id' | 'createdAt' | 'revokedAt'>,
    token: { kind: 'invite' | 'session'; expiresAt: number | null; singleUse: boolean },
  ): { member: Member; token: string } {
    const secret = newToken()
    const now = this.#now()
    const member: Member = { ...fields, id: newId('m'), createdAt: now, revokedAt: null }
    this.#db.transaction(() => {
      this.#db
        .prepare(
          `INSERT INTO members (id, workspace, name, organisation, role, created_at, changed_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(member.id, member.workspace, member.name, member.organisation, member.role, now, now)
      this.#insertToken(secret, member.id, token)
    })()
    return { member, token: secret }
  }

  #insertToken(
    secret: string,
    member: string,
    token: { kind: 'invite' | 'session'; expiresAt: number | null; singleUse: boolean },
  ): void {
    this.#db
      .prepare(
        `INSERT INTO tokens (hash, member, kind, created_at, expires_at, single_use)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        hashToken(secret),
        member,
        token.kind,
        this.#now(),
        token.expiresAt,
        token.singleUse ? 1 : 0,
      )
  }

  member(id: string): Member | null {
    const row = this.#db.prepare(`SELECT ${COLUMNS} FROM members WHERE id = ?`).get(id)
    return row === undefined ? null : toMember(row as MemberRow)
  }

  listMembers(workspace: string): Member[] {
    return this.#rows(workspace).map(toMember)
  }

  #rows(workspace: string): MemberRow[] {
    return this.#db
      .prepare(`SELECT ${COLUMNS} FROM members WHERE workspace = ? ORDER BY created_at, id`)
      .all(workspace) as MemberRow[]
  }

  /** The member list as the app shows it: status from their tokens, last seen, invite expiry. */
  summaries(workspace: string): MemberSummary[] {
    const tokens = this.#db.prepare(
      `SELECT kind, expires_at, used_at, revoked_at FROM tokens WHERE member = ?`,
    )
    return this.#rows(workspace).map((row) => {
      const own = tokens.all(row.id) as Pick<
        TokenRow,
        'kind' | 'expires_at' | 'used_at' | 'revoked_at'
      >[]
      const claimed = own.some((t) => t.kind === 'session' || t.used_at !== null)
      const invite = own.find(
        (t) => t.kind === 'invite' && t.used_at === null && t.revoked_at === null,
      )
      return {
        id: row.id,
        name: row.name,
        organisation: row.organisation,
        role: row.role,
        status: row.revoked_at !== null ? 'revoked' : claimed ? 'active' : 'invited',
        lastSeen: row.last_seen_at,
        createdAt: row.created_at,
        inviteExpiresAt: claimed ? null : (invite?.expires_at ?? null),
      }
    })
  }

  summary(id: string): MemberSummary | null {
    const member = this.member(id)
    return member === null
      ? null
      : (this.summaries(member.workspace).find((m) => m.id === id) ?? null)
  }

  /** What a token is: an invite that can still be claimed, a session, or why it is neither. */
  inspect(token: string): TokenState {
    const row = this.#db
      .prepare(
        'SELECT member, kind, expires_at, single_use, used_at, revoked_at FROM tokens WHERE hash = ?',
      )
      .get(hashToken(token)) as TokenRow | undefined
    if (row === undefined) return { status: 'unknown-token' }
    const member = this.member(row.member)
    if (member === null) return { status: 'unknown-token' }
    if (member.revokedAt !== null || row.revoked_at !== null) return { status: 'revoked', member }
    if (row.kind === 'invite') {
      if (row.single_use === 1 && row.used_at !== null) return { status: 'used', member }
      if (row.expires_at !== null && row.expires_at <= this.#now())
        return { status: 'expired', member }
    }
    return { status: 'ok', member, kind: row.kind }
  }

  /** Opens a socket: session tokens only (an invite must be claimed first). */
  authenticate(token: string): Authentication {
    const state = this.inspect(token)
    if (state.status === 'ok' && state.kind === 'session')
      return { status: 'ok', member: state.member }
    if (state.status === 'revoked' && state.member)
      return { status: 'revoked', member: state.member }
    return { status: 'unknown' }
  }

  /**
   * Exchanges an invite token for a new session token (the invite is used up when single-use);
   * a session token is returned as it is, so links from before invites were claimed keep working.
   */
  claim(token: string): { member: Member; token: string } | TokenState {
    const state = this.inspect(token)
    if (state.status !== 'ok') return state
    if (state.kind === 'session') return { member: state.member, token }
    const session = newToken()
    this.#db.transaction(() => {
      this.#db
        .prepare('UPDATE tokens SET used_at = ? WHERE hash = ?')
        .run(this.#now(), hashToken(token))
      this.#insertToken(session, state.member.id, {
        kind: 'session',
        expiresAt: null,
        singleUse: false,
      })
      this.#touch(state.member.id)
    })()
    return { member: state.member, token: session }
  }

  /**
   * Gives a member a new role. The last active coordinator of a workspace keeps theirs, so a
   * workspace always has someone to manage it.
   */
  setRole(id: string, role: Role): Member {
    const member = this.#existing(id)
    if (member.role === 'coordinator' && role !== 'coordinator') this.#keepOneCoordinator(member)
    this.#db
      .prepare('UPDATE members SET role = ?, changed_at = ? WHERE id = ?')
      .run(role, this.#now(), id)
    return { ...member, role }
  }

  /** For the operator (CLI): a new role, even for the last coordinator. */
  setRoleUnchecked(id: string, role: Role): void {
    this.#existing(id)
    this.#db
      .prepare('UPDATE members SET role = ?, changed_at = ? WHERE id = ?')
      .run(role, this.#now(), id)
  }

  /** Revokes a member (their invite too, if unclaimed). Idempotent; the last coordinator stays. */
  revoke(id: string, options: { keepLastCoordinator?: boolean } = {}): Member | null {
    const member = this.member(id)
    if (member === null) return null
    if (member.revokedAt !== null) return member
    if (options.keepLastCoordinator && member.role === 'coordinator')
      this.#keepOneCoordinator(member)
    const now = this.#now()
    this.#db.transaction(() => {
      this.#db
        .prepare('UPDATE members SET revoked_at = ?, changed_at = ? WHERE id = ?')
        .run(now, now, id)
      this.#db
        .prepare('UPDATE tokens SET revoked_at = ? WHERE member = ? AND revoked_at IS NULL')
        .run(now, id)
    })()
    return this.member(id)
  }

  #existing(id: string): Member {
    const member = this.member(id)
    if (member === null || member.revokedAt !== null) {
      throw new MemberChangeError('not-found', `There is no active member ${id}.`)
    }
    return member
  }

  #keepOneCoordinator(member: Member): void {
    const others = this.#db
      .prepare(
        `SELECT count(*) AS n FROM members
         WHERE workspace = ? AND role = 'coordinator' AND revoked_at IS NULL AND id != ?`,
      )
      .get(member.workspace, member.id) as { n: number }
    if (others.n === 0) {
      throw new MemberChangeError(
        'last-coordinator',
        `${member.name} is the workspace's last coordinator. Make someone else a coordinator first.`,
      )
    }
  }

  #touch(id: string): void {
    this.#db.prepare('UPDATE members SET changed_at = ? WHERE id = ?').run(this.#now(), id)
  }

  /** Records connections: who was seen when (written in one go, a few times a minute). */
  markSeen(seen: ReadonlyMap<string, number>): void {
    if (seen.size === 0) return
    const update = this.#db.prepare('UPDATE members SET last_seen_at = ? WHERE id = ?')
    this.#db.transaction(() => {
      for (const [id, at] of seen) update.run(at, id)
    })()
  }

  /** Ids of every revoked member (the relay compares them with its live connections). */
  revokedIds(): Set<string> {
    const rows = this.#db.prepare('SELECT id FROM members WHERE revoked_at IS NOT NULL').all() as {
      id: string
    }[]
    return new Set(rows.map((r) => r.id))
  }

  /** The latest change to any member, and the members changed after `since`. */
  changedSince(since: number): { latest: number; members: Member[] } {
    const latest = (
      this.#db.prepare('SELECT coalesce(max(changed_at), 0) AS latest FROM members').get() as {
        latest: number
      }
    ).latest
    const rows = this.#db
      .prepare(`SELECT ${COLUMNS} FROM members WHERE changed_at > ?`)
      .all(since) as MemberRow[]
    return { latest, members: rows.map(toMember) }
  }

  /** Appends to the audit of member changes. */
  audit(workspace: string, actor: string, action: string, target: string | null, detail: unknown) {
    this.#db
      .prepare(
        'INSERT INTO member_audit (workspace, actor, action, target, detail, at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        workspace,
        actor,
        action,
        target,
        detail === undefined ? null : JSON.stringify(detail),
        this.#now(),
      )
  }

  auditLog(
    workspace: string,
  ): { actor: string; action: string; target: string | null; detail: unknown; at: number }[] {
    const rows = this.#db
      .prepare(
        'SELECT actor, action, target, detail, at FROM member_audit WHERE workspace = ? ORDER BY seq',
      )
      .all(workspace) as {
      actor: string
      action: string
      target: string | null
      detail: string | null
      at: number
    }[]
    return rows.map((row) => ({
      ...row,
      detail: row.detail === null ? null : JSON.parse(row.detail),
    }))
  }

  /** A connection ticket for a member: signed, valid for TICKET_MS, checked again at connect. */
  ticket(member: Member): { ticket: string; expiresAt: number } {
    const expiresAt = this.#now() + TICKET_MS
    const body = `${member.id}.${expiresAt}`
    return { ticket: `${body}.${this.#sign(body)}`, expiresAt }
  }

  /**
   * The member a ticket was issued to, or why it does not open a socket. A ticket that is not
   * (or no longer) valid here is `expired`: the app gets a new one with its token, which says
   * whether the member may still connect at all.
   */
  redeemTicket(ticket: string): Authentication | { status: 'expired' } {
    const parts = ticket.split('.')
    if (parts.length !== 3) return { status: 'expired' }
    const [id = '', expires = '', signature = ''] = parts
    const expected = Buffer.from(this.#sign(`${id}.${expires}`))
    const given = Buffer.from(signature)
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return { status: 'expired' }
    if (Number(expires) <= this.#now()) return { status: 'expired' }
    const member = this.member(id)
    if (member === null) return { status: 'unknown' }
    return member.revokedAt === null ? { status: 'ok', member } : { status: 'revoked', member }
  }

  #sign(body: string): string {
    return createHmac('sha256', this.#key()).update(body).digest('base64url')
  }

  #key(): Buffer {
    if (this.#ticketKey !== null) return this.#ticketKey
    this.#db
      .prepare("INSERT OR IGNORE INTO relay_keys (name, value) VALUES ('tickets', ?)")
      .run(randomBytes(32))
    const row = this.#db.prepare("SELECT value FROM relay_keys WHERE name = 'tickets'").get() as {
      value: Buffer
    }
    this.#ticketKey = row.value
    return row.value
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
