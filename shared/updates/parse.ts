import * as binary from 'lib0/binary'
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'

/**
 * Highest clock (exclusive) a struct or deletion may reach. A Yjs client id lives for one
 * session of one doc, so no honest client comes near it; 2^53 is where Yjs's own arithmetic
 * breaks (`Y.mergeUpdates` loops forever there).
 */
export const MAX_CLOCK = 2 ** 31
/** Yjs draws client ids as random uint32. */
export const MAX_CLIENT = 2 ** 32
/** Deepest JSON or lib0 value allowed in an item's content; the model nests a few levels. */
export const MAX_VALUE_DEPTH = 32

/** A struct's id, as an update refers to it. */
export type StructId = { client: number; clock: number }

/** Yjs content kinds, by the ref in an item's info byte. */
export const CONTENT = {
  deleted: 1,
  json: 2,
  binary: 3,
  string: 4,
  embed: 5,
  format: 6,
  type: 7,
  any: 8,
  doc: 9,
} as const

export type ParsedItem = {
  kind: 'item'
  clock: number
  length: number
  /** The item that was left of it when it was made, or null. */
  origin: StructId | null
  rightOrigin: StructId | null
  /** A root type's name, the id of the item holding the parent type, or null (taken from a neighbour). */
  parent: string | StructId | null
  /** The key in a map-like parent, or null. */
  parentSub: string | null
  content: number
  /** For type content: the type ref (0 YArray … 6 YXmlText). */
  typeRef: number | null
  /** For format content (text formatting): its key and value (null ends a format). */
  format: { key: string; value: unknown } | null
  /** For JSON-like content set under a key (a map entry, an XML attribute): the values. */
  values: unknown[] | null
}

export type ParsedGc = { kind: 'gc'; clock: number; length: number }

/** One client's run of structs, as one block of the update. */
export type ParsedBlock = {
  client: number
  start: number
  end: number
  structs: (ParsedItem | ParsedGc)[]
  /** Where the block lies in the update's bytes: [from, to). */
  bytes: [number, number]
}

export type DeleteRange = { client: number; clock: number; length: number }

/** What a Yjs update (v1) holds, read the way `Y.applyUpdate` reads it. */
export type ParsedUpdate = {
  blocks: ParsedBlock[]
  deletes: DeleteRange[]
}

/** An update no honest Yjs client sends, or that Yjs itself would fail on half-way. */
export class MalformedUpdate extends Error {
  override readonly name = 'MalformedUpdate'
}

/**
 * Reads an update's structs and delete set without applying it, exactly as Yjs's own reader
 * (`readClientsStructRefs`) consumes the bytes, so what is judged here is what Yjs would
 * integrate. Refuses, with MalformedUpdate, what no client of ours sends and what would make
 * Yjs throw or misbehave after it started changing the doc: Skip structs, subdocuments, clocks
 * or lengths past MAX_CLOCK, client ids past uint32, empty structs or deletions, two blocks for one client
 * (Yjs keeps only the last), unknown content or type refs, and content nested past
 * MAX_VALUE_DEPTH (it could not be encoded again).
 */
export function parseUpdate(update: Uint8Array): ParsedUpdate {
  try {
    return read(new Y.UpdateDecoderV1(decoding.createDecoder(update)))
  } catch (error) {
    if (error instanceof MalformedUpdate) throw error
    throw new MalformedUpdate(`The update cannot be read: ${String(error)}`)
  }
}

function read(decoder: Y.UpdateDecoderV1): ParsedUpdate {
  const rest = decoder.restDecoder
  const blocks: ParsedBlock[] = []
  const seen = new Set<number>()
  const blockCount = decoding.readVarUint(rest)
  for (let b = 0; b < blockCount; b++) {
    const from = rest.pos
    const structCount = decoding.readVarUint(rest)
    const client = decoder.readClient()
    checkClient(client)
    if (seen.has(client)) throw new MalformedUpdate(`Two blocks for client ${client}.`)
    seen.add(client)
    const start = decoding.readVarUint(rest)
    let clock = start
    const structs: (ParsedItem | ParsedGc)[] = []
    for (let i = 0; i < structCount; i++) {
      const struct = readStruct(decoder, clock)
      if (struct.length < 1) throw new MalformedUpdate(`An empty struct at ${client}:${clock}.`)
      clock += struct.length
      if (clock > MAX_CLOCK) throw new MalformedUpdate(`Client ${client} runs past clock 2^31.`)
      structs.push(struct)
    }
    // An empty block changes nothing (but still counts as the client's block above).
    if (structs.length > 0)
      blocks.push({ client, start, end: clock, structs, bytes: [from, rest.pos] })
  }
  const deletes: DeleteRange[] = []
  const clients = decoding.readVarUint(rest)
  for (let c = 0; c < clients; c++) {
    decoder.resetDsCurVal()
    const client = decoding.readVarUint(rest)
    checkClient(client)
    const ranges = decoding.readVarUint(rest)
    for (let r = 0; r < ranges; r++) {
      const clock = decoder.readDsClock()
      const length = decoder.readDsLen()
      if (clock + length > MAX_CLOCK) {
        throw new MalformedUpdate(`A deletion for client ${client} runs past clock 2^31.`)
      }
      // Yjs fails on an empty range it has to keep for later.
      if (length < 1) throw new MalformedUpdate(`An empty deletion for client ${client}.`)
      deletes.push({ client, clock, length })
    }
  }
  return { blocks, deletes }
}

