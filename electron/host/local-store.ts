import { dirname, join } from 'node:path'
import * as Y from 'yjs'
import type { Result, StoredUpdates } from '../../shared/ipc/index.ts'
import { UpdateStore, type Recovery } from '../../shared/store/index.ts'
import { fail, ok } from './host-error.ts'
import type { HostLog } from './host-log.ts'
import { readJsonFile, writeJsonFileAtomic } from './json-file.ts'

/** Past this many updates a doc is compacted in the background after it was loaded. */
const COMPACT_AFTER = 1000
/** Acknowledgements arrive with every commit on the relay; the file is rewritten at most this often. */
const CONFIRMED_WRITE_MS = 500

/** The profile's docs: one SQLite update log (shared/store) holding every room this profile keeps. */
export class LocalStore {
  readonly #store: UpdateStore
  readonly #log: HostLog
  /** The relay's last committed state vector per doc (base64), kept in `relay-confirmed.json`. */
  readonly #confirmedFile: string
  readonly #confirmed: Record<string, string>
  #confirmedWrite: NodeJS.Timeout | null = null

  private constructor(store: UpdateStore, log: HostLog) {
    this.#store = store
    this.#log = log
    this.#confirmedFile = join(dirname(store.file), 'relay-confirmed.json')
    this.#confirmed = readConfirmed(this.#confirmedFile, log)
  }

  /** Opens or creates the file; throws a StoreError when it cannot (newer schema, read-only). */
  static open(file: string, log: HostLog): LocalStore {
    const store = UpdateStore.open(file)
    if (store.recovery) log.write('error', 'local store recovered', { ...store.recovery })
    return new LocalStore(store, log)
  }

  /** Records what the relay has committed of `doc`, so a restart still knows what it lacks. */
  confirm(doc: string, stateVector: Uint8Array): Result<null> {
    try {
      Y.decodeStateVector(stateVector)
    } catch {
      return fail(
        'invalid-payload',
        `The state vector for ${doc} cannot be read; nothing was saved.`,
      )
    }
    this.#confirmed[doc] = Buffer.from(stateVector).toString('base64')
    this.#confirmedWrite ??= setTimeout(() => this.#writeConfirmed(), CONFIRMED_WRITE_MS)
    return ok(null)
  }

  #writeConfirmed(): void {
    if (this.#confirmedWrite) clearTimeout(this.#confirmedWrite)
    this.#confirmedWrite = null
    try {
      writeJsonFileAtomic(this.#confirmedFile, this.#confirmed)
    } catch (error) {
      // Losing it only makes the status bar vaguer after a restart; the docs themselves are safe.
      this.#log.write('warn', 'could not record what the relay confirmed', { error })
    }
  }

  /** Set when the file found on open was unusable and was moved aside. */
  get recovery(): Recovery | null {
    return this.#store.recovery
  }

  /** Snapshot first, then the updates after it: applying them in order rebuilds the doc. */
  load(doc: string): StoredUpdates {
    const stored = this.#store.read(doc)
    if (stored.updates.length > COMPACT_AFTER) {
      this.#store.compact(doc).catch((error: unknown) => {
        this.#log.write('warn', 'compaction failed; the doc stays as it was', { doc, error })
      })
    }
    const confirmed = this.#confirmed[doc]
    return {
      updates: stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates,
      confirmed: confirmed === undefined ? null : new Uint8Array(Buffer.from(confirmed, 'base64')),
    }
  }

  /**
   * Resolves once every update is on disk. Bytes that are not a Yjs update are refused before
   * anything is written: one stored bad update would make the doc fail to load ever after.
   */
  async append(doc: string, updates: readonly Uint8Array[]): Promise<Result<{ stored: number }>> {
    for (let i = 0; i < updates.length; i++) {
      try {
        Y.decodeUpdate(updates[i] as Uint8Array)
      } catch {
        return fail(
          'invalid-payload',
          `Update ${i} for ${doc} is not a Yjs update, so nothing was saved. This is a bug in Samstemt: restart the app, and report it if it happens again.`,
        )
      }
    }
    await Promise.all(updates.map((update) => this.#store.append(doc, update)))
    return ok({ stored: updates.length })
  }

  has(doc: string): boolean {
    return this.#store.has(doc)
  }

  close(): Promise<void> {
    if (this.#confirmedWrite) this.#writeConfirmed()
    return this.#store.close()
  }
}

function readConfirmed(file: string, log: HostLog): Record<string, string> {
  const read = readJsonFile(file)
  if (read.status === 'damaged') log.write('warn', 'relay-confirmed.json was damaged', { ...read })
  if (read.status !== 'ok' || typeof read.value !== 'object' || read.value === null) return {}
  const entries = Object.entries(read.value).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  )
  return Object.fromEntries(entries)
}
