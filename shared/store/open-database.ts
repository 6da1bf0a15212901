import { existsSync, renameSync } from 'node:fs'
import Database from 'better-sqlite3'
import { StoreError, toStoreError } from './errors.ts'
import { APPLICATION_ID, CORE_MIGRATIONS, CORE_VERSION, type StoreExtension } from './schema.ts'

/** What happened to a database file that could not be used: it was moved aside, never overwritten. */
export type Recovery = {
  reason: 'corrupt' | 'foreign'
  /** Where the unusable file now is. */
  movedTo: string
  message: string
}

export type OpenedDatabase = { db: Database.Database; recovery: Recovery | null }

const SIDECARS = ['-wal', '-shm'] as const

/**
 * Opens (or creates) a Samstemt database at `file` and brings its schema up to date.
 * A damaged or foreign file is renamed to `<file>.corrupt-<time>` or `<file>.foreign-<time>`
 * and a new database is started in its place; the caller reports `recovery` to the user.
 */
export function openDatabase(
  file: string,
  extensions: readonly StoreExtension[] = [],
  now: () => number = Date.now,
  onUnusable: 'move-aside' | 'throw' = 'move-aside',
): OpenedDatabase {
  let recovery: Recovery | null = null
  let db = connect(file)
  const verdict = inspect(db, file)
  if (verdict !== 'ours' && verdict !== 'empty') {
    db.close()
    if (onUnusable === 'throw') throw unusable(file, verdict)
    recovery = moveAside(file, verdict, now())
    db = connect(file)
  }
  refuseNewer(db)
  configure(db, file)
  try {
    migrate(db, extensions)
  } catch (error) {
    db.close()
    throw toStoreError(error, file)
  }
  return { db, recovery }
}

function connect(file: string): Database.Database {
  try {
    return new Database(file)
  } catch (error) {
    throw toStoreError(error, file)
  }
}

/** Settings that write to the file: applied only once we know the file is ours or new. */
function configure(db: Database.Database, file: string): void {
  try {
    db.pragma('busy_timeout = 5000')
    // Takes effect on a new file only; lets compaction hand freed pages back to the disk.
    db.pragma('auto_vacuum = INCREMENTAL')
    db.pragma('journal_mode = WAL')
    // FULL: a commit is on disk (WAL fsynced) before we acknowledge it; "saved" must mean saved.
    db.pragma('synchronous = FULL')
  } catch (error) {
    db.close()
    throw toStoreError(error, file)
  }
}

type Verdict = 'ours' | 'empty' | 'corrupt' | 'foreign'

function inspect(db: Database.Database, file: string): Verdict {
  try {
    const applicationId = db.pragma('application_id', { simple: true }) as number
    const tables = db
      .prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'")
      .get() as { n: number }
    if (applicationId === APPLICATION_ID) {
      const check = db.pragma('quick_check(1)', { simple: true })
      return check === 'ok' ? 'ours' : 'corrupt'
    }
    if (applicationId === 0 && tables.n === 0) return 'empty'
    return 'foreign'
  } catch (error) {
    if (isUnreadable(error)) return 'corrupt'
    throw toStoreError(error, file)
  }
}

function isUnreadable(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code ?? ''
  return code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')
}

function unusable(file: string, reason: 'corrupt' | 'foreign'): StoreError {
  return reason === 'corrupt'
    ? new StoreError('corrupt', `${file} is damaged and cannot be read as a Samstemt database.`)
    : new StoreError(
        'foreign',
        `${file} is a database of another program, not Samstemt's. Check the path; nothing was changed.`,
      )
}

export function moveAside(file: string, reason: 'corrupt' | 'foreign', at: number): Recovery {
  const stamp = new Date(at).toISOString().replace(/[:.]/g, '-')
  let movedTo = `${file}.${reason}-${stamp}`
  for (let n = 2; existsSync(movedTo); n++) movedTo = `${file}.${reason}-${stamp}-${n}`
  try {
    renameSync(file, movedTo)
    for (const suffix of SIDECARS) {
      if (existsSync(file + suffix)) renameSync(file + suffix, movedTo + suffix)
    }
  } catch (error) {
    throw toStoreError(error, file)
  }
  const what = reason === 'corrupt' ? 'is damaged' : 'belongs to another program, not to Samstemt'
  return {
    reason,
    movedTo,
    message: `${file} ${what}. It was moved to ${movedTo} (nothing was deleted) and a new, empty database was started.`,
  }
}

/** A file from a newer Samstemt is left exactly as it is: not migrated, not even reconfigured. */
function refuseNewer(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number
  if (version <= CORE_VERSION) return
  db.close()
  throw new StoreError(
    'newer-schema',
    `${db.name} was written by a newer Samstemt (schema ${version}, this one knows ${CORE_VERSION}). Update Samstemt to open it.`,
  )
}

function migrate(db: Database.Database, extensions: readonly StoreExtension[]): void {
  const version = db.pragma('user_version', { simple: true }) as number
  db.transaction(() => {
    for (let v = version; v < CORE_VERSION; v++) CORE_MIGRATIONS[v]?.(db)
    db.pragma(`application_id = ${APPLICATION_ID}`)
    db.pragma(`user_version = ${CORE_VERSION}`)
    for (const extension of extensions) migrateExtension(db, extension)
  }).immediate()
}

function migrateExtension(db: Database.Database, extension: StoreExtension): void {
  const row = db.prepare('SELECT version FROM extensions WHERE name = ?').get(extension.name) as
    { version: number } | undefined
  const current = row?.version ?? 0
  const target = extension.migrations.length
  if (current > target) {
    throw new StoreError(
      'newer-schema',
      `${db.name} holds ${extension.name} data from a newer Samstemt (schema ${current}, this one knows ${target}). Update Samstemt to open it.`,
    )
  }
  for (let v = current; v < target; v++) extension.migrations[v]?.(db)
  db.prepare(
    'INSERT INTO extensions (name, version) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET version = excluded.version',
  ).run(extension.name, target)
}
