import * as Y from 'yjs'
import { judgeUpdate } from './judge.ts'
import { MalformedUpdate, parseUpdate } from './parse.ts'

/** A doc as stored: a compacted snapshot and the updates after it, with their row numbers. */
export type StoredUpdates = {
  snapshot: Uint8Array | null
  updates: readonly Uint8Array[]
  /** The row (seq) of each update, for reporting; indexes are used when absent. */
  seqs?: readonly number[]
}

/** A loaded doc and what of its stored form could not be used. */
export type Salvaged = {
  doc: Y.Doc
  /** Null when everything loaded. */
  damage: { snapshot: boolean; rows: number[]; message: string } | null
}

/**
 * Loads a stored doc. The usual path applies everything in one transaction; if Yjs throws, or
 * something is left pending (an update that builds on a lost one), the doc is loaded again one
 * update at a time, leaving out each one that cannot be read or would not integrate, so one bad
 * row costs that row (and what builds on it), not the doc.
 */
export function loadStored(stored: StoredUpdates, makeDoc = () => new Y.Doc()): Salvaged {
  const doc = makeDoc()
  try {
    doc.transact(() => {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
      for (const update of stored.updates) Y.applyUpdate(doc, update)
    })
    if (doc.store.pendingStructs === null && doc.store.pendingDs === null) {
      return { doc, damage: null }
    }
  } catch {
    // Loaded again below, one update at a time.
  }
  doc.destroy()
  return salvage(stored, makeDoc)
}

function salvage(stored: StoredUpdates, makeDoc: () => Y.Doc): Salvaged {
  const skip = new Set<number>()
  for (;;) {
    const doc = makeDoc()
    let snapshotLost = false
    const rows: number[] = []
    let threwAt: number | null = null
    const take = (update: Uint8Array): 'ok' | 'skipped' | 'threw' => {
      let judged
      try {
        judged = judgeUpdate(doc, parseUpdate(update), update)
      } catch (error) {
        if (error instanceof MalformedUpdate) return 'skipped'
        throw error
      }
      if (judged.kind !== 'complete') return 'skipped'
      try {
        Y.applyUpdate(doc, judged.update)
      } catch {
        return 'threw'
      }
      return 'ok'
    }
    if (stored.snapshot !== null && !skip.has(-1)) {
      const result = take(stored.snapshot)
      if (result === 'threw') threwAt = -1
      else if (result === 'skipped') snapshotLost = true
    } else if (stored.snapshot !== null) {
      snapshotLost = true
    }
    for (const [i, update] of stored.updates.entries()) {
      if (threwAt !== null) break
      const row = stored.seqs?.[i] ?? i
      if (skip.has(i)) {
        rows.push(row)
        continue
      }
      const result = take(update)
      if (result === 'threw') threwAt = i
      else if (result === 'skipped') rows.push(row)
    }
    if (threwAt !== null) {
      // Yjs failed half-way through that update: start again without it.
      doc.destroy()
      skip.add(threwAt)
      continue
    }
    if (!snapshotLost && rows.length === 0) return { doc, damage: null }
    const parts = [
      snapshotLost ? 'the snapshot' : null,
      rows.length > 0 ? `${rows.length} of ${stored.updates.length} updates` : null,
    ].filter((part) => part !== null)
    return {
      doc,
      damage: {
        snapshot: snapshotLost,
        rows,
        message: `Could not load ${parts.join(' and ') || 'part of the log'}; the rest loaded.`,
      },
    }
  }
}
