import type { StoreErrorCode } from './errors.ts'

/** One queued append, as sent to the writer thread. */
export type WireItem = { doc: string; data: Uint8Array; origin: string | undefined }

/** Messages to the writer thread. */
export type ToWriter =
  { type: 'append'; batch: number; at: number; items: WireItem[] } | { type: 'close' }

/** Messages from the writer thread. */
export type FromWriter =
  | { type: 'ready' }
  | { type: 'committed'; batch: number; seq: number }
  | { type: 'failed'; batch: number; code: StoreErrorCode; message: string }
  | { type: 'fatal'; code: StoreErrorCode; message: string }
  | { type: 'closed' }

/** What the writer thread needs to open its own connection to the file. */
export type WriterData = { file: string; maxPages: number | null }
