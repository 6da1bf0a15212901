import * as prng from 'lib0/prng'
import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { judgeUpdate } from './judge.ts'
import { MalformedUpdate, parseUpdate } from './parse.ts'

const SEEDS = Number(process.env.SAMSTEMT_SEEDS ?? 150)

/** A random edit of the kinds the app makes: text, maps, arrays, XML, nested types, deletions. */
function edit(gen: prng.PRNG, doc: Y.Doc): void {
  const text = doc.getText('text')
  const map = doc.getMap<unknown>('map')
  const list = doc.getArray<unknown>('list')
  const body = doc.getXmlFragment('body')
  switch (prng.int32(gen, 0, 6)) {
    case 0:
      text.insert(prng.int32(gen, 0, text.length), prng.word(gen, 1, 6))
      break
    case 1:
      if (text.length > 0) {
        const at = prng.int32(gen, 0, text.length - 1)
        text.delete(at, prng.int32(gen, 1, text.length - at))
      }
      break
    case 2: {
      const nested = new Y.Map<unknown>()
      map.set(prng.word(gen, 1, 2), prng.bool(gen) ? prng.word(gen) : nested)
      if (nested.doc) nested.set('replies', new Y.Array())
      break
    }
    case 3:
      if (map.size > 0) map.delete(prng.oneOf(gen, [...map.keys()]))
      break
    case 4:
      list.insert(prng.int32(gen, 0, list.length), [prng.int32(gen, 0, 9), { at: prng.word(gen) }])
      break
    case 5: {
      const paragraph = new Y.XmlElement('paragraph')
      body.insert(prng.int32(gen, 0, body.length), [paragraph])
      paragraph.insert(0, [new Y.XmlText(prng.word(gen, 1, 8))])
      break
    }
    default:
      if (body.length > 0) body.delete(prng.int32(gen, 0, body.length - 1), 1)
      if (list.length > 0) list.delete(0, 1)
  }
}

/** Whatever an update would do when applied to a copy of `doc`. */
function applyToCopy(doc: Y.Doc, update: Uint8Array): Y.Doc {
  const copy = new Y.Doc({ gc: doc.gc })
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  Y.applyUpdate(copy, update)
  return copy
}

/**
 * Links a forged update must never break: each item's neighbours are items of its own list
 * (same parent and key) that link back to it, and no two structs of a client overlap.
 */
function misplaced(doc: Y.Doc): string[] {
  const found: string[] = []
  for (const [client, structs] of doc.store.clients) {
    let clock = 0
    for (const struct of structs) {
      if (struct.id.clock !== clock) found.push(`${client}:${struct.id.clock} after ${clock}`)
      clock = struct.id.clock + struct.length
      if (!(struct instanceof Y.Item)) continue
      for (const [side, neighbour] of [
        ['left', struct.left],
        ['right', struct.right],
      ] as const) {
        if (neighbour === null) continue
        const back = side === 'left' ? neighbour.right : neighbour.left
        if (
          !(neighbour instanceof Y.Item) ||
          back !== struct ||
          neighbour.parent !== struct.parent ||
          neighbour.parentSub !== struct.parentSub
        ) {
          found.push(`${client}:${struct.id.clock} ${side}`)
        }
      }
    }
  }
  return found
}

/** Flips a few bits of a copy of `update`. */
function mutate(gen: prng.PRNG, update: Uint8Array): Uint8Array {
  const copy = update.slice()
  for (let i = prng.int32(gen, 1, 3); i > 0; i--) {
    const at = prng.int32(gen, 0, copy.length - 1)
    copy[at] = (copy[at] ?? 0) ^ (1 << prng.int32(gen, 0, 7))
  }
  return copy
}

