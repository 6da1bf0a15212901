import * as Y from 'yjs'
import type { Result, StoredUpdates } from '../../shared/ipc/index.ts'
import { UpdateStore, type Recovery } from '../../shared/store/index.ts'
import { fail, ok } from './host-error.ts'
import type { HostLog } from './host-log.ts'

/** Past this many updates a doc is compacted in the background after it was loaded. */
const COMPACT_AFTER = 1000

/** The profile's docs: one SQLite update log (shared/store) holding every room this profile keeps. */
export class LocalStore {
  readonly #store: UpdateStore
  readonly #log: HostLog

  private constructor(store: UpdateStore, log: HostLog) {
    this.#store = store
    this.#log = log
  }

  /** Opens or creates the file; throws a StoreError when it cannot (newer schema, read-only). */
  static open(file: string, log: HostLog): LocalStore {
    const store = UpdateStore.open(file)
    if (store.recovery) log.write('error', 'local store recovered', { ...store.recovery })
    return new LocalStore(store, log)
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
    return { updates: stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates }
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
    return this.#store.close()
  }
}
