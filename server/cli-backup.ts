import { existsSync, renameSync, rmSync, statSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { APPLICATION_ID, StoreError, UpdateStore } from '../shared/store/index.ts'
import { CommandError, requireString, UsageError, type Values } from './cli-args.ts'
import type { Output } from './cli-admin.ts'
import { relayExtension } from './relay-schema.ts'

/** Flags of `backup`, besides --data and --json. */
export const BACKUP_FLAGS = { out: { type: 'string' }, force: { type: 'boolean' } } as const

/** Flags of `restore`, besides --data and --json. */
export const RESTORE_FLAGS = { from: { type: 'string' } } as const

/** What a relay database holds, to say what a backup or a restore carried. */
type Contents = { workspaces: number; members: number; rooms: number; updates: number }

const SIDECARS = ['-wal', '-shm'] as const

/**
 * `backup --out F`: SQLite's online backup of the relay's database, safe while the relay serves
 * it. The pages are copied in one step, inside one read transaction: the copy is the database as
 * of one commit, so every change the relay had acknowledged when the step began is in it, and
 * writers are not held up meanwhile (WAL). The copy is checked and renamed into place, so F is
 * either a complete, sound backup or not there at all.
 */
export async function backup(values: Values): Promise<Output> {
  const data = requireString(values, 'data', 'the relay database, or SAMSTEMT_RELAY_DATA')
  const out = requireString(values, 'out', 'the file to write the backup to')
  if (!existsSync(data)) throw new CommandError(`There is no relay database at ${data}.`)
  if (!existsSync(dirname(out)))
    throw new CommandError(`The folder ${dirname(out)} does not exist; create it first.`)
  if (existsSync(out) && values.force !== true)
    throw new CommandError(
      `${out} exists already. Choose another name, or pass --force to replace it.`,
    )
  const partial = join(dirname(out), `.${basename(out)}.partial-${process.pid}`)
  const source = new Database(data, { fileMustExist: true, timeout: 5000 })
  try {
    await source.backup(partial, { progress: () => 0x7fffffff })
  } catch (error) {
    removeFile(partial)
    throw new CommandError(
      `The backup of ${data} failed: ${errorText(error)}. Nothing was written.`,
    )
  } finally {
    source.close()
  }
  let contents: Contents
  try {
    contents = sealBackup(partial)
  } catch (error) {
    removeFile(partial)
    throw error
  }
  renameSync(partial, out)
  const size = statSync(out).size
  return {
    json: { out, bytes: size, ...contents },
    text: `Backed up ${data} to ${out} (${formatBytes(size)}): ${describe(contents)}.`,
  }
}

/**
 * `restore --from F`: puts a backup in place of the relay's database. The relay must be stopped;
 * the database it replaces is moved aside, never deleted. Partners' apps send what the backup
 * lacks (their changes since) when they reconnect.
 */
export async function restore(values: Values): Promise<Output> {
  const data = requireString(values, 'data', 'the relay database, or SAMSTEMT_RELAY_DATA')
  const from = requireString(values, 'from', 'the backup file to restore')
  if (!existsSync(from)) throw new CommandError(`There is no backup at ${from}.`)
  const contents = inspectBackup(from)
  if (!existsSync(dirname(data)))
    throw new CommandError(`The folder ${dirname(data)} does not exist; create it first.`)
  const movedTo = existsSync(data) ? moveAside(data) : null
  const backupFile = new Database(from, { readonly: true, fileMustExist: true })
  try {
    await backupFile.backup(data, { progress: () => 0x7fffffff })
  } catch (error) {
    throw new CommandError(
      `Restoring ${from} failed: ${errorText(error)}.${movedTo ? ` The previous database is at ${movedTo}.` : ''}`,
    )
  } finally {
    backupFile.close()
  }
  // Opened as the relay opens it: WAL and the schema brought up to date for this version.
  const store = UpdateStore.open(data, { extensions: [relayExtension], onUnusable: 'throw' })
  await store.close()
  const previous = movedTo ? ` The database it replaced is at ${movedTo}.` : ''
  return {
    json: { data, from, movedTo, ...contents },
    text: `Restored ${data} from ${from}: ${describe(contents)}.${previous} Start the relay; partners' apps send what the backup lacks when they reconnect.`,
  }
}

/** Checks the fresh copy and makes it one self-contained file (no -wal beside it). */
function sealBackup(file: string): Contents {
  const db = new Database(file, { fileMustExist: true })
  try {
    const check = db.pragma('integrity_check(1)', { simple: true })
    if (check !== 'ok')
      throw new CommandError(`The backup did not pass SQLite's integrity check: ${String(check)}.`)
    db.pragma('journal_mode = DELETE')
    return count(db)
  } finally {
    db.close()
  }
}

/** A backup is restored only when it is a sound relay database. */
function inspectBackup(file: string): Contents {
  let db: Database.Database
  try {
    db = new Database(file, { readonly: true, fileMustExist: true })
  } catch (error) {
    throw new CommandError(`${file} cannot be opened: ${errorText(error)}.`)
  }
  try {
    const applicationId = db.pragma('application_id', { simple: true }) as number
    const hasMembers = db
      .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'members'")
      .get()
    if (applicationId !== APPLICATION_ID || hasMembers === undefined)
      throw new CommandError(`${file} is not a backup of a Samstemt relay; nothing was changed.`)
    const check = db.pragma('integrity_check(1)', { simple: true })
    if (check !== 'ok')
      throw new CommandError(`${file} is damaged (${String(check)}); nothing was changed.`)
    return count(db)
  } catch (error) {
    if (error instanceof CommandError) throw error
    throw new CommandError(
      `${file} is not a readable relay backup (${errorText(error)}); nothing was changed.`,
    )
  } finally {
    db.close()
  }
}

/**
 * Moves the current database aside for a restore. A relay that has it open keeps it in WAL mode:
 * SQLite switches a WAL database to another journal mode only when no other connection has it
 * open, so a refused switch means a relay (or another command) is using it right now.
 */
function moveAside(data: string): string {
  const db = new Database(data, { fileMustExist: true, timeout: 0 })
  let mode: unknown
  try {
    mode = db.pragma('journal_mode = DELETE', { simple: true })
  } catch {
    mode = 'busy'
  } finally {
    db.close()
  }
  if (mode !== 'delete')
    throw new CommandError(
      `A relay (or another command) has ${data} open. Stop the relay first (systemctl stop samstemt-relay, or docker compose stop relay), then restore.`,
    )
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  let movedTo = `${data}.before-restore-${stamp}`
  for (let n = 2; existsSync(movedTo); n++) movedTo = `${data}.before-restore-${stamp}-${n}`
  renameSync(data, movedTo)
  for (const suffix of SIDECARS)
    if (existsSync(data + suffix)) renameSync(data + suffix, movedTo + suffix)
  return movedTo
}

function count(db: Database.Database): Contents {
  const n = (table: string) =>
    (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
  return {
    workspaces: n('workspaces'),
    members: n('members'),
    rooms: n('docs'),
    updates: n('updates'),
  }
}

function describe(c: Contents): string {
  return `${c.workspaces} workspaces, ${c.members} members, ${c.rooms} rooms, ${c.updates} updates not yet compacted`
}

function formatBytes(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${(bytes / 1024).toFixed(1)} KiB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}

function removeFile(file: string): void {
  rmSync(file, { force: true })
  for (const suffix of SIDECARS) rmSync(file + suffix, { force: true })
}

function errorText(error: unknown): string {
  if (error instanceof StoreError || error instanceof UsageError) return error.message
  return error instanceof Error ? error.message : String(error)
}
