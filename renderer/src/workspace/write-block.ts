import { createContext, useContext } from 'react'

/**
 * Why nothing this member writes can reach the workspace any more: their access was revoked, or
 * the relay no longer knows this computer's key. Every control that would write is disabled and
 * points at the notice that says why (`reasonId`).
 */
export type WriteBlock = { kind: 'revoked' | 'lost'; reasonId: string; reason: string }

export const WRITE_BLOCK_REASON_ID = 'write-block-reason'

export const WriteBlockContext = createContext<WriteBlock | null>(null)

export function useWriteBlock(): WriteBlock | null {
  return useContext(WriteBlockContext)
}

/** What a control that writes gets while writing is blocked: disabled, with the reason. */
export function blockedProps(block: WriteBlock | null): {
  disabled?: true
  title?: string
  'aria-describedby'?: string
} {
  return block === null
    ? {}
    : { disabled: true, title: block.reason, 'aria-describedby': block.reasonId }
}
