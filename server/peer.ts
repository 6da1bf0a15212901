/** One client socket as the relay core sees it; the WebSocket adapter implements it. */
export type Peer = {
  send(frame: Uint8Array): void
  close(code: number, reason: string): void
  /** Bytes queued for this peer and not yet handed to the network. */
  readonly bufferedAmount: number
}

/** A structured log line; fields never hold a token or a URL with its query. */
export type Log = (event: string, fields?: Record<string, unknown>) => void

/** Writes one JSON object per line to `write` (stderr by default). */
export function jsonLog(write: (line: string) => void = (line) => process.stderr.write(line)): Log {
  return (event, fields = {}) => {
    write(JSON.stringify({ time: new Date().toISOString(), event, ...fields }) + '\n')
  }
}

export const silentLog: Log = () => {}
