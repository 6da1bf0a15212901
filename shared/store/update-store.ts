import { Worker } from 'node:worker_threads'
import type Database from 'better-sqlite3'
import * as Y from 'yjs'
import { loadStored, type Salvaged } from '../updates/index.ts'
import { besideModule } from './beside-module.ts'
import { StoreError, toStoreError } from './errors.ts'
import { openDatabase, type Recovery } from './open-database.ts'
import type { StoreExtension } from './schema.ts'
import {
  packBatch,
  type Claim,
  type FromWriter,
  type ToWriter,
  type WireItem,
  type WriterData,
} from './writer-protocol.ts'

export type UpdateStoreOptions = {
  /** Tables of a caller (the relay's members, say), migrated with the core schema. */
  extensions?: readonly StoreExtension[]
  now?: () => number
  /** Updates applied per event-loop turn while compacting, so appends keep flowing meanwhile. */
  compactionChunk?: number
  /** A cap on the file's size; appends past it fail with `disk-full`, as on a full disk. */
  quotaBytes?: number
  /**
   * What to do with a damaged or foreign file: move it aside and start anew (the app and the
   * relay), or refuse with a StoreError and touch nothing (admin commands given a wrong path).
   */
  onUnusable?: 'move-aside' | 'throw'
}

export type AppendOptions = {
  /** Who sent the update (a member id); recorded in the audit log, which outlives compaction. */
  origin?: string
}

/** One doc of the file, as listed. */
export type DocInfo = {
  name: string
  updates: number
  updateBytes: number
  snapshotBytes: number
  createdAt: number
  updatedAt: number
}

/** A doc as it lies on disk: the compacted snapshot plus the updates appended after it. */
export type StoredDoc = {
  snapshot: Uint8Array | null
  updates: Uint8Array[]
  /** The row (seq) of each update. */
  seqs: number[]
  /** The highest seq included; 0 for a doc that does not exist. */
  seq: number
}

export type CompactionResult = {
  doc: string
  /** Updates folded into the snapshot. */
  compacted: number
  snapshotBytes: number
  /** False when there was nothing to do or the doc was deleted meanwhile. */
  swapped: boolean
}

export type AuditEntry = { seq: number; doc: string; origin: string; at: number; bytes: number }

type Pending = {
  appends: number
  done: Promise<number>
  resolve: (seq: number) => void
  reject: (error: StoreError) => void
}

/** The appends of one event-loop turn: committed in one transaction, acknowledged together. */
type Batch = {
  items: WireItem[]
  claims: Claim[]
  done: Promise<number>
  resolve: (seq: number) => void
  reject: (error: StoreError) => void
}

/**
 * The append-only Yjs update log (see docs/architecture.md, "Storage"). Appends made in one
 * event-loop turn are committed together in one transaction (group commit) by a writer thread,
 * so the fsync never blocks this thread; each append's promise resolves once it is on disk.
 * Reads, compaction swaps and deletions use this thread's own connection (WAL lets both work).
 */
export class UpdateStore {
  readonly file: string
  /** Set when the file found at `file` was unusable and moved aside on open. */
  readonly recovery: Recovery | null
  /** For callers that keep their own tables in this file (declared as extensions). */
  readonly db: Database.Database

  readonly #now: () => number
  readonly #chunk: number
  readonly #stmt: ReturnType<typeof prepare>
  readonly #writerData: WriterData
  #worker: Worker | null = null
  #batch: Batch | null = null
  #nextJob = 1
  /** Requests the writer has not answered yet, with the number of appends each carries. */
  readonly #inFlight = new Map<number, Pending>()
  /** Compactions run one at a time, so many rooms crossing the threshold together do not pile up. */
  #compactionQueue: Promise<unknown> = Promise.resolve()
  #writerFailure: StoreError | null = null
  #closing = false
  #closed = false
  readonly #compacting = new Map<string, Promise<CompactionResult>>()
  /** Bumped when a doc is deleted, so an in-flight compaction does not resurrect it. */
  readonly #generation = new Map<string, number>()

