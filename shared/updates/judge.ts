import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import type {
  DeleteRange,
  ParsedBlock,
  ParsedGc,
  ParsedItem,
  ParsedUpdate,
  StructId,
} from './parse.ts'

/** Whose structs a block holds, from the receiver's point of view. */
export type Owner = 'own' | 'foreign' | 'unclaimed'

/** What applying an update would do to a doc, decided before anything is applied. */
export type Judgement =
  /** A struct refers to a later part of its own client's run: Yjs would throw half-way. */
  | { kind: 'invalid'; reason: string }
  /**
   * Applying it would leave structs waiting for missing ones ("pending"). `missing` are the
   * client ids whose structs are not there yet.
   */
  | { kind: 'incomplete'; reason: string; missing: Set<number> }
  | {
      kind: 'complete'
      /** The update to apply: the one given, or a copy without foreign blocks and clipped deletions. */
      update: Uint8Array
      /** Client ids of unclaimed blocks that bring new structs: the sender claims them. */
      claims: number[]
      /** Blocks of other owners that were left out, and deletions clipped to what exists. */
      dropped: { foreignBlocks: number; deletes: number }
      /** False when applying it would change nothing: no new struct and no new deletion. */
      changes: boolean
      /** The blocks kept and the deletions that remain, for guards that look at structure. */
      blocks: ParsedBlock[]
      deletes: DeleteRange[]
    }

/**
 * Judges `parsed` (the update `update`) against `doc` without changing it:
 * - blocks of clients owned by someone else are left out (their owner sends them);
 * - every kept struct must be integrable: each block starts at or before the doc's clock for its
 *   client, and every origin, right origin and parent exists in the doc or earlier in the update,
 *   in an order without cycles (the same fixpoint Yjs's integration reaches);
 * - deletions are clipped to structs that exist, so nothing is left waiting to be deleted.
 * A complete update leaves nothing pending when applied.
 */
export function judgeUpdate(
  doc: Y.Doc,
  parsed: ParsedUpdate,
  update: Uint8Array,
  ownerOf: (client: number) => Owner = () => 'own',
): Judgement {
  const stateOf = (client: number) => Y.getState(doc.store, client)
  const kept: ParsedBlock[] = []
  const claims: number[] = []
  let foreignBlocks = 0
  for (const block of parsed.blocks) {
    const owner = ownerOf(block.client)
    if (owner === 'foreign') {
      foreignBlocks++
      continue
    }
    if (owner === 'unclaimed' && block.end > stateOf(block.client)) claims.push(block.client)
    kept.push(block)
  }

  const integrated = simulate(kept, stateOf)
  if (integrated.kind !== 'complete') return integrated
  const misplaced = misplacedItem(doc, kept, stateOf)
  if (misplaced !== null) return { kind: 'invalid', reason: misplaced }
  const finalState = (client: number) => integrated.state.get(client) ?? stateOf(client)

  const deletes: DeleteRange[] = []
  let clipped = 0
  for (const range of parsed.deletes) {
    const end = Math.min(range.clock + range.length, finalState(range.client))
    if (end < range.clock + range.length) clipped++
    if (end > range.clock)
      deletes.push({ client: range.client, clock: range.clock, length: end - range.clock })
  }

  const changes =
    kept.some((block) => block.end > stateOf(block.client)) ||
    deletes.some((range) => deletesSomething(doc, range, stateOf(range.client)))
  const rewritten = foreignBlocks > 0 || clipped > 0 ? rebuild(update, kept, deletes) : update
  return {
    kind: 'complete',
    update: rewritten,
    claims,
    dropped: { foreignBlocks, deletes: clipped },
    changes,
    blocks: kept,
    deletes,
  }
}

type Simulated =
  | { kind: 'complete'; state: Map<number, number> }
  | Extract<Judgement, { kind: 'invalid' | 'incomplete' }>