function readStruct(decoder: Y.UpdateDecoderV1, clock: number): ParsedItem | ParsedGc {
  const info = decoder.readInfo()
  const ref = info & binary.BITS5
  if (ref === 0) return { kind: 'gc', clock, length: decoder.readLen() }
  if (ref === 10) throw new MalformedUpdate('Skip structs are not accepted from clients.')
  const cantCopyParentInfo = (info & (binary.BIT7 | binary.BIT8)) === 0
  const origin = (info & binary.BIT8) === binary.BIT8 ? readId(decoder) : null
  const rightOrigin = (info & binary.BIT7) === binary.BIT7 ? readId(decoder) : null
  let parent: string | StructId | null = null
  let parentSub: string | null = null
  if (cantCopyParentInfo) {
    parent = decoder.readParentInfo() ? decoder.readString() : readId(decoder)
    if ((info & binary.BIT6) === binary.BIT6) parentSub = decoder.readString()
  }
  const { length, typeRef, format, values } = readContent(decoder, ref, parentSub !== null)
  return {
    kind: 'item',
    clock,
    length,
    origin,
    rightOrigin,
    parent,
    parentSub,
    content: ref,
    typeRef,
    format,
    values,
  }
}

/** Consumes an item's content as Yjs's `contentRefs` readers do; returns its length in clock ticks. */
type Content = {
  length: number
  typeRef: number | null
  format: ParsedItem['format']
  values: ParsedItem['values']
}

function readContent(decoder: Y.UpdateDecoderV1, ref: number, keyed: boolean): Content {
  const plain = (length: number): Content => ({ length, typeRef: null, format: null, values: null })
  switch (ref) {
    case CONTENT.deleted:
      return plain(decoder.readLen())
    case CONTENT.json: {
      const length = decoder.readLen()
      const values: unknown[] = []
      for (let i = 0; i < length; i++) {
        const text = decoder.readString()
        const value: unknown = text === 'undefined' ? undefined : JSON.parse(text)
        checkDepth(value)
        values.push(value)
      }
      return { ...plain(length), values: keyed ? values : null }
    }
    case CONTENT.binary:
      decoding.readVarUint8Array(decoder.restDecoder)
      return plain(1)
    case CONTENT.string:
      return plain(decoder.readString().length)
    case CONTENT.embed:
      checkDepth(decoder.readJSON())
      return plain(1)
    case CONTENT.format: {
      const key = decoder.readKey()
      const value: unknown = decoder.readJSON()
      checkDepth(value)
      return { ...plain(1), format: { key, value } }
    }
    case CONTENT.type: {
      const typeRef = decoder.readTypeRef()
      // 3 YXmlElement and 5 YXmlHook carry a node name; 0-6 are the types Yjs knows.
      if (typeRef === 3 || typeRef === 5) decoder.readKey()
      else if (typeRef < 0 || typeRef > 6) throw new MalformedUpdate(`Unknown type ref ${typeRef}.`)
      return { ...plain(1), typeRef }
    }
    case CONTENT.any: {
      const length = decoder.readLen()
      const values: unknown[] = []
      for (let i = 0; i < length; i++) {
        const value: unknown = decoder.readAny()
        checkDepth(value)
        values.push(value)
      }
      return { ...plain(length), values: keyed ? values : null }
    }
    case CONTENT.doc:
      throw new MalformedUpdate('Subdocuments are not accepted.')
    default:
      throw new MalformedUpdate(`Unknown content ref ${ref}.`)
  }
}

function readId(decoder: Y.UpdateDecoderV1): StructId {
  const client = decoding.readVarUint(decoder.restDecoder)
  const clock = decoding.readVarUint(decoder.restDecoder)
  checkClient(client)
  if (clock >= MAX_CLOCK) throw new MalformedUpdate(`A reference past clock 2^31.`)
  return { client, clock }
}

function checkClient(client: number): void {
  if (client >= MAX_CLIENT) throw new MalformedUpdate(`Client id ${client} is not a uint32.`)
}

function checkDepth(value: unknown): void {
  if (depthExceeds(value, MAX_VALUE_DEPTH)) {
    throw new MalformedUpdate(`Content nested deeper than ${MAX_VALUE_DEPTH} levels.`)
  }
}

/** True when `value` nests objects or arrays more than `max` levels deep. */
export function depthExceeds(value: unknown, max: number): boolean {
  if (typeof value !== 'object' || value === null || value instanceof Uint8Array) return false
  if (max === 0) return true
  const children = Array.isArray(value) ? value : Object.values(value)
  for (const child of children) if (depthExceeds(child, max - 1)) return true
  return false
}