  private constructor(file: string, options: UpdateStoreOptions) {
    this.file = file
    this.#now = options.now ?? Date.now
    this.#chunk = options.compactionChunk ?? 2048
    const opened = openDatabase(file, options.extensions, this.#now, options.onUnusable)
    this.db = opened.db
    this.recovery = opened.recovery
    this.#stmt = prepare(this.db)
    const pageSize = this.db.pragma('page_size', { simple: true }) as number
    this.#writerData = {
      file,
      maxPages: options.quotaBytes === undefined ? null : Math.ceil(options.quotaBytes / pageSize),
    }
  }

  /** The writer thread, started on the first append so that opening to read stays cheap. */
  get #writer(): Worker {
    if (this.#worker) return this.#worker
    const worker = new Worker(besideModule(import.meta.url, 'writer-thread'), {
      workerData: this.#writerData,
    })
    worker.on('message', (message: FromWriter) => this.#onWriterMessage(message))
    worker.on('error', (error) => this.#writerFailed(toStoreError(error, this.file)))
    worker.on('exit', () =>
      this.#writerFailed(new StoreError('io', `The writer of ${this.file} stopped unexpectedly.`)),
    )
    this.#worker = worker
    return worker
  }

  /** Opens or creates the store. Throws StoreError (newer-schema, read-only, io) when it cannot. */
  static open(file: string, options: UpdateStoreOptions = {}): UpdateStore {
    return new UpdateStore(file, options)
  }

  /**
   * Queues `update` for `doc`. Resolves once it is on disk, with the highest seq of the commit
   * that holds it (so at least its own); rejects with a StoreError (disk-full, read-only, ...).
   * All appends of one event-loop turn share one commit and one promise.
   */
  append(doc: string, update: Uint8Array, options: AppendOptions = {}): Promise<number> {
    if (this.#closing) return Promise.reject(this.#closedError())
    const batch = this.#openBatch()
    batch.items.push({ doc, data: update, origin: options.origin })
    return batch.done
  }

  /**
   * Records that `origin` writes under Yjs client id `client` in `doc` (the first claim of an id
   * stays). It is committed with this turn's appends, before them: an update appended in the same
   * turn is never on disk without its claim. Resolves once on disk.
   */
  claim(doc: string, client: number, origin: string): Promise<number> {
    if (this.#closing) return Promise.reject(this.#closedError())
    const batch = this.#openBatch()
    batch.claims.push({ doc, client, origin })
    return batch.done
  }

  /** Who claimed each Yjs client id of `doc` (see `claim`). */
  claims(doc: string): Map<number, string> {
    this.#assertOpen()
    const rows = this.#stmt.selectClaims.all(doc) as { client: number; origin: string }[]
    return new Map(rows.map((row) => [row.client, row.origin]))
  }

  #openBatch(): Batch {
    if (this.#batch) return this.#batch
    let resolve!: (seq: number) => void
    let reject!: (error: StoreError) => void
    const done = new Promise<number>((res, rej) => ((resolve = res), (reject = rej)))
    this.#batch = { items: [], claims: [], done, resolve, reject }
    setImmediate(() => this.#send())
    return this.#batch
  }

  /** Number of appends not yet on disk. */
  get pendingCount(): number {
    let count = this.#batch?.items.length ?? 0
    for (const job of this.#inFlight.values()) count += job.appends
    return count
  }

  /** Hands the queued appends to the writer now and waits until all of them are on disk. */
  async flush(): Promise<void> {
    this.#send()
    await Promise.allSettled([...this.#inFlight.values()].map((job) => job.done))
  }

  #send(): void {
    const batch = this.#batch
    if (!batch) return
    this.#batch = null
    const packed = packBatch(batch.items)
    this.#request(
      { type: 'append', at: this.#now(), packed, claims: batch.claims },
      batch.items.length,
      [packed.bytes.buffer as ArrayBuffer],
    ).then(batch.resolve, batch.reject)
  }

  /** Sends one request to the writer thread; resolves with its answer. */
  #request(message: WriterRequest, appends = 0, transfer: ArrayBuffer[] = []): Promise<number> {
    if (this.#writerFailure) return Promise.reject(this.#writerFailure)
    let resolve!: (seq: number) => void
    let reject!: (error: StoreError) => void
    const done = new Promise<number>((res, rej) => ((resolve = res), (reject = rej)))
    const job = this.#nextJob++
    this.#inFlight.set(job, { appends, done, resolve, reject })
    // The writer keeps the process alive while a request is on its way, and only then.
    this.#writer.ref()
    this.#writer.postMessage({ ...message, job }, transfer)
    return done
  }

  #onWriterMessage(message: FromWriter): void {
    if (message.type === 'committed' || message.type === 'failed') {
      const job = this.#inFlight.get(message.job)
      this.#inFlight.delete(message.job)
      if (this.#inFlight.size === 0 && !this.#closing) this.#writer.unref()
      if (message.type === 'committed') job?.resolve(message.seq)
      else job?.reject(new StoreError(message.code, message.message))
    } else if (message.type === 'fatal') {
      this.#writerFailed(new StoreError(message.code, message.message))
    }
  }

  #writerFailed(failure: StoreError): void {
    if (this.#closed) return
    this.#writerFailure ??= failure
    for (const job of this.#inFlight.values()) job.reject(failure)
    this.#inFlight.clear()
  }

  /** The doc as stored: snapshot plus newer updates, including appends already committed. */
  read(doc: string): StoredDoc {
    this.#assertOpen()
    try {
      return this.db
        .transaction(() => {
          const head = this.#stmt.selectDoc.get(doc) as
            { id: number; snapshot: Uint8Array | null; snapshot_seq: number } | undefined
          if (!head) return { snapshot: null, updates: [], seqs: [], seq: 0 }
          const rows = this.#stmt.selectUpdates.all(head.id, head.snapshot_seq) as {
            seq: number
            data: Uint8Array
          }[]
          const seq = rows.at(-1)?.seq ?? head.snapshot_seq
          return {
            snapshot: head.snapshot,
            updates: rows.map((r) => r.data),
            seqs: rows.map((r) => r.seq),
            seq,
          }
        })
        .deferred()
    } catch (error) {
      throw toStoreError(error, this.file)
    }
  }

  /**
   * Loads snapshot + updates into `target` (a new Y.Doc by default) in one transaction. Throws a
   * StoreError (`corrupt`) naming the doc when a stored update cannot be applied; `loadSalvaged`
   * loads what can be read instead.
   */
  load(doc: string, target: Y.Doc = new Y.Doc(), origin: unknown = this): Y.Doc {
    const stored = this.read(doc)
    try {
      target.transact(() => {
        if (stored.snapshot) Y.applyUpdate(target, stored.snapshot)
        for (const update of stored.updates) Y.applyUpdate(target, update)
      }, origin)
    } catch (error) {
      throw new StoreError(
        'corrupt',
        `The stored changes of ${doc} in ${this.file} are damaged and cannot be loaded (${String(error)}).`,
        error,
      )
    }
    return target
  }

  /** Loads the doc, leaving out stored updates that cannot be read, and says which (`loadStored`). */
  loadSalvaged(doc: string, makeDoc?: () => Y.Doc): Salvaged {
    return loadStored(this.read(doc), makeDoc)
  }

  /** True when the file holds the doc (a snapshot or at least one update). */
  has(doc: string): boolean {
    this.#assertOpen()
    return this.#stmt.selectDoc.get(doc) !== undefined
  }

  listDocs(): DocInfo[] {
    this.#assertOpen()
    const rows = this.#stmt.listDocs.all() as {
      name: string
      updates: number
      update_bytes: number
      snapshot_bytes: number
      created_at: number
      updated_at: number
    }[]
    return rows.map((r) => ({
      name: r.name,
      updates: r.updates,
      updateBytes: r.update_bytes,
      snapshotBytes: r.snapshot_bytes,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }))
  }

  /** Removes a doc and its updates (its audit entries stay). Queued appends for it are committed first. */
  async deleteDoc(doc: string): Promise<void> {
    this.#assertOpen()
    this.#send()
    this.#generation.set(doc, (this.#generation.get(doc) ?? 0) + 1)
    await this.#request({ type: 'delete', doc })
  }

  /**
   * Folds the doc's updates into one snapshot. The updates are applied into a Y.Doc a chunk per
   * event-loop turn (appends keep committing meanwhile), then the snapshot replaces exactly the
   * updates it holds, in one transaction: an update appended during compaction stays in the log.
   * Never Y.mergeUpdates: it is super-linear on long logs.
   */
  compact(doc: string): Promise<CompactionResult> {
    const running = this.#compacting.get(doc)
    if (running) return running
    const generation = this.#generation.get(doc) ?? 0
    const job = this.#compactionQueue
      .then(() => this.#compact(doc, generation))
      .finally(() => this.#compacting.delete(doc))
    this.#compactionQueue = job.catch(() => undefined)
    this.#compacting.set(doc, job)
    return job
  }

  async #compact(doc: string, generation: number): Promise<CompactionResult> {
    this.#assertOpen()
    const stored = this.read(doc)
    const nothing = { doc, compacted: 0, snapshotBytes: stored.snapshot?.byteLength ?? 0 }
    if (stored.updates.length === 0) return { ...nothing, swapped: false }

    const ydoc = new Y.Doc()
    if (stored.snapshot) Y.applyUpdate(ydoc, stored.snapshot)
    for (let i = 0; i < stored.updates.length; i += this.#chunk) {
      const chunk = stored.updates.slice(i, i + this.#chunk)
      ydoc.transact(() => {
        for (const update of chunk) Y.applyUpdate(ydoc, update)
      })
      if (i + this.#chunk < stored.updates.length) await turn()
    }
    const snapshot = Y.encodeStateAsUpdate(ydoc)
    const snapshotBytes = snapshot.byteLength
    ydoc.destroy()

    if (this.#closing || (this.#generation.get(doc) ?? 0) !== generation) {
      return { ...nothing, swapped: false }
    }
    await this.#request({ type: 'swap', doc, seq: stored.seq, snapshot }, 0, [
      snapshot.buffer as ArrayBuffer,
    ])
    return {
      doc,
      compacted: stored.updates.length,
      snapshotBytes,
      swapped: true,
    }
  }

  /** Who sent which update of `doc`, oldest first (only appends made with an origin). */
  audit(doc: string, limit = 1000): AuditEntry[] {
    this.#assertOpen()
    return this.#stmt.selectAudit.all(doc, limit) as AuditEntry[]
  }

  /** Commits what is queued, waits for running compactions, and closes the file. */
  async close(): Promise<void> {
    if (this.#closing) return
    await this.flush()
    await Promise.allSettled(this.#compacting.values())
    this.#closing = true
    await this.flush()
    this.#closed = true
    const worker = this.#worker
    if (worker) {
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
      worker.ref()
      worker.postMessage({ type: 'close' })
      await exited
    }
    this.db.close()
  }

  #assertOpen(): void {
    if (this.#closed) throw this.#closedError()
  }

  #closedError(): StoreError {
    return new StoreError('closed', `The store ${this.file} is closed.`)
  }
}

/** A request as the main thread writes it; #request numbers it. */
type WriterRequest =
  Exclude<ToWriter, { type: 'close' }> extends infer M
    ? M extends { job: number }
      ? Omit<M, 'job'>
      : never
    : never

function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

function prepare(db: Database.Database) {
  return {
    selectDoc: db.prepare('SELECT id, snapshot, snapshot_seq FROM docs WHERE name = ?'),
    selectUpdates: db.prepare(
      'SELECT seq, data FROM updates WHERE doc_id = ? AND seq > ? ORDER BY seq',
    ),
    listDocs: db.prepare(
      `SELECT d.name, d.created_at, d.updated_at,
              coalesce(length(d.snapshot), 0) AS snapshot_bytes,
              (SELECT count(*) FROM updates u WHERE u.doc_id = d.id) AS updates,
              (SELECT coalesce(sum(length(u.data)), 0) FROM updates u WHERE u.doc_id = d.id) AS update_bytes
       FROM docs d ORDER BY d.name`,
    ),
    selectClaims: db.prepare('SELECT client, origin FROM claims WHERE doc = ?'),
    selectAudit: db.prepare(
      'SELECT seq, doc, origin, at, bytes FROM audit WHERE doc = ? ORDER BY seq LIMIT ?',
    ),
  }
}
