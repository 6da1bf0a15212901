import type { CoreLimits } from './relay.ts'

/** Every limit of the relay; each has a default and a CLI flag. */
export type RelayLimits = CoreLimits & {
  /** Largest frame accepted; a larger one closes the socket with 1009. */
  maxMessageBytes: number
  /** Open sockets per client address (behind a proxy: see `trustProxy`). */
  maxConnectionsPerIp: number
}

const MiB = 1024 * 1024

export const DEFAULT_LIMITS: RelayLimits = {
  // A returning offline editor sends all their changes in one frame: leave room for that.
  maxMessageBytes: 16 * MiB,
  // Partner offices sit behind one NAT address; one app holds ~3 sockets per open paper.
  maxConnectionsPerIp: 256,
  maxConnectionsPerMember: 64,
  maxBufferedBytes: 16 * MiB,
  // Typing sends a few updates and caret moves a second; a returning offline editor one big frame.
  maxMessagesPerSecond: 100,
  maxBytesPerSecond: 1 * MiB,
  maxBurstBytes: 32 * MiB,
  idleUnloadMs: 30_000,
  compactAfter: 500,
}
