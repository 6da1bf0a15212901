import { fromBase64, toBase64 } from 'lib0/buffer'
import { isBytes, isPlainObject } from './checks.ts'
import { LIMITS } from './validate.ts'

// The preview bridge carries the contract as JSON. JSON has no bytes, so every Uint8Array
// travels as `{ "$bytes": "<base64>" }` and is turned back into a Uint8Array on arrival.

const BYTES = '$bytes'
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/
/**
 * Deeper than any contract payload (an exported body nests two levels per node: the node and
 * its content array); stops a hostile body from exhausting the stack.
 */
export const MAX_WIRE_DEPTH = 2 * LIMITS.exportDepth + 16

/** A JSON-safe copy of `value` with its byte arrays encoded. */
export function toWire(value: unknown): unknown {
  if (isBytes(value)) return { [BYTES]: toBase64(value) }
  if (Array.isArray(value)) return value.map(toWire)
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {}
    for (const [key, entry] of Object.entries(value)) {
      if (entry !== undefined) out[key] = toWire(entry)
    }
    return out
  }
  return value
}

/**
 * Turns parsed JSON back into contract values. Throws a RangeError on a malformed byte field or
 * nesting deeper than any contract payload; the bridge answers such a body with invalid-payload.
 */
export function fromWire(value: unknown, depth = 0): unknown {
  if (depth > MAX_WIRE_DEPTH) throw new RangeError('nested too deeply')
  if (Array.isArray(value)) return value.map((entry) => fromWire(entry, depth + 1))
  if (!isPlainObject(value)) return value
  const keys = Object.keys(value)
  if (keys.length === 1 && keys[0] === BYTES) {
    const encoded = value[BYTES]
    if (typeof encoded !== 'string' || !BASE64.test(encoded)) {
      throw new RangeError('a $bytes field is not base64')
    }
    return fromBase64(encoded)
  }
  // A null prototype, so a "__proto__" key stays a plain (and then refused) key.
  const out = Object.create(null) as Record<string, unknown>
  for (const key of keys) out[key] = fromWire(value[key], depth + 1)
  return out
}

/** JSON text for the bridge. */
export function stringifyWire(value: unknown): string {
  return JSON.stringify(toWire(value))
}

/** Parses bridge JSON text; throws (SyntaxError or RangeError) when it is not valid. */
export function parseWire(text: string): unknown {
  return fromWire(JSON.parse(text) as unknown)
}