describe('judging an update before applying it agrees with what Yjs does', () => {
  test(`over ${SEEDS} seeds of edits, partial syncs, reordered and mangled updates`, () => {
    const judged = { complete: 0, incomplete: 0, malformed: 0 }
    for (let seed = 1; seed <= SEEDS; seed++) {
      const gen = prng.create(seed)
      // Client ids from the seed, so that a failing seed replays exactly.
      const replicas = [1, 2, 3].map(() => {
        const doc = new Y.Doc()
        doc.clientID = prng.uint32(gen, 1, 2 ** 32 - 1)
        return doc
      })
      const updates: Uint8Array[] = []
      for (const replica of replicas) replica.on('update', (u: Uint8Array) => updates.push(u))
      for (let step = 0; step < 40; step++) {
        const replica = prng.oneOf(gen, replicas)
        edit(gen, replica)
        if (prng.int32(gen, 0, 4) === 0) {
          const from = prng.oneOf(gen, replicas)
          const to = prng.oneOf(gen, replicas)
          Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)))
        }
      }
      const target = new Y.Doc()
      // Receives only what honest clients sent, for the last check below.
      const clean = new Y.Doc()
      const candidates = [
        // An honest diff against the target's state, and single transactions out of order.
        ...replicas.map((r) => ({ honest: true, update: Y.encodeStateAsUpdate(r) })),
        ...updates.slice(0, 60).map((u) => {
          const honest = prng.bool(gen)
          return { honest, update: honest ? u : mutate(gen, u) }
        }),
      ]
      for (const { honest, update: candidate } of prng.bool(gen)
        ? candidates
        : candidates.reverse()) {
        let parsed
        try {
          parsed = parseUpdate(candidate)
        } catch (error) {
          expect(error).toBeInstanceOf(MalformedUpdate)
          judged.malformed++
          continue
        }
        if (honest) {
          const verdict = judgeUpdate(clean, parsed, candidate)
          if (verdict.kind === 'complete') Y.applyUpdate(clean, verdict.update)
        }
        const verdict = judgeUpdate(target, parsed, candidate)
        if (verdict.kind === 'invalid') continue
        if (verdict.kind === 'incomplete') {
          judged.incomplete++
          // Applied, it would be held back, or make Yjs fail half-way.
          let pending = true
          try {
            pending = applyToCopy(target, candidate).store.pendingStructs !== null
          } catch {
            // Refused either way.
          }
          expect(pending, `seed ${seed}: judged incomplete`).toBe(true)
          continue
        }
        judged.complete++
        let copy: Y.Doc
        try {
          copy = applyToCopy(target, verdict.update)
        } catch (error) {
          throw new Error(`seed ${seed}: Yjs threw on an update judged complete`, { cause: error })
        }
        expect(copy.store.pendingStructs, `seed ${seed}: pending structs`).toBeNull()
        expect(copy.store.pendingDs, `seed ${seed}: pending deletions`).toBeNull()
        const grew = Y.encodeStateVector(copy).join() !== Y.encodeStateVector(target).join()
        if (grew) expect(verdict.changes, `seed ${seed}: new structs are a change`).toBe(true)
        Y.applyUpdate(target, verdict.update)
        expect(misplaced(target), `seed ${seed}: an item linked into another list`).toEqual([])
      }
      // Whatever was refused as incomplete arrives complete in an honest diff.
      for (const replica of replicas) {
        const diff = Y.encodeStateAsUpdate(replica, Y.encodeStateVector(clean))
        const verdict = judgeUpdate(clean, parseUpdate(diff), diff)
        expect(verdict.kind, `seed ${seed}: an honest diff`).toBe('complete')
        if (verdict.kind === 'complete') Y.applyUpdate(clean, verdict.update)
      }
      const union = new Y.Doc()
      for (const replica of replicas) Y.applyUpdate(union, Y.encodeStateAsUpdate(replica))
      expect(clean.getText('text').toString(), `seed ${seed}`).toBe(
        union.getText('text').toString(),
      )
    }
    expect(judged.complete).toBeGreaterThan(SEEDS)
    expect(judged.incomplete).toBeGreaterThan(0)
    expect(judged.malformed).toBeGreaterThan(0)
  }, 600_000)
})
