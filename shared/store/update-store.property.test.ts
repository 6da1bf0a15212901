import { join } from 'node:path'
import * as prng from 'lib0/prng'
import { expect, test } from 'vitest'
import * as Y from 'yjs'
import { useTempDir } from '../../test/helpers/temp-dir.ts'
import { UpdateStore } from './index.ts'

const tempDir = useTempDir('samstemt-prop-')
const SEEDS = Array.from({ length: 40 }, (_, i) => 1000 + i)
const DOCS = ['w/index', 'w/paper/a', 'w/paper/a/comments']

type Replica = { doc: Y.Doc; text: Y.Text }

/**
 * Random appends (from several writers per doc), compactions (awaited or left running),
 * flushes and reopens must leave every doc in the store equal to an in-memory replica.
 */
test.each(SEEDS)(
  'random appends, compactions and reopens match a replica (seed %i)',
  async (seed) => {
    const gen = prng.create(seed)
    const file = join(tempDir(), 'prop.sqlite')
    let store = UpdateStore.open(file, { compactionChunk: prng.int32(gen, 1, 40) })
    const replicas = new Map<string, Replica>()
    const writers: { name: string; doc: Y.Doc }[] = []
    for (const name of DOCS) {
      const doc = new Y.Doc()
      replicas.set(name, { doc, text: doc.getText('t') })
      for (let i = 0; i < 2; i++) writers.push({ name, doc: new Y.Doc() })
    }
    let inflight: Promise<unknown>[] = []

    const check = () => {
      for (const [name, replica] of replicas) {
        const loaded = store.load(name)
        expect(loaded.getText('t').toString(), `seed ${seed}, ${name}`).toBe(
          replica.text.toString(),
        )
        expect(Y.encodeStateVector(loaded), `seed ${seed}, ${name}`).toEqual(
          Y.encodeStateVector(replica.doc),
        )
      }
    }

    for (let step = 0; step < 300; step++) {
      const action = prng.int32(gen, 0, 99)
      if (action < 80) {
        const writer = prng.oneOf(gen, writers)
        const text = writer.doc.getText('t')
        const before = Y.encodeStateVector(writer.doc)
        if (text.length > 0 && prng.bool(gen)) {
          const at = prng.int32(gen, 0, text.length - 1)
          text.delete(at, prng.int32(gen, 1, Math.min(5, text.length - at)))
        } else {
          text.insert(prng.int32(gen, 0, text.length), prng.word(gen, 1, 6))
        }
        const update = Y.encodeStateAsUpdate(writer.doc, before)
        Y.applyUpdate(replicas.get(writer.name)!.doc, update)
        // Writers of one doc also learn each other's edits now and then, as peers do.
        if (prng.bool(gen)) {
          for (const peer of writers.filter((w) => w.name === writer.name && w !== writer)) {
            Y.applyUpdate(peer.doc, Y.encodeStateAsUpdate(writer.doc))
          }
        }
        inflight.push(store.append(writer.name, update))
      } else if (action < 88) {
        const job = store.compact(prng.oneOf(gen, DOCS))
        if (prng.bool(gen)) await job
        else inflight.push(job)
      } else if (action < 94) {
        await Promise.all(inflight)
        inflight = []
        check()
      } else {
        await Promise.all(inflight)
        inflight = []
        await store.close()
        store = UpdateStore.open(file, { compactionChunk: prng.int32(gen, 1, 40) })
        check()
      }
    }
    await Promise.all(inflight)
    check()
    await store.close()
  },
)
