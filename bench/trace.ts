import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { gunzipSync } from 'node:zlib'

/** A sequential editing trace (josephg/editing-traces format, CC BY 4.0). */
export type SequentialTrace = {
  endContent: string
  txns: { patches: [number, number, string][] }[]
}

const ROOT = resolve(import.meta.dirname, '..')
export const TRACES = resolve(ROOT, '../shared/data/editing-traces')
export const DEFAULT_SEQUENTIAL = resolve(TRACES, 'sequential_traces/automerge-paper.json.gz')
export const DEFAULT_CONCURRENT = resolve(TRACES, 'concurrent_traces/clownschool.json.gz')

/** Reads a gzipped JSON trace, or exits with a message that says where it was looked for. */
export function readTrace<T = SequentialTrace>(path: string): T {
  if (!existsSync(path)) {
    console.error(
      `Trace not found: ${path}\n` +
        'The benchmarks replay the editing traces of ../shared/data/editing-traces (CC BY 4.0, see its SOURCE.md).\n' +
        'Pass the path of a trace file as an argument: npm run bench -- store path/to/automerge-paper.json.gz',
    )
    process.exit(2)
  }
  return JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as T
}
