/** Prints rows as a Markdown table, so the output can go straight into docs/benchmarks.md. */
export function printTable(title: string, rows: Record<string, string | number>[]): void {
  const first = rows[0]
  if (!first) return
  const columns = Object.keys(first)
  const cell = (v: string | number | undefined) => (v === undefined ? '' : String(v))
  console.log(`\n### ${title}\n`)
  console.log(`| ${columns.join(' | ')} |`)
  console.log(`| ${columns.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`)
  for (const row of rows) console.log(`| ${columns.map((c) => cell(row[c])).join(' | ')} |`)
}

export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN
}

export const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(v < 10 ? 2 : 0)} ms` : 'n/a')
export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`
export const ratio = (v: number) => `${v.toFixed(2)}x`
