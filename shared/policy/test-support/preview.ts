import * as Y from 'yjs'
import { declareRoots } from '../../model/roots.ts'
import type { RoomKind } from '../../protocol/rooms.ts'

/** What the relay gives a rights check: the doc, a copy with the update applied, what changed. */
export function previewUpdate(doc: Y.Doc, update: Uint8Array, kind: RoomKind) {
  const after = new Y.Doc()
  declareRoots(after, kind)
  Y.applyUpdate(after, Y.encodeStateAsUpdate(doc))
  const changed: Y.Transaction['changed'] = new Map()
  after.on('afterTransaction', (transaction: Y.Transaction) => {
    for (const [type, keys] of transaction.changed) {
      const known = changed.get(type) ?? new Set()
      for (const key of keys) known.add(key)
      changed.set(type, known)
    }
  })
  Y.applyUpdate(after, update)
  return { before: doc, after, changed }
}

/** The update a change makes on a client's synced copy of `doc`. */
export function updateFrom(doc: Y.Doc, change: (client: Y.Doc) => unknown): Uint8Array {
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(doc))
  const before = Y.encodeStateVector(client)
  change(client)
  return Y.encodeStateAsUpdate(client, before)
}
