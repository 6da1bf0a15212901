import type { StoreErrorCode } from './errors.ts'

/** "`origin` writes under Yjs client id `client` in `doc`": kept with the appends of its turn. */
export type Claim = { doc: string; client: number; origin: string }

/** One queued append. */
export type WireItem = { doc: string; data: Uint8Array; origin: string | undefined }

/**
 * A turn's appends packed for the writer thread: all update bytes in one transferred buffer,
 * so handing a batch over costs one copy instead of a structured clone per update.
 */
export type PackedBatch = {
  /** Distinct doc names and origins of the batch; items refer to them by index. */
  docs: string[]
  origins: (string | null)[]
  /** Per item: index into docs, index into origins, byte length in `bytes`. */
  doc: Uint32Array
  origin: Uint32Array
  length: Uint32Array
  bytes: Uint8Array
}

export function packBatch(items: readonly WireItem[]): PackedBatch {
  const docs = new Map<string, number>()
  const origins = new Map<string | null, number>()
  const packed = {
    doc: new Uint32Array(items.length),
    origin: new Uint32Array(items.length),
    length: new Uint32Array(items.length),
  }
  let total = 0
  items.forEach((item, i) => {
    packed.doc[i] = indexOf(docs, item.doc)
    packed.origin[i] = indexOf(origins, item.origin ?? null)
    packed.length[i] = item.data.byteLength
    total += item.data.byteLength
  })
  const bytes = new Uint8Array(total)
  let offset = 0
  for (const item of items) {
    bytes.set(item.data, offset)
    offset += item.data.byteLength
  }
  return { docs: [...docs.keys()], origins: [...origins.keys()], ...packed, bytes }
}

/** Calls `each` for every item of a packed batch, in order; `data` is a view, not a copy. */
export function forEachPacked(batch: PackedBatch, each: (item: WireItem) => void): void {
  let offset = 0
  for (let i = 0; i < batch.length.length; i++) {
    const length = batch.length[i] ?? 0
    each({
      doc: batch.docs[batch.doc[i] ?? 0] ?? '',
      origin: batch.origins[batch.origin[i] ?? 0] ?? undefined,
      data: batch.bytes.subarray(offset, offset + length),
    })
    offset += length
  }
}

function indexOf<K>(map: Map<K, number>, key: K): number {
  let index = map.get(key)
  if (index === undefined) map.set(key, (index = map.size))
  return index
}

/**
 * Messages to the writer thread, which does every write of the file (so the main thread never
 * waits for the write lock). `job` numbers each request; the reply carries it back.
 */
export type ToWriter =
  | { type: 'append'; job: number; at: number; packed: PackedBatch; claims: Claim[] }
  /** Replace the updates up to `seq` by `snapshot` (compaction). */
  | { type: 'swap'; job: number; doc: string; seq: number; snapshot: Uint8Array }
  | { type: 'delete'; job: number; doc: string }
  | { type: 'close' }

/** Messages from the writer thread. */
export type FromWriter =
  | { type: 'committed'; job: number; seq: number }
  | { type: 'failed'; job: number; code: StoreErrorCode; message: string }
  | { type: 'fatal'; code: StoreErrorCode; message: string }

/** What the writer thread needs to open its own connection to the file. */
export type WriterData = { file: string; maxPages: number | null }
