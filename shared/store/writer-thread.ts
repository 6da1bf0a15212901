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

const insertClaim = db.prepare(
  'INSERT INTO claims (doc, client, origin, at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
)
const deleteClaims = db.prepare('DELETE FROM claims WHERE doc = ?')

const deleteUpdates = db.prepare(
  'DELETE FROM updates WHERE doc_id = (SELECT id FROM docs WHERE name = ?) AND seq <= ?',
)
const deleteDoc = db.prepare('DELETE FROM docs WHERE name = ?')
const setSnapshot = db.prepare('UPDATE docs SET snapshot = ?, snapshot_seq = ? WHERE name = ?')

type AppendMessage = Extract<ToWriter, { type: 'append' }>
type Job = Exclude<ToWriter, { type: 'close' }>

/** Writes the batches in one transaction and returns the highest seq written. */
const commit = db.transaction((batches: AppendMessage[]): number => {
  // Doc ids are looked up per commit, not cached: the main thread may delete a doc meanwhile.
  const ids = new Map<string, number>()
  let seq = 0
  for (const { packed, at, claims } of batches) {
    // Claims first: an update is never on disk without the claim of its client id.
    for (const claim of claims) insertClaim.run(claim.doc, claim.client, claim.origin, at)
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
  port?.close()
}

/** Compaction's swap: the updates the snapshot holds go, later ones stay (seq > `seq`). */
const swap = db.transaction((doc: string, seq: number, snapshot: Uint8Array) => {
  deleteUpdates.run(doc, seq)
  // A doc deleted meanwhile has no row left to update, so it is not brought back.
  setSnapshot.run(snapshot, seq, doc)
})

const remove = db.transaction((doc: string) => {
  deleteUpdates.run(doc, Number.MAX_SAFE_INTEGER)
  deleteClaims.run(doc)
  deleteDoc.run(doc)
})

function run(jobs: Job[]): void {
  // Group commit: consecutive appends that queued up while the last fsync ran share one.
  for (let i = 0; i < jobs.length;) {
    const job = jobs[i]
    if (job === undefined) break
    if (job.type !== 'append') {
      attempt([job], () => {
        if (job.type === 'swap') swap.immediate(job.doc, job.seq, job.snapshot)
        else remove.immediate(job.doc)
        db.pragma('incremental_vacuum')
        return 0
      })
      i++
      continue
    }
    let end = i
    while (jobs[end]?.type === 'append') end++
    const appends = jobs.slice(i, end) as AppendMessage[]
    attempt(appends, () => commit.immediate(appends))
    i = end
  }
}

function attempt(jobs: Job[], write: () => number): void {
  try {
    const seq = write()
    for (const job of jobs) post({ type: 'committed', job: job.job, seq })
  } catch (error) {
    const failure = toStoreError(error, file)
    for (const job of jobs) {
      post({ type: 'failed', job: job.job, code: failure.code, message: failure.message })
    }
  }
}

port.on('message', (first: ToWriter) => {
  if (first.type === 'close') return close()
  const jobs: Job[] = [first]
  let closeAfter = false
  for (let next = receiveMessageOnPort(port); next; next = receiveMessageOnPort(port)) {
    const message = next.message as ToWriter
    if (message.type === 'close') {
      closeAfter = true
      break
    }
    jobs.push(message)
  }
  run(jobs)
  if (closeAfter) close()
})
