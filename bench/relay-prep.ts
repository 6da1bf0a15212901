// Scenario 4 of the relay benchmark: lays down the stored room before any server starts, in
// its own process. Prints one JSON line. Usage:
//   node bench/relay-prep.ts write <samstemt.sqlite> <hocuspocus.sqlite> <sequential trace>
//   node bench/relay-prep.ts compact <samstemt.sqlite>
import * as Y from 'yjs'
import { relayExtension } from '../server/relay-schema.ts'
import { UpdateStore } from '../shared/store/index.ts'
import { COLD_ROOM, WARMUP_ROOM } from './relay-ipc.ts'
import { sequentialUpdates } from './relay-trace.ts'
import { openHocuspocusDb } from './relay-sqlite.ts'

async function write(ours: string, theirs: string, trace: string) {
  const { updates, endContent } = sequentialUpdates(trace)
  // Our relay: every update in the log, as the relay itself appends them (UpdateStore.append).
  const started = performance.now()
  const store = UpdateStore.open(ours, { extensions: [relayExtension] })
  const chunk = 10_000
  for (let i = 0; i < updates.length; i += chunk) {
    await Promise.all(updates.slice(i, i + chunk).map((u) => store.append(COLD_ROOM, u)))
  }
  const info = store.listDocs().find((d) => d.name === COLD_ROOM)
  const seconds = (performance.now() - started) / 1000
  // Hocuspocus's database extension stores the whole state (Y.encodeStateAsUpdate) and
  // nothing else: that is what its store hook would have written after this editing.
  const doc = new Y.Doc()
  Y.transact(doc, () => updates.forEach((u) => Y.applyUpdate(doc, u)))
  const snapshot = Y.encodeStateAsUpdate(doc)
  // The warm-up room: the same text, compacted, so that loading it warms up the processes.
  await store.append(WARMUP_ROOM, snapshot)
  await store.close()
  const db = openHocuspocusDb(theirs)
  const insert = db.prepare('INSERT OR REPLACE INTO documents (name, data) VALUES (?, ?)')
  insert.run(COLD_ROOM, snapshot)
  insert.run(WARMUP_ROOM, snapshot)
  db.close()
  return {
    updates: info?.updates ?? 0,
    seconds,
    length: endContent.length,
    logBytes: info?.updateBytes ?? 0,
    snapshotBytes: snapshot.byteLength,
  }
}

async function compact(ours: string) {
  const store = UpdateStore.open(ours, { extensions: [relayExtension] })
  const started = performance.now()
  const result = await store.compact(COLD_ROOM)
  const ms = performance.now() - started
  await store.close()
  return { ms, ...result }
}

const [mode = '', a = '', b = '', c = ''] = process.argv.slice(2)
const result = mode === 'write' ? await write(a, b, c) : await compact(a)
process.stdout.write(JSON.stringify(result) + '\n')
