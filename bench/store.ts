// npm run bench -- store [trace.json.gz] [--batch N]
// Replays a sequential trace through the store and its peers; see docs/benchmarks.md.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { DEFAULT_SEQUENTIAL, readTrace } from './trace.ts'
import { mib, ms, printTable, ratio } from './table.ts'

type Measured = {
  seconds: number
  updates?: number
  p50?: number
  p99?: number
  bytes?: number
  peakRssBytes: number
}

const worker = join(import.meta.dirname, 'store-worker.ts')

function run(mode: string, trace: string, dir: string, batch = 100): Measured {
  const out = execFileSync(process.execPath, [worker, mode, trace, dir, String(batch)], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  })
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Measured
}

function median(mode: string, trace: string, dir: string, times: number): Measured {
  const runs = Array.from({ length: times }, () => run(mode, trace, dir))
  runs.sort((a, b) => a.seconds - b.seconds)
  return runs[Math.floor(times / 2)]!
}

export async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { batch: { type: 'string', default: '100' } },
  })
  const trace = positionals[0] ?? DEFAULT_SEQUENTIAL
  const batch = Number(values.batch)
  const txns = readTrace(trace).txns.length
  console.log(`Store benchmark: ${trace}\n${txns} transactions, ${batch} per event-loop turn`)

  const dir = mkdtempSync(join(tmpdir(), 'samstemt-bench-store-'))
  try {
    const floor = run('floor', trace, dir, batch)
    const ours = run('store', trace, dir, batch)
    const oursRaw = median('open-store', trace, dir, 3)
    const compaction = run('compact-store', trace, dir)
    const oursCompact = median('open-store', trace, dir, 5)
    const level = run('leveldb', trace, dir, batch)
    const levelRaw = run('open-leveldb', trace, dir)
    const levelCompact = median('open-leveldb', trace, dir, 5)
    const oneTurn = batch === 1 ? null : run('store', trace, mkdtempSync(join(dir, 'b1-')), 1)

    const row = (
      name: string,
      m: Measured,
      open: { raw?: Measured; compact?: Measured; bytesAfter?: number },
    ) => {
      const loadSeconds = open.raw?.seconds ?? 0
      return {
        run: name,
        'replay s': m.seconds.toFixed(2),
        'vs floor': ratio(m.seconds / floor.seconds),
        'updates/s': Math.round(txns / m.seconds).toLocaleString('en'),
        'store+load updates/s': open.raw
          ? Math.round(txns / (m.seconds + loadSeconds)).toLocaleString('en')
          : '',
        'durable p50': m.p50 === undefined ? '' : ms(m.p50),
        'durable p99': m.p99 === undefined ? '' : ms(m.p99),
        'size raw': m.bytes === undefined ? '' : mib(m.bytes),
        'size compacted': open.bytesAfter === undefined ? '' : mib(open.bytesAfter),
        'cold open raw': open.raw ? ms(open.raw.seconds * 1000) : '',
        'cold open compacted': open.compact ? ms(open.compact.seconds * 1000) : '',
        'peak RSS': mib(m.peakRssBytes),
      }
    }
    const rows = [
      row('no persistence (floor)', floor, {}),
      row(`samstemt store, ${batch} txns/turn`, ours, {
        raw: oursRaw,
        compact: oursCompact,
        bytesAfter: (compaction as Measured).bytes,
      }),
      ...(oneTurn ? [row('samstemt store, 1 txn/turn', oneTurn, {})] : []),
      row('y-leveldb 0.2.0', level, {
        raw: levelRaw,
        compact: levelCompact,
        bytesAfter: levelCompact.bytes,
      }),
    ]
    printTable('Store: automerge-paper replay', rows)
    const ourThroughput = txns / (ours.seconds + oursRaw.seconds)
    const levelThroughput = txns / (level.seconds + levelRaw.seconds)
    console.log(
      `\nTargets: replay ${ratio(ours.seconds / floor.seconds)} of floor (<= 1.20x); ` +
        `store+load ${ratio(ourThroughput / levelThroughput)} of y-leveldb (>= 2x); ` +
        `cold open compacted ${ms(oursCompact.seconds * 1000)} (< 60 ms); ` +
        `compaction took ${ms(compaction.seconds * 1000)}.`,
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