/** Integrates the blocks' structs in dependency order on clocks only. */
function simulate(blocks: ParsedBlock[], stateOf: (client: number) => number): Simulated {
  const [only] = blocks
  if (blocks.length === 1 && only !== undefined) return simulateOne(only, stateOf)
  const state = new Map<number, number>()
  const clockOf = (client: number) => state.get(client) ?? stateOf(client)
  const byClient = new Map(blocks.map((block) => [block.client, block]))
  const next = new Map(blocks.map((block) => [block.client, 0]))
  const waiting = new Map<number, ParsedBlock[]>()
  for (const block of blocks) {
    if (block.start > stateOf(block.client)) {
      return incomplete(`Client ${block.client} starts at ${block.start}, after a gap.`, [
        block.client,
      ])
    }
  }
  const queue = [...blocks]
  for (let block = queue.pop(); block !== undefined; block = queue.pop()) {
    let i = next.get(block.client) ?? 0
    const before = i
    for (; i < block.structs.length; i++) {
      const struct = block.structs[i]
      if (struct === undefined) break
      let missing: number | null = null
      if (struct.kind === 'item') {
        const dependency = missingDependency(struct, block.client, clockOf)
        if (typeof dependency === 'string') return { kind: 'invalid', reason: dependency }
        missing = dependency
      }
      if (missing !== null) {
        const provider = byClient.get(missing)
        if (provider === undefined || (next.get(missing) ?? 0) >= provider.structs.length) {
          return incomplete(`A struct of client ${block.client} builds on a missing one.`, [
            missing,
          ])
        }
        const list = waiting.get(missing) ?? []
        list.push(block)
        waiting.set(missing, list)
        break
      }
      state.set(block.client, Math.max(clockOf(block.client), struct.clock + struct.length))
    }
    next.set(block.client, i)
    if (i > before) {
      for (const waiter of waiting.get(block.client) ?? []) queue.push(waiter)
      waiting.delete(block.client)
    }
  }
  for (const block of blocks) {
    if ((next.get(block.client) ?? 0) < block.structs.length) {
      return incomplete(`The structs of client ${block.client} wait on each other.`, [
        ...waiting.keys(),
      ])
    }
  }
  return { kind: 'complete', state }
}

/** One block (a keystroke, most updates): its structs in order, each on what precedes it. */
function simulateOne(block: ParsedBlock, stateOf: (client: number) => number): Simulated {
  if (block.start > stateOf(block.client)) {
    return incomplete(`Client ${block.client} starts at ${block.start}, after a gap.`, [
      block.client,
    ])
  }
  for (const struct of block.structs) {
    if (struct.kind !== 'item') continue
    const missing = missingDependency(struct, block.client, stateOf)
    if (typeof missing === 'string') return { kind: 'invalid', reason: missing }
    if (missing !== null) {
      return incomplete(`A struct of client ${block.client} builds on a missing one.`, [missing])
    }
  }
  const end = Math.max(stateOf(block.client), block.end)
  return { kind: 'complete', state: new Map([[block.client, end]]) }
}

/**
 * The client of a reference Yjs would find missing (as `Item.getMissing` checks origin, right
 * origin and parent), null when all exist, or a reason when the item refers to its own client's
 * later clocks, which Yjs cannot resolve at all.
 */
function missingDependency(
  item: ParsedItem,
  client: number,
  clockOf: (client: number) => number,
): number | string | null {
  const parent = item.parent !== null && typeof item.parent !== 'string' ? item.parent : null
  return (
    missingReference(item.origin, item.clock, client, clockOf) ??
    missingReference(item.rightOrigin, item.clock, client, clockOf) ??
    missingReference(parent, item.clock, client, clockOf)
  )
}

function missingReference(
  ref: StructId | null,
  clock: number,
  client: number,
  clockOf: (client: number) => number,
): number | string | null {
  if (ref === null) return null
  if (ref.client === client) {
    return ref.clock >= clock ? `A struct of client ${client} refers to its own future.` : null
  }
  return ref.clock >= clockOf(ref.client) ? ref.client : null
}

/**
 * An item is made between its left and right neighbours, which an honest client finds in one
 * list (one parent and key), and a struct that overlaps what the doc has continues the same
 * struct there. Otherwise Yjs would splice the item into two linked lists at once; it does not
 * check this, trusting that one client id never reuses a clock, so the relay does.
 */
