// One measurement of the store benchmark, in its own process so that peak RSS is its own.
// Usage: node bench/store-worker.ts <mode> <trace> <dir> [batch]
//   modes: floor | store | leveldb | open-store | open-leveldb | compact-store
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { LeveldbPersistence } from 'y-leveldb'
import * as Y from 'yjs'
import { UpdateStore } from '../shared/store/index.ts'
import { readTrace } from './trace.ts'

const DOC = 'bench/paper/automerge'
const [mode = 'floor', tracePath = '', dir = '', batchArg = '100'] = process.argv.slice(2)
const batch = Number(batchArg)

/** Replays the trace, one Yjs transaction (one update) per txn, `batch` txns per event-loop turn. */
async function replay(onUpdate: (update: Uint8Array) => void): Promise<Y.Doc> {
  const trace = readTrace(tracePath)
  const doc = new Y.Doc()
  const text = doc.getText('body')
  doc.on('update', onUpdate)
  for (let i = 0; i < trace.txns.length; i++) {
    const txn = trace.txns[i]!
    doc.transact(() => {
      for (const [pos, del, ins] of txn.patches) {
        if (del > 0) text.delete(pos, del)
        if (ins) text.insert(pos, ins)
      }
    })
    if (i % batch === batch - 1) await new Promise((r) => setImmediate(r))
  }
  if (text.toString() !== trace.endContent) throw new Error('replay diverged from endContent')
  return doc
}

function bytesUnder(path: string): number {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.size
  return readdirSync(path).reduce((sum, name) => sum + bytesUnder(join(path, name)), 0)
}

function sizeOf(prefix: string): number {
  return ['', '-wal', '-shm'].reduce((sum, s) => {
    try {
      return sum + statSync(prefix + s).size
    } catch {
      return sum
    }
  }, 0)
}

async function measure(): Promise<Record<string, number | string | boolean>> {
  const file = join(dir, 'store.sqlite')
  const started = performance.now()
  switch (mode) {
    case 'floor': {
      let updates = 0
      await replay(() => updates++)
      return { seconds: (performance.now() - started) / 1000, updates }
    }
    case 'store': {
      const store = UpdateStore.open(file)
      // One reaction per commit, not per update, so the harness does not weigh on the store's row.
      const appendedAt: number[] = []
      const starts: number[] = []
      const latencies: number[] = []
      const commits: Promise<unknown>[] = []
      let last: Promise<number> | null = null
      await replay((update) => {
        const index = appendedAt.push(performance.now()) - 1
        const ack = store.append(DOC, update)
        if (ack === last) return
        last = ack
        const batch = starts.push(index) - 1
        commits.push(
          ack.then(() => {
            const now = performance.now()
            const end = starts[batch + 1] ?? appendedAt.length
            for (let i = index; i < end; i++) latencies.push(now - appendedAt[i]!)
          }),
        )
      })
      await Promise.all(commits)
      const seconds = (performance.now() - started) / 1000
      await store.close()
      latencies.sort((a, b) => a - b)
      return {
        seconds,
        updates: latencies.length,
        p50: latencies[Math.floor(latencies.length * 0.5)]!,
        p99: latencies[Math.floor(latencies.length * 0.99)]!,
        bytes: sizeOf(file),
      }
    }
    case 'compact-store': {
      const store = UpdateStore.open(file)
      const result = await store.compact(DOC)
      await store.close()
      return { seconds: (performance.now() - started) / 1000, bytes: sizeOf(file), ...result }
    }
    case 'open-store': {
      const store = UpdateStore.open(file)
      const doc = store.load(DOC)
      const seconds = (performance.now() - started) / 1000
      const length = doc.getText('body').length
      await store.close()
      return { seconds, length }
    }
    case 'leveldb': {
      const ldb = new LeveldbPersistence(join(dir, 'leveldb'))
      const stored: Promise<unknown>[] = []
      await replay((update) => stored.push(ldb.storeUpdate(DOC, update)))
      await Promise.all(stored)
      const seconds = (performance.now() - started) / 1000
      await ldb.destroy()
      return { seconds, updates: stored.length, bytes: bytesUnder(join(dir, 'leveldb')) }
    }
    case 'open-leveldb': {
      // y-leveldb's getYDoc also compacts a log of more than 500 updates as it loads.
      const ldb = new LeveldbPersistence(join(dir, 'leveldb'))
      const doc = await ldb.getYDoc(DOC)
      const seconds = (performance.now() - started) / 1000
      const length = doc.getText('body').length
      await ldb.destroy()
      return { seconds, length, bytes: bytesUnder(join(dir, 'leveldb')) }
    }
    default:
      throw new Error(`unknown mode ${mode}`)
  }
}

const result = await measure()
process.stdout.write(
  JSON.stringify({ ...result, peakRssBytes: process.resourceUsage().maxRSS * 1024 }) + '\n',
)
