import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { useTempDir } from '../../test/helpers/temp-dir.ts'
import { StoreError, UpdateStore } from './index.ts'
import { CORE_VERSION } from './schema.ts'

const tempDir = useTempDir('samstemt-store-')

/** A replica whose every local update is appended to the store, as the desktop host does. */
function writer(store: UpdateStore, doc: string) {
  const ydoc = new Y.Doc()
  const acks: Promise<number>[] = []
  ydoc.on('update', (update: Uint8Array) => acks.push(store.append(doc, update)))
  return { ydoc, text: ydoc.getText('body'), acks }
}

function sameDoc(a: Y.Doc, b: Y.Doc) {
  expect(a.getText('body').toString()).toBe(b.getText('body').toString())
  expect(Y.encodeStateVector(a)).toEqual(Y.encodeStateVector(b))
}

describe('UpdateStore', () => {
  test('a doc loaded after reopening equals what was appended', async () => {
    const file = join(tempDir(), 'drafts.sqlite')
    const store = UpdateStore.open(file)
    const w = writer(store, 'ws/paper/p1')
    w.text.insert(0, 'Byene trenger ')
    w.text.insert(14, 'forutsigbar finansiering.')
    w.text.delete(0, 5)
    await Promise.all(w.acks)
    await store.close()

    const reopened = UpdateStore.open(file)
    sameDoc(reopened.load('ws/paper/p1'), w.ydoc)
    await reopened.close()
  })

  test('appends made in one event-loop turn share one commit and are acknowledged together', async () => {
    const store = UpdateStore.open(join(tempDir(), 'a.sqlite'))
    const w = writer(store, 'd')
    for (let i = 0; i < 50; i++) w.text.insert(i, 'x')
    expect(store.pendingCount).toBe(50)
    expect(await Promise.all(w.acks)).toEqual(Array.from({ length: 50 }, () => 50))
    expect(store.pendingCount).toBe(0)
    w.text.insert(0, 'next turn')
    expect(await w.acks[50]).toBe(51)
    await store.close()
  })

  test('an acknowledged append is visible to another connection at once', async () => {
    const file = join(tempDir(), 'a.sqlite')
    const store = UpdateStore.open(file)
    const w = writer(store, 'd')
    w.text.insert(0, 'durable')
    await Promise.all(w.acks)
    const other = new Database(file, { readonly: true })
    expect(other.prepare('SELECT count(*) AS n FROM updates').get()).toEqual({ n: 1 })
    other.close()
    await store.close()
  })

  test('compaction keeps the content and the state vector and empties the log', async () => {
    const file = join(tempDir(), 'a.sqlite')
    const store = UpdateStore.open(file, { compactionChunk: 7 })
    const w = writer(store, 'd')
    for (let i = 0; i < 100; i++) w.text.insert(i, String(i % 10))
    w.text.delete(10, 20)
    await Promise.all(w.acks)

    const result = await store.compact('d')
    expect(result).toMatchObject({ compacted: 101, swapped: true })
    expect(store.listDocs()[0]).toMatchObject({ name: 'd', updates: 0 })
    sameDoc(store.load('d'), w.ydoc)
    await store.close()
    const reopened = UpdateStore.open(file)
    sameDoc(reopened.load('d'), w.ydoc)
    await reopened.close()
  })

  test('an update appended while compaction runs is kept', async () => {
    const file = join(tempDir(), 'a.sqlite')
    const store = UpdateStore.open(file, { compactionChunk: 10 })
    const w = writer(store, 'd')
    for (let i = 0; i < 500; i++) w.text.insert(i, 'a')
    await Promise.all(w.acks)

    // compact() reads the log at once, then yields between chunks while the append commits.
    const compaction = store.compact('d')
    w.text.insert(0, 'LATE')
    const result = await compaction
    expect(result.compacted).toBe(500)
    await Promise.all(w.acks)

    expect(store.read('d').updates).toHaveLength(1)
    await store.close()
    const reopened = UpdateStore.open(file)
    sameDoc(reopened.load('d'), w.ydoc)
    expect(reopened.load('d').getText('body').toString().startsWith('LATE')).toBe(true)
    await reopened.close()
  })

  test('many docs live in one file; they are listed and deleted one by one', async () => {
    const store = UpdateStore.open(join(tempDir(), 'a.sqlite'))
    const names = ['ws/index', 'ws/paper/a', 'ws/paper/a/comments', 'ws/paper/b']
    const writers = names.map((name) => writer(store, name))
    writers.forEach((w, i) => w.text.insert(0, `doc ${i}`))
    await Promise.all(writers.flatMap((w) => w.acks))

    expect(store.listDocs().map((d) => d.name)).toEqual([...names].sort())
    await store.deleteDoc('ws/paper/a')
    expect(store.listDocs().map((d) => d.name)).toEqual([
      'ws/index',
      'ws/paper/a/comments',
      'ws/paper/b',
    ])
    expect(store.has('ws/paper/a')).toBe(false)
    expect(store.load('ws/paper/a').getText('body').toString()).toBe('')
    expect(store.load('ws/paper/b').getText('body').toString()).toBe('doc 3')
    await store.close()
  })

  test('a doc deleted while it is being compacted stays deleted', async () => {
    const store = UpdateStore.open(join(tempDir(), 'a.sqlite'), { compactionChunk: 5 })
    const w = writer(store, 'd')
    for (let i = 0; i < 100; i++) w.text.insert(0, 'z')
    await Promise.all(w.acks)
    const compaction = store.compact('d')
    await store.deleteDoc('d')
    expect(await compaction).toMatchObject({ swapped: false })
    expect(store.has('d')).toBe(false)
    await store.close()
  })

  test('the audit log records who sent each update and outlives compaction', async () => {
    const store = UpdateStore.open(join(tempDir(), 'a.sqlite'), { now: () => 1_700_000_000_000 })
    const doc = new Y.Doc()
    const acks: Promise<number>[] = []
    doc.on('update', (u: Uint8Array) => acks.push(store.append('d', u, { origin: 'member-kari' })))
    doc.getText('body').insert(0, 'hei')
    await store.append('d', Y.encodeStateAsUpdate(new Y.Doc()))
    await Promise.all(acks)
    await store.compact('d')
    expect(store.audit('d')).toEqual([
      { seq: 1, doc: 'd', origin: 'member-kari', at: 1_700_000_000_000, bytes: expect.any(Number) },
    ])
    await store.close()
  })

  test('appending to a closed store is refused with a clear error', async () => {
    const store = UpdateStore.open(join(tempDir(), 'a.sqlite'))
    await store.close()
    await expect(store.append('d', new Uint8Array([0, 0]))).rejects.toMatchObject({
      code: 'closed',
    })
  })
})