function misplacedItem(
  doc: Y.Doc,
  blocks: ParsedBlock[],
  stateOf: (client: number) => number,
): string | null {
  const byClient = new Map(blocks.map((block) => [block.client, block]))
  const places = new Map<ParsedItem, string | null>()
  const placeOfStruct = (item: ParsedItem, depth: number): string | null => {
    const known = places.get(item)
    if (known !== undefined) return known
    let place: string | null = null
    if (item.parent !== null) {
      place = placeKey(item.parent, item.parentSub)
    } else if (depth < 10_000) {
      const neighbour = item.origin ?? item.rightOrigin
      if (neighbour !== null) place = placeOf(neighbour, depth + 1)
    }
    places.set(item, place)
    return place
  }
  const placeOf = (id: StructId, depth: number): string | null => {
    if (id.clock < stateOf(id.client)) {
      const struct = Y.getItem(doc.store, Y.createID(id.client, id.clock))
      if (!(struct instanceof Y.Item) || struct.parent === null) return null
      const parent = struct.parent as Y.AbstractType<unknown>
      const item = parent._item
      return item === null
        ? placeKey(Y.findRootTypeKey(parent), struct.parentSub)
        : placeKey({ client: item.id.client, clock: item.id.clock }, struct.parentSub)
    }
    const struct = structAt(byClient.get(id.client), id.clock)
    return struct?.kind === 'item' ? placeOfStruct(struct, depth) : null
  }
  for (const block of blocks) {
    const known = stateOf(block.client)
    for (const struct of block.structs) {
      if (struct.kind !== 'item' || struct.clock + struct.length <= known) continue
      if (struct.clock < known) {
        // Yjs keeps the part it has and splices the rest after its own struct at known - 1:
        // that must be the first part of this same struct, as it always is for an honest client.
        // (Yjs also fails outright when that struct was garbage-collected meanwhile.)
        const existing = Y.getItem(doc.store, Y.createID(block.client, known - 1))
        if (
          !(existing instanceof Y.Item) ||
          existing.content.getRef() !== struct.content ||
          placeOf({ client: block.client, clock: known - 1 }, 0) !== placeOfStruct(struct, 0)
        ) {
          return `A struct of client ${block.client} does not continue what it overlaps.`
        }
      }
      if (struct.origin === null || struct.rightOrigin === null) continue
      const { origin, rightOrigin } = struct
      if (
        origin.clock < stateOf(origin.client) &&
        rightOrigin.clock < stateOf(rightOrigin.client)
      ) {
        // Both neighbours in the doc (typing between two characters): compare their lists.
        const a = Y.getItem(doc.store, Y.createID(origin.client, origin.clock))
        const b = Y.getItem(doc.store, Y.createID(rightOrigin.client, rightOrigin.clock))
        if (!(a instanceof Y.Item) || !(b instanceof Y.Item) || a.parent === null) continue
        if (a.parent === b.parent && a.parentSub === b.parentSub) continue
      }
      const left = placeOf(struct.origin, 0)
      const right = placeOf(struct.rightOrigin, 0)
      if (left !== null && right !== null && left !== right) {
        return `A struct of client ${block.client} sits between neighbours in two different places.`
      }
    }
  }
  return null
}

function placeKey(parent: string | StructId, parentSub: string | null): string {
  const where = typeof parent === 'string' ? `root ${parent}` : `${parent.client}:${parent.clock}`
  return parentSub === null ? where : `${where} [${parentSub}]`
}

/** The struct of a block that holds `clock`. */
function structAt(block: ParsedBlock | undefined, clock: number): ParsedItem | ParsedGc | null {
  if (block === undefined || clock < block.start || clock >= block.end) return null
  let low = 0
  let high = block.structs.length - 1
  while (low <= high) {
    const middle = (low + high) >> 1
    const struct = block.structs[middle]
    if (struct === undefined) return null
    if (clock < struct.clock) high = middle - 1
    else if (clock >= struct.clock + struct.length) low = middle + 1
    else return struct
  }
  return null
}

function incomplete(reason: string, missing: number[]): Simulated {
  return { kind: 'incomplete', reason, missing: new Set(missing) }
}

/** True when the range covers a struct of the doc that is not deleted yet (or not in it yet). */
function deletesSomething(doc: Y.Doc, range: DeleteRange, known: number): boolean {
  if (range.clock + range.length > known) return true
  const structs = doc.store.clients.get(range.client)
  if (structs === undefined) return true
  const end = range.clock + range.length
  for (let i = Y.findIndexSS(structs, range.clock); i < structs.length; i++) {
    const struct = structs[i]
    if (struct === undefined || struct.id.clock >= end) break
    if (!struct.deleted) return true
  }
  return false
}

/** The update with only the kept blocks (their bytes as sent) and the given deletions. */
function rebuild(update: Uint8Array, blocks: ParsedBlock[], deletes: DeleteRange[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, blocks.length)
  for (const { bytes } of blocks)
    encoding.writeUint8Array(encoder, update.subarray(bytes[0], bytes[1]))
  const byClient = new Map<number, DeleteRange[]>()
  for (const range of deletes) {
    const list = byClient.get(range.client) ?? []
    list.push(range)
    byClient.set(range.client, list)
  }
  encoding.writeVarUint(encoder, byClient.size)
  for (const [client, ranges] of byClient) {
    encoding.writeVarUint(encoder, client)
    encoding.writeVarUint(encoder, ranges.length)
    for (const range of ranges) {
      encoding.writeVarUint(encoder, range.clock)
      encoding.writeVarUint(encoder, range.length)
    }
  }
  return encoding.toUint8Array(encoder)
}
