// The traces of the relay benchmark as Yjs updates: the concurrent clownschool trace replayed
// faithfully offline (each agent's doc holds exactly the txn's parents), then scheduled.
import * as Y from 'yjs'
import { readTrace, type SequentialTrace } from './trace.ts'

/** A concurrent trace (josephg/editing-traces format, CC BY 4.0). */
export type ConcurrentTrace = {
  kind: 'concurrent'
  endContent: string
  numAgents: number
  txns: { parents: number[]; agent: number; time: string; patches: [number, number, string][] }[]
}

/** One txn of the trace, ready to be sent live by its agent. */
export type ScheduledTxn = {
  agent: number
  /** When to send it, ms after the start of the replay. */
  at: number
  /** The txn as a Yjs update of the agent's client id. */
  update: Uint8Array
  /** The agent's clock once the txn is applied: a peer holds it when its state reaches this. */
  clock: number
  /** What the agent must have received first: [other agent, clock] (its parents). */
  needs: [number, number][]
}

export type PreparedTrace = {
  agents: number
  /** The Yjs client id of each agent. */
  clients: number[]
  /** In send order. */
  txns: ScheduledTxn[]
  endContent: string
  /** Recorded duration of the whole trace, s. */
  traceSeconds: number
}

const CLIENT_BASE = 1_000_000

/**
 * Replays the trace with one Y.Doc per agent: before each txn the agent's doc is brought to
 * exactly the txn's parent version, then the patches are applied in one transaction, which
 * gives the txn's update. A txn that inserts nothing also sets a per-agent key in a side map,
 * so that every txn advances its agent's clock and its delivery can be seen in a state vector.
 * Timestamps have 1 s resolution: the txns of one second are spread evenly inside it, then
 * the schedule is divided by `speedup`.
 */
export function prepareConcurrent(path: string, speedup: number): PreparedTrace {
  const trace = readTrace<ConcurrentTrace>(path)
  const n = trace.numAgents
  const clients = Array.from({ length: n }, (_, a) => CLIENT_BASE + a)
  const docs = clients.map((id) => {
    const doc = new Y.Doc()
    doc.clientID = id
    return doc
  })
  /** Each agent's txns, as indexes into the trace. */
  const order: number[][] = clients.map(() => [])
  const clocks: number[][] = clients.map(() => [])
  /** How many txns of each agent a doc holds. */
  const have = clients.map(() => new Array<number>(n).fill(0))
  const versions: number[][] = []
  const out: Omit<ScheduledTxn, 'at'>[] = []

  trace.txns.forEach((txn, index) => {
    const a = txn.agent
    const doc = docs[a]!
    const parents = new Array<number>(n).fill(0)
    for (const p of txn.parents) {
      const version = versions[p]!
      for (let b = 0; b < n; b++) parents[b] = Math.max(parents[b]!, version[b]!)
    }
    const needs: [number, number][] = []
    const missing: number[] = []
    for (let b = 0; b < n; b++) {
      const held = have[a]![b]!
      if (held > parents[b]! || (b === a && held !== parents[b])) {
        throw new Error(`clownschool txn ${index}: agent ${a} cannot reach its parents`)
      }
      if (b === a) continue
      for (let k = held; k < parents[b]!; k++) missing.push(order[b]![k]!)
      have[a]![b] = parents[b]!
      if (parents[b]! > 0) needs.push([b, clocks[b]![parents[b]! - 1]!])
    }
    // In trace order, so that no update waits for another (pending structs merge slowly).
    missing.sort((x, y) => x - y)
    for (const i of missing) Y.applyUpdate(doc, out[i]!.update)
    let update: Uint8Array | null = null
    const capture = (u: Uint8Array) => (update = u)
    doc.on('update', capture)
    doc.transact(() => {
      const text = doc.getText('body')
      for (const [pos, del, ins] of txn.patches) {
        if (del > 0) text.delete(pos, del)
        if (ins) text.insert(pos, ins)
      }
      if (!txn.patches.some(([, , ins]) => ins)) doc.getMap('marks').set(`a${a}`, index)
    })
    doc.off('update', capture)
    if (update === null) throw new Error(`clownschool txn ${index} changed nothing`)
    const clock = Y.getState(doc.store, clients[a]!)
    order[a]!.push(index)
    clocks[a]!.push(clock)
    have[a]![a] = parents[a]! + 1
    versions.push(parents.map((v, b) => (b === a ? v + 1 : v)))
    out.push({ agent: a, update, clock, needs })
  })

  const merged = new Y.Doc()
  for (const txn of out) Y.applyUpdate(merged, txn.update)
  if (merged.getText('body').toString() !== trace.endContent) {
    throw new Error('clownschool replay diverged from endContent')
  }

  // Spread the txns of each recorded second evenly inside it, in trace order.
  const seconds = trace.txns.map((t) => Math.floor(Date.parse(t.time) / 1000))
  const start = Math.min(...seconds)
  const perSecond = new Map<number, number>()
  for (const s of seconds) perSecond.set(s, (perSecond.get(s) ?? 0) + 1)
  const seen = new Map<number, number>()
  const scheduled = out.map((txn, i) => {
    const s = seconds[i]!
    const k = seen.get(s) ?? 0
    seen.set(s, k + 1)
    const at = ((s - start + k / perSecond.get(s)!) * 1000) / speedup
    return { ...txn, at, index: i }
  })
  // Parents are never later than their children, so this order keeps every parent first.
  scheduled.sort((x, y) => x.at - y.at || x.index - y.index)
  return {
    agents: n,
    clients,
    txns: scheduled.map(({ index: _index, ...txn }) => txn),
    endContent: trace.endContent,
    traceSeconds: Math.max(...seconds) - start + 1,
  }
}

/** The sequential trace as one update per txn, and the text it ends with. */
export function sequentialUpdates(path: string): { updates: Uint8Array[]; endContent: string } {
  const trace = readTrace<SequentialTrace>(path)
  const doc = new Y.Doc()
  const text = doc.getText('body')
  const updates: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => updates.push(u))
  for (const txn of trace.txns) {
    doc.transact(() => {
      for (const [pos, del, ins] of txn.patches) {
        if (del > 0) text.delete(pos, del)
        if (ins) text.insert(pos, ins)
      }
    })
  }
  if (text.toString() !== trace.endContent) throw new Error('replay diverged from endContent')
  return { updates, endContent: trace.endContent }
}
