// The store's writer: runs on a worker thread so that the fsync of each group commit never
// blocks the event loop that serves the editor or the relay's sockets.
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'
import { toStoreError } from './errors.ts'
import {
  forEachPacked,
  type FromWriter,
  type ToWriter,
  type WriterData,
} from './writer-protocol.ts'

const { file, maxPages } = workerData as WriterData
const port = parentPort
if (!port) throw new Error('writer-thread.ts must run as a worker thread')
const post = (message: FromWriter) => port.postMessage(message)

let db: Database.Database
try {
  db = new Database(file)
  db.pragma('busy_timeout = 5000')
  // FULL: the WAL is fsynced at every commit, so an acknowledged append survives a power cut.
  db.pragma('synchronous = FULL')
  if (maxPages !== null) db.pragma(`max_page_count = ${maxPages}`)
} catch (error) {
  const failure = toStoreError(error, file)
  post({ type: 'fatal', code: failure.code, message: failure.message })
  process.exit(1)
}

const upsertDoc = db.prepare(
  `INSERT INTO docs (name, created_at, updated_at) VALUES (?, ?, ?)
   ON CONFLICT (name) DO UPDATE SET updated_at = excluded.updated_at RETURNING id`,
)
const insertUpdate = db.prepare('INSERT INTO updates (doc_id, data) VALUES (?, ?)')
const insertAudit = db.prepare(
  'INSERT INTO audit (seq, doc, origin, at, bytes) VALUES (?, ?, ?, ?, ?)',
)

type AppendMessage = Extract<ToWriter, { type: 'append' }>

/** Writes the batches in one transaction and returns the highest seq written. */
const commit = db.transaction((batches: AppendMessage[]): number => {
  // Doc ids are looked up per commit, not cached: the main thread may delete a doc meanwhile.
  const ids = new Map<string, number>()
  let seq = 0
  for (const { packed, at } of batches) {
    forEachPacked(packed, (item) => {
      let docId = ids.get(item.doc)
      if (docId === undefined) {
        docId = (upsertDoc.get(item.doc, at, at) as { id: number }).id
        ids.set(item.doc, docId)
      }
      seq = Number(insertUpdate.run(docId, item.data).lastInsertRowid)
      if (item.origin !== undefined) {
        insertAudit.run(seq, item.doc, item.origin, at, item.data.byteLength)
      }
    })
  }
  return seq
})

function close(): void {
  db.close()
  post({ type: 'closed' })
  port?.close()
}

port.on('message', (first: ToWriter) => {
  if (first.type === 'close') return close()
  // Group commit: every batch that queued up while the last fsync ran goes into this one.
  const batches = [first]
  let closeAfter = false
  for (let next = receiveMessageOnPort(port); next; next = receiveMessageOnPort(port)) {
    const message = next.message as ToWriter
    if (message.type === 'close') {
      closeAfter = true
      break
    }
    batches.push(message)
  }
  try {
    const seq = commit.immediate(batches)
    for (const batch of batches) post({ type: 'committed', batch: batch.batch, seq })
  } catch (error) {
    const failure = toStoreError(error, file)
    for (const batch of batches) {
      post({ type: 'failed', batch: batch.batch, code: failure.code, message: failure.message })
    }
  }
  if (closeAfter) close()
})
post({ type: 'ready' })
