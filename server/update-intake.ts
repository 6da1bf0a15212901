import * as encoding from 'lib0/encoding'
import * as authProtocol from 'y-protocols/auth'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { messageAuth, messageSync, writeRefusal } from '../shared/protocol/index.ts'
import { RejectedFrame, type MessageContext } from './relay-context.ts'

/**
 * A client's update (sync step 2 or update): decoded, then refused before anything is applied when
 * the role table or the write guard says no; otherwise applied, broadcast and appended, and
 * acknowledged once committed. A refused update is never stored nor sent to anyone.
 */
export function receiveUpdate(context: MessageContext, update: Uint8Array): void {
  const { services, room, connection } = context
  const decoded = decode(update)
  const refusal = writeRefusal(connection.member, room.parsed, {
    guard: services.writeGuard,
    context: { update, doc: room.doc, loadDoc: services.loadDoc },
  })
  if (refusal !== null) {
    services.metrics.refusedUpdates++
    // A read-only client's sync step 2 repeats what the relay has: no need to scold it.
    if (!isKnown(room.doc, decoded)) {
      services.log('update-refused', { member: connection.member.id, room: room.name, refusal })
      connection.send(permissionDenied(refusal))
    }
    return
  }
  let applied: ReturnType<typeof room.apply>
  try {
    applied = room.apply(update, connection)
  } catch (error) {
    services.resetRoom(room, connection, String(error))
    return
  }
  const { changes, echo } = applied
  if (changes.length === 0) {
    // Nothing new, but the client waits to hear that what it sent is committed.
    if (connection.durable) void room.tail.then(() => room.scheduleDurable())
    return
  }
  for (const change of changes) {
    services.metrics.acceptedUpdate(change.byteLength)
    room.broadcast(updateFrame(change), echo ? null : connection)
  }
  append(context, changes)
}

function append({ services, room, connection }: MessageContext, changes: Uint8Array[]): void {
  // Every append issued in this turn commits in the same transaction, in order: once the last
  // one is on disk, the doc's state as of now is committed.
  const stateVector = Y.encodeStateVector(room.doc)
  const started = performance.now()
  const appends = changes.map((change) =>
    services.store.append(room.name, change, { origin: connection.member.id }),
  )
  room.pendingAppends++
  room.tail = Promise.all(appends).then(
    () => {
      room.pendingAppends--
      room.logLength += changes.length
      room.committedSv = stateVector
      services.metrics.committed((performance.now() - started) / 1000)
      room.scheduleDurable()
      services.registry.committed(room)
    },
    (error: unknown) => {
      room.pendingAppends--
      services.resetRoom(room, null, String(error))
    },
  )
}

function decode(update: Uint8Array): ReturnType<typeof Y.decodeUpdate> {
  try {
    return Y.decodeUpdate(update)
  } catch (error) {
    throw new RejectedFrame('invalidUpdate', String(error))
  }
}

/** True when the update holds nothing the doc lacks: no new structs, no new deletions. */
function isKnown(doc: Y.Doc, { structs, ds }: ReturnType<typeof Y.decodeUpdate>): boolean {
  for (const struct of structs) {
    if (struct instanceof Y.Skip) continue
    if (struct.id.clock + struct.length > Y.getState(doc.store, struct.id.client)) return false
  }
  if (ds.clients.size === 0) return true
  const known = Y.createDeleteSetFromStructStore(doc.store)
  return Y.equalDeleteSets(known, Y.mergeDeleteSets([known, ds]))
}

function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageSync)
  syncProtocol.writeUpdate(encoder, update)
  return encoding.toUint8Array(encoder)
}

function permissionDenied(reason: string): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageAuth)
  authProtocol.writePermissionDenied(encoder, reason)
  return encoding.toUint8Array(encoder)
}
