import { existsSync } from 'node:fs'
import Database from 'better-sqlite3'
import { toStoreError } from './errors.ts'
import { moveAside, openDatabase } from './open-database.ts'
import type { StoreExtension } from './schema.ts'

/** What `salvageDatabase` did. */
export type Salvage = {
  /** Where the damaged file now is (nothing was deleted). */
  movedTo: string
  /** Rows copied into the new file, and rows (or runs of them) that could not be read, per table. */
  tables: Record<string, { copied: number; unreadable: number }>
  message: string
}

/** Rows read per query; a query that fails is retried further on. */
const CHUNK = 256

/**
 * Moves a damaged database aside and starts a new one at `file` holding every row of the old one
 * that SQLite can still reach: each table is read in rowid order, and a run of rows on a damaged
 * page (or under a damaged page of the table's tree) is stepped over. Update rows whose doc row is lost are left out (their doc has no name). The old
 * file stays, renamed, for the operator or a specialist tool.
 */
export function salvageDatabase(
  file: string,
  extensions: readonly StoreExtension[] = [],
  now: () => number = Date.now,
): Salvage {
  if (!existsSync(file)) {
    throw toStoreError(Object.assign(new Error('no such file'), { code: 'ENOENT' }), file)
  }
  const { movedTo } = moveAside(file, 'corrupt', now())
  const fresh = openDatabase(file, extensions, now, 'throw').db
  const tables: Salvage['tables'] = {}
  let old: Database.Database | null = null
  try {
    old = new Database(movedTo, { fileMustExist: true })
    const names = listTables(old)
    const target = fresh
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as { name: string }[]
    const docIds = new Set<number>()
    // docs before updates, so that updates of docs whose row is lost can be left out.
    const order = target
      .map((t) => t.name)
      .filter((name) => name !== 'extensions' && names.has(name))
      .sort((a, b) => rank(a) - rank(b))
    for (const table of order) {
      tables[table] = copyTable(old, fresh, table, (row) => {
        if (table === 'docs') docIds.add(row.id as number)
        return table !== 'updates' || docIds.has(row.doc_id as number)
      })
    }
  } catch {
    // Not even the list of tables can be read: the new database stays empty.
    tables['(schema)'] = { copied: 0, unreadable: 1 }
  } finally {
    old?.close()
    fresh.close()
  }
  const copied = Object.values(tables).reduce((n, t) => n + t.copied, 0)
  const unreadable = Object.values(tables).reduce((n, t) => n + t.unreadable, 0)
  return {
    movedTo,
    tables,
    message: `${file} was damaged. It was moved to ${movedTo} (nothing was deleted); a new database holds the ${copied} rows that could be read (${unreadable} unreadable runs were left out).`,
  }
}

function rank(table: string): number {
  return table === 'docs' ? 0 : table === 'updates' ? 1 : 2
}

function listTables(db: Database.Database): Set<string> {
  const rows = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as {
    name: string
  }[]
  return new Set(rows.map((row) => row.name))
}

function copyTable(
  from: Database.Database,
  to: Database.Database,
  table: string,
  keep: (row: Record<string, unknown>) => boolean,
): { copied: number; unreadable: number } {
  const columns = (to.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map(
    (c) => c.name,
  )
  const present = new Set(
    (from.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name),
  )
  const shared = columns.filter((name) => present.has(name))
  const list = shared.map((name) => `"${name}"`).join(', ')
  const select = from.prepare(
    `SELECT rowid AS _rowid_, ${list} FROM "${table}" WHERE rowid > ? ORDER BY rowid LIMIT ${CHUNK}`,
  )
  const insert = to.prepare(
    `INSERT OR IGNORE INTO "${table}" (${list}) VALUES (${shared.map(() => '?').join(', ')})`,
  )
  let copied = 0
  let unreadable = 0
  let after = -1
  for (;;) {
    let rows: Record<string, unknown>[]
    try {
      rows = select.all(after) as Record<string, unknown>[]
    } catch {
      unreadable++
      const next = stepOver(select, after)
      if (next === null) break
      after = next
      continue
    }
    if (rows.length === 0) break
    to.transaction(() => {
      for (const row of rows) {
        if (!keep(row)) continue
        insert.run(...shared.map((name) => row[name]))
        copied++
      }
    })()
    after = rows[rows.length - 1]?._rowid_ as number
  }
  return { copied, unreadable }
}

/** The first rowid past `after` from which reading works again, or null when none does. */
function stepOver(select: Database.Statement, after: number): number | null {
  const works = (start: number) => {
    try {
      select.all(start)
      return true
    } catch {
      return false
    }
  }
  let step = 1
  while (step <= 2 ** 42 && !works(after + step)) step *= 2
  if (step > 2 ** 42) return null
  // Narrow it down, so that rows just past the damaged run are not skipped too.
  let failing = after + step / 2
  let working = after + step
  while (working - failing > 1) {
    const middle = Math.floor((failing + working) / 2)
    if (works(middle)) working = middle
    else failing = middle
  }
  return working
}
