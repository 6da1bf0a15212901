import { openSync, readFileSync, writeSync, closeSync, statSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { useTempDir } from '../../test/helpers/temp-dir.ts'
import { salvageDatabase, StoreError, UpdateStore } from './index.ts'

const tempDir = useTempDir('samstemt-store-damage-')

/**
 * A store with `count` one-key updates in doc `d`, each from its own client (a client's updates
 * chain by clock, so a lost one takes that client's later ones with it), closed.
 */
async function storeWith(file: string, count: number): Promise<void> {
  const store = UpdateStore.open(file)
  const appends: Promise<number>[] = []
  for (let i = 0; i < count; i++) {
    const doc = new Y.Doc()
    doc.getMap('keys').set(`k${i}`, 'x'.repeat(200))
    appends.push(store.append('d', Y.encodeStateAsUpdate(doc), { origin: 'm1' }))
  }
  await Promise.all(appends)
  await store.close()
}

describe('claims of Yjs client ids', () => {
  test('are committed with the appends of their turn and outlive compaction and restarts', async () => {
    const file = join(tempDir(), 'a.sqlite')
    const store = UpdateStore.open(file)
    const doc = new Y.Doc()
    doc.getText('t').insert(0, 'Byene')
    const claimed = store.claim('d', doc.clientID, 'member-1')
    const appended = store.append('d', Y.encodeStateAsUpdate(doc), { origin: 'member-1' })
    expect(await claimed).toBe(await appended)
    store.claim('d', doc.clientID, 'member-2')
    await store.flush()
    await store.compact('d')
    await store.close()
    const again = UpdateStore.open(file)
    expect(again.claims('d')).toEqual(new Map([[doc.clientID, 'member-1']]))
    await again.close()
  })
})

describe('a damaged update row', () => {
  test('makes load throw a StoreError that names the doc; loadSalvaged keeps the other rows', async () => {
    const file = join(tempDir(), 'a.sqlite')
    await storeWith(file, 5)
    const db = new Database(file)
    const rows = db.prepare('SELECT seq FROM updates ORDER BY seq').all() as { seq: number }[]
    db.prepare('UPDATE updates SET data = ? WHERE seq = ?').run(
      Buffer.from([1, 1, 255, 255]),
      rows[2]!.seq,
    )
    db.close()
    const store = UpdateStore.open(file)
    expect(() => store.load('d')).toThrow(StoreError)
    expect(() => store.load('d')).toThrow(/stored changes of d/)
    const { doc, damage } = store.loadSalvaged('d')
    expect(damage?.rows).toEqual([rows[2]!.seq])
    expect([...doc.getMap('keys').keys()].sort()).toEqual(['k0', 'k1', 'k3', 'k4'])
    await store.close()
  })
})

describe('salvaging a damaged database file', () => {
  test('moves it aside and keeps every row SQLite can still reach', async () => {
    const file = join(tempDir(), 'a.sqlite')
    await storeWith(file, 400)
    // Overwrite one page in the middle of the update log with garbage.
    const pageSize = 4096
    const pages = statSync(file).size / pageSize
    const fd = openSync(file, 'r+')
    writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, Math.floor(pages / 2) * pageSize)
    closeSync(fd)
    expect(() => UpdateStore.open(file, { onUnusable: 'throw' })).toThrow(/damaged/)
    const before = readFileSync(file)

    const salvage = salvageDatabase(file)
    expect(readFileSync(salvage.movedTo).equals(before)).toBe(true)
    // One damaged page costs the rows on it (or under it, for a page of the table's tree).
    expect(salvage.tables.updates!.copied).toBeGreaterThan(100)
    expect(salvage.tables.updates!.copied).toBeLessThan(400)
    expect(salvage.tables.updates!.unreadable).toBeGreaterThan(0)
    const store = UpdateStore.open(file, { onUnusable: 'throw' })
    const { doc } = store.loadSalvaged('d')
    expect(doc.getMap('keys').size).toBe(salvage.tables.updates!.copied)
    await store.close()
  })
})