describe('opening a database file', () => {
  test('sets the schema version and marks the file as Samstemt’s', async () => {
    const file = join(tempDir(), 'a.sqlite')
    await UpdateStore.open(file).close()
    const db = new Database(file, { readonly: true })
    expect(db.pragma('user_version', { simple: true })).toBe(CORE_VERSION)
    expect(db.pragma('application_id', { simple: true })).toBe(0x534d5354)
    db.close()
  })

  test('a corrupt file is moved aside, kept byte for byte, and a new store starts', async () => {
    const dir = tempDir()
    const file = join(dir, 'drafts.sqlite')
    const garbage = Buffer.from(
      'This is not a database, but it might be someone’s work.'.repeat(100),
    )
    writeFileSync(file, garbage)

    const store = UpdateStore.open(file, { now: () => Date.UTC(2026, 10, 27, 12) })
    expect(store.recovery).toMatchObject({ reason: 'corrupt' })
    expect(store.recovery?.movedTo).toBe(`${file}.corrupt-2026-11-27T12-00-00-000Z`)
    expect(store.recovery?.message).toMatch(/damaged.*moved to.*nothing was deleted/)
    expect(readFileSync(store.recovery!.movedTo)).toEqual(garbage)

    await store.append('d', Y.encodeStateAsUpdate(new Y.Doc()))
    expect(store.listDocs()).toHaveLength(1)
    await store.close()
  })

  test('a damaged Samstemt database is moved aside too', async () => {
    const file = join(tempDir(), 'a.sqlite')
    const store = UpdateStore.open(file)
    for (let i = 0; i < 200; i++) await store.append('d', new Uint8Array(2000).fill(i % 255))
    await store.close()
    const bytes = readFileSync(file)
    bytes.fill(0xee, 4096 * 2, bytes.length - 4096)
    writeFileSync(file, bytes)

    const reopened = UpdateStore.open(file)
    expect(reopened.recovery?.reason).toBe('corrupt')
    expect(existsSync(reopened.recovery!.movedTo)).toBe(true)
    await reopened.close()
  })

  test('a database of another program is never overwritten', async () => {
    const file = join(tempDir(), 'a.sqlite')
    const foreign = new Database(file)
    foreign.exec(
      'CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 99.5)',
    )
    foreign.close()

    const store = UpdateStore.open(file)
    expect(store.recovery).toMatchObject({ reason: 'foreign' })
    expect(store.recovery?.message).toMatch(/another program/)
    await store.close()
    const moved = new Database(store.recovery!.movedTo, { readonly: true })
    expect(moved.prepare('SELECT total FROM invoices').get()).toEqual({ total: 99.5 })
    moved.close()
  })

  test('asked to refuse unusable files, the store names the problem and touches nothing', async () => {
    const file = join(tempDir(), 'a.sqlite')
    const foreign = new Database(file)
    foreign.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY)')
    foreign.close()
    const before = readFileSync(file)
    expect(() => UpdateStore.open(file, { onUnusable: 'throw' })).toThrow(
      expect.objectContaining({
        code: 'foreign',
        message: expect.stringMatching(/another program/),
      }),
    )
    expect(readFileSync(file)).toEqual(before)
  })

  test('a file from a newer Samstemt is refused and left as it is', async () => {
    const file = join(tempDir(), 'a.sqlite')
    await UpdateStore.open(file).close()
    const db = new Database(file)
    db.pragma('user_version = 99')
    db.close()
    const before = readFileSync(file)

    expect(() => UpdateStore.open(file)).toThrow(
      expect.objectContaining({
        code: 'newer-schema',
        message: expect.stringMatching(/newer Samstemt/),
      }),
    )
    expect(readFileSync(file)).toEqual(before)
  })

  test('extensions get their own tables and migrations, applied once', async () => {
    const file = join(tempDir(), 'a.sqlite')
    const runs: number[] = []
    const relay = {
      name: 'relay',
      migrations: [
        (db: Database.Database) => {
          runs.push(1)
          db.exec('CREATE TABLE members (id TEXT PRIMARY KEY)')
        },
      ],
    }
    await UpdateStore.open(file, { extensions: [relay] }).close()
    const store = UpdateStore.open(file, { extensions: [relay] })
    store.db.prepare('INSERT INTO members VALUES (?)').run('m1')
    await store.close()
    expect(runs).toEqual([1])
  })
})

