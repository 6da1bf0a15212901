import * as encoding from 'lib0/encoding'
import * as authProtocol from 'y-protocols/auth'
import * as syncProtocol from 'y-protocols/sync'
import { messageAuth, messageSync, writeRefusal } from '../shared/protocol/index.ts'
import { judgeUpdate, MalformedUpdate, parseUpdate } from '../shared/updates/index.ts'
import { RejectedFrame, type MessageContext } from './relay-context.ts'
import type { Preview } from './room.ts'

/**
 * A client's update (sync step 2 or update), checked in three steps before anything is applied:
 * 1. what it is: it reads as a Yjs update with bounded clocks, no Skip structs and no
 *    subdocuments, else the socket is closed (1007);
 * 2. whose it is and what it builds on: blocks under client ids owned by other members are left
 *    out (their owners send them), and what remains must integrate completely, else the socket is
 *    closed with outOfOrder (4000) so the client reconnects and resends in order: nothing is ever
 *    held pending on the relay, to be released later under someone else's update;
 * 3. what it does: the role table and the write policy (shared/policy), which compare the doc
 *    before and after. A refused update is never applied, stored or sent to anyone.
 * An accepted update is applied, broadcast, appended (with the claims of any new client ids, in
 * the same commit) and acknowledged once committed.
 */
export function receiveUpdate(context: MessageContext, update: Uint8Array): void {
  const { services, room, connection } = context
  const member = connection.member
  let parsed
  try {
    parsed = parseUpdate(update)
  } catch (error) {
    if (error instanceof MalformedUpdate) throw new RejectedFrame('invalidUpdate', error.message)
    throw error
  }
  const judged = judgeUpdate(room.doc, parsed, update, (client) =>
    room.owners.ownerOf(client, member.id),
  )
  if (judged.kind === 'invalid') throw new RejectedFrame('invalidUpdate', judged.reason)
  if (judged.kind === 'incomplete') {
    // It builds on a change of this client that was refused: refused for the same reason.
    if ([...judged.missing].every((client) => connection.heldBack.has(client))) {
      refuse(
        context,
        'This change builds on an earlier one of yours that was refused.',
        judged.missing,
      )
      return
    }
    throw new RejectedFrame('outOfOrder', judged.reason)
  }
  if (judged.dropped.foreignBlocks > 0 || judged.dropped.deletes > 0) {
    services.log('update-trimmed', {
      member: member.id,
      room: room.name,
      foreignBlocks: judged.dropped.foreignBlocks,
      clippedDeletes: judged.dropped.deletes,
    })
  }
  if (!judged.changes) {
    // Nothing new, but the client waits to hear that what it sent is committed.
    if (connection.durable) void room.tail.then(() => room.scheduleDurable())
    return
  }
  let preview: Preview | null = null
  const refusal = writeRefusal(member, room.parsed, {
    guard: services.writeGuard,
    context: {
      update: judged.update,
      doc: room.doc,
      loadDoc: services.loadDoc,
      preview: () => (preview ??= previewOf(context, judged.update)),
      blocks: judged.blocks,
    },
  })
  if (refusal !== null) {
    if (preview !== null) room.dropPreview()
    refuse(context, refusal, new Set(judged.blocks.map((block) => block.client)))
    return
  }
  room.owners.claim(judged.claims, member.id)
  let changes: Uint8Array[]
  try {
    changes = room.apply(judged.update, connection, preview !== null)
  } catch (error) {
    services.resetRoom(room, connection, String(error))
    return
  }
  for (const change of changes) {
    services.metrics.acceptedUpdate(change.byteLength)
    room.broadcast(updateFrame(change), connection)
  }
  if (changes.length > 0) append(context, changes)
}

function previewOf(context: MessageContext, update: Uint8Array): Preview {
  try {
    return context.room.preview(update)
  } catch (error) {
    throw new RejectedFrame('invalidUpdate', `Yjs cannot apply the update: ${String(error)}`)
  }
}

function refuse(
  { services, room, connection }: MessageContext,
  reason: string,
  clients: Set<number>,
) {
  services.metrics.refusedUpdates++
  for (const client of clients) connection.heldBack.add(client)
  services.log('update-refused', { member: connection.member.id, room: room.name, refusal: reason })
  connection.send(permissionDenied(reason))
}

function append({ services, room, connection }: MessageContext, changes: Uint8Array[]): void {
  // Every append issued in this turn commits in the same transaction: once they are on disk, the
  // doc's state as of the end of this turn is committed (encoded once per room and turn).
  const turn = room.endOfTurn()
  const started = performance.now()
  const appends = changes.map((change) =>
    services.store.append(room.name, change, { origin: connection.member.id }),
  )
  room.pendingAppends++
  room.tail = Promise.all(appends).then(
    () => {
      room.pendingAppends--
      room.logLength += changes.length
      if (turn.stateVector !== null) room.committedSv = turn.stateVector
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
