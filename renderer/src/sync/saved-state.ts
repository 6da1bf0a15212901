import type { UiError } from '../host/host.ts'

/** What a room's session knows about where its changes are. */
export type SaveInputs = {
  loaded: boolean
  /** The member may not change this room: nothing of theirs needs saving. */
  readOnly: boolean
  hasRelay: boolean
  /** Updates handed to the store and not yet acknowledged as durable on this computer. */
  storing: number
  storeError: UiError | null
  /** Changes the relay has not committed, or null before its first acknowledgement. */
  uncommitted: number | null
  /** Changes since the doc was loaded, for the time before the relay's first acknowledgement. */
  changedSinceLoad: number
}

export type SavedState =
  | { kind: 'loading' }
  | { kind: 'saving' }
  | { kind: 'failed'; error: UiError }
  | { kind: 'read-only' }
  | { kind: 'this-computer' }
  | { kind: 'relay' }
  | { kind: 'pending'; count: number }

/**
 * "Saved on the relay" only when the relay's committed state covers every change; a change counts
 * as saved at all only once this computer's store has it.
 */
export function savedState(inputs: SaveInputs): SavedState {
  if (!inputs.loaded) return { kind: 'loading' }
  if (inputs.storeError !== null) return { kind: 'failed', error: inputs.storeError }
  if (inputs.readOnly) return { kind: 'read-only' }
  if (inputs.storing > 0) return { kind: 'saving' }
  if (!inputs.hasRelay) return { kind: 'this-computer' }
  if (inputs.uncommitted === null) {
    return inputs.changedSinceLoad > 0
      ? { kind: 'pending', count: inputs.changedSinceLoad }
      : { kind: 'this-computer' }
  }
  return inputs.uncommitted === 0
    ? { kind: 'relay' }
    : { kind: 'pending', count: inputs.uncommitted }
}