describe('when the disk cannot take more', () => {
  test('a full disk rejects the appends with a disk-full error; what was saved stays', async () => {
    const file = join(tempDir(), 'a.sqlite')
    // The quota makes SQLite answer SQLITE_FULL at that size, exactly as a full disk does.
    const store = UpdateStore.open(file, { quotaBytes: 256 * 1024 })
    const w = writer(store, 'd')
    w.text.insert(0, 'saved before the disk filled')
    await Promise.all(w.acks)

    const big = store.append('d', new Uint8Array(512 * 1024))
    await expect(big).rejects.toBeInstanceOf(StoreError)
    await expect(big).rejects.toMatchObject({
      code: 'disk-full',
      message: expect.stringMatching(/disk .* is full.*Free some space/),
    })
    await store.close()

    const roomier = UpdateStore.open(file)
    const again = writer(roomier, 'd')
    Y.applyUpdate(again.ydoc, Y.encodeStateAsUpdate(w.ydoc))
    again.text.insert(0, 'Again: ')
    await Promise.all(again.acks)
    expect(roomier.load('d').getText('body').toString()).toBe('Again: saved before the disk filled')
    await roomier.close()
  })

  test('a folder where nothing can be written gives a read-only error, not a crash', () => {
    // /proc refuses new files even to root, like a read-only mount.
    expect(() => UpdateStore.open('/proc/drafts.sqlite')).toThrow(
      expect.objectContaining({
        code: 'read-only',
        message: expect.stringMatching(/cannot be written/),
      }),
    )
  })
})
