/** Seconds: a commit is one fsync, so the interesting range is 0.1 ms to 1 s. */
const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]

/** Counters and the commit-latency histogram behind GET /metrics. */
export class Metrics {
  updates = 0
  updateBytes = 0
  refusedUpdates = 0
  closes = new Map<number, number>()
  readonly #commitBuckets = BUCKETS.map(() => 0)
  #commitCount = 0
  #commitSum = 0

  acceptedUpdate(bytes: number): void {
    this.updates++
    this.updateBytes += bytes
  }

  committed(seconds: number): void {
    this.#commitCount++
    this.#commitSum += seconds
    BUCKETS.forEach((bound, i) => {
      if (seconds <= bound) this.#commitBuckets[i] = (this.#commitBuckets[i] ?? 0) + 1
    })
  }

  closed(code: number): void {
    this.closes.set(code, (this.closes.get(code) ?? 0) + 1)
  }

  /** The Prometheus text exposition format (version 0.0.4). */
  render(gauges: {
    connections: number
    rooms: number
    uptimeSeconds: number
    damagedRows: number
  }): string {
    const lines = [
      ...metric('samstemt_connections', 'gauge', 'Open WebSocket connections.', gauges.connections),
      ...metric('samstemt_rooms', 'gauge', 'Rooms loaded in memory.', gauges.rooms),
      ...metric('samstemt_uptime_seconds', 'gauge', 'Seconds since start.', gauges.uptimeSeconds),
      ...metric(
        'samstemt_damaged_rows',
        'gauge',
        'Stored updates and snapshots of loaded rooms that could not be read and were left out.',
        gauges.damagedRows,
      ),
      ...metric('samstemt_updates_total', 'counter', 'Accepted updates.', this.updates),
      ...metric(
        'samstemt_update_bytes_total',
        'counter',
        'Bytes of accepted updates.',
        this.updateBytes,
      ),
      ...metric(
        'samstemt_refused_updates_total',
        'counter',
        'Updates refused for lack of write access or by the write policy.',
        this.refusedUpdates,
      ),
      '# HELP samstemt_closes_total Connections closed by the relay, by close code.',
      '# TYPE samstemt_closes_total counter',
      ...[...this.closes].map(([code, n]) => `samstemt_closes_total{code="${code}"} ${n}`),
      '# HELP samstemt_commit_seconds Time from receiving an update to its commit on disk.',
      '# TYPE samstemt_commit_seconds histogram',
      ...BUCKETS.map(
        (bound, i) =>
          `samstemt_commit_seconds_bucket{le="${bound}"} ${this.#commitBuckets[i] ?? 0}`,
      ),
      `samstemt_commit_seconds_bucket{le="+Inf"} ${this.#commitCount}`,
      `samstemt_commit_seconds_sum ${this.#commitSum}`,
      `samstemt_commit_seconds_count ${this.#commitCount}`,
    ]
    return lines.join('\n') + '\n'
  }
}

function metric(name: string, type: string, help: string, value: number): string[] {
  return [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, `${name} ${value}`]
}
