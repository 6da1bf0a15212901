import * as encoding from 'lib0/encoding'
import type * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { messageAwareness, messageSync } from '../../../shared/protocol/index.ts'

/** Hand-made Yjs updates and y-protocols frames, as an attacker with a valid invite would send. */

/** A sync "update" frame (type 0, sub-type 2) around `update`. */
export function syncUpdateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageSync)
  encoding.writeVarUint(encoder, 2)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

/** An update of one GC struct: "client's clocks [clock, clock + length) were deleted". */
export function gcUpdate(client: number, clock: number, length: number): Uint8Array {
  const encoder = new Y.UpdateEncoderV1()
  encoding.writeVarUint(encoder.restEncoder, 1)
  encoding.writeVarUint(encoder.restEncoder, 1)
  encoder.writeClient(client)
  encoding.writeVarUint(encoder.restEncoder, clock)
  encoder.writeInfo(0)
  encoder.writeLen(length)
  encoding.writeVarUint(encoder.restEncoder, 0)
  return encoder.toUint8Array()
}

/** An update of one item, placed as the fields say (origin, right origin or an explicit parent). */
export function itemUpdate(item: {
  client: number
  clock: number
  origin?: { client: number; clock: number } | null
  rightOrigin?: { client: number; clock: number } | null
  /** A root type's name, or the id of the item holding the parent type. */
  parent?: string | { client: number; clock: number } | null
  parentSub?: string | null
  content: unknown[] | string
}): Uint8Array {
  const id = (ref: { client: number; clock: number }) => Y.createID(ref.client, ref.clock)
  const content =
    typeof item.content === 'string'
      ? new Y.ContentString(item.content)
      : new Y.ContentAny(item.content)
  const struct = new Y.Item(
    Y.createID(item.client, item.clock),
    null,
    item.origin ? id(item.origin) : null,
    null,
    item.rightOrigin ? id(item.rightOrigin) : null,
    (item.parent === undefined || item.parent === null
      ? null
      : typeof item.parent === 'string'
        ? item.parent
        : id(item.parent)) as unknown as Y.AbstractType<unknown>,
    item.parentSub ?? null,
    content,
  )
  const encoder = new Y.UpdateEncoderV1()
  encoding.writeVarUint(encoder.restEncoder, 1)
  encoding.writeVarUint(encoder.restEncoder, 1)
  encoder.writeClient(item.client)
  encoding.writeVarUint(encoder.restEncoder, item.clock)
  struct.write(encoder, 0)
  encoding.writeVarUint(encoder.restEncoder, 0)
  return encoder.toUint8Array()
}

/** An update that only deletes `[clock, clock + length)` of `client`. */
export function deleteUpdate(client: number, clock: number, length: number): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  encoding.writeVarUint(encoder, 1)
  encoding.writeVarUint(encoder, client)
  encoding.writeVarUint(encoder, 1)
  encoding.writeVarUint(encoder, clock)
  encoding.writeVarUint(encoder, length)
  return encoding.toUint8Array(encoder)
}

/** An awareness frame with raw entries: any client id, clock and state text. */
export function awarenessFrame(entries: { client: number; clock: number; state: string }[]) {
  const inner = encoding.createEncoder()
  encoding.writeVarUint(inner, entries.length)
  for (const entry of entries) {
    encoding.writeVarUint(inner, entry.client)
    encoding.writeVarUint(inner, entry.clock)
    encoding.writeVarString(inner, entry.state)
  }
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageAwareness)
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner))
  return encoding.toUint8Array(encoder)
}

/** JSON nested `depth` levels deep. */
export function nested(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)
}

/** The awareness clock a client's entry has now (a forged entry must be newer to count). */
export function awarenessClock(awareness: awarenessProtocol.Awareness, client: number): number {
  return awareness.meta.get(client)?.clock ?? 0
}
