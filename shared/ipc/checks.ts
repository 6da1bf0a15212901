// Small structural checks for IPC payloads. Each returns null when the value fits, else a short
// reason naming the offending path, so a refusal says exactly what was wrong.

export type Check = (value: unknown, path: string) => string | null

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/** True for a Uint8Array (or Buffer) from any realm: structured clone and contextBridge copy it. */
export function isBytes(value: unknown): value is Uint8Array {
  return Object.prototype.toString.call(value) === '[object Uint8Array]'
}

export function kind(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (isBytes(value)) return 'bytes'
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`
}

/** Nothing at all: the request of a channel that takes none. */
export const none: Check = (value, path) =>
  value === undefined ? null : `${path} must be absent; got ${kind(value)}`

export function string(maxLength: number, pattern?: RegExp, what = 'string'): Check {
  return (value, path) => {
    if (typeof value !== 'string') return `${path} must be a ${what}; got ${kind(value)}`
    if (value.length > maxLength) return `${path} is longer than ${maxLength} characters`
    if (pattern && !pattern.test(value)) return `${path} is not a valid ${what}`
    return null
  }
}

export function oneOf(values: readonly string[]): Check {
  return (value, path) =>
    typeof value === 'string' && values.includes(value)
      ? null
      : `${path} must be one of ${values.join(', ')}`
}

export function nullable(check: Check): Check {
  return (value, path) => (value === null ? null : check(value, path))
}

export function bytes(maxBytes: number): Check {
  return (value, path) => {
    if (!isBytes(value)) return `${path} must be bytes (Uint8Array); got ${kind(value)}`
    if (value.byteLength === 0) return `${path} is empty`
    if (value.byteLength > maxBytes) return `${path} is larger than ${maxBytes} bytes`
    return null
  }
}

/** An array of 1..maxItems items; `maxTotalBytes` caps the summed size of byte items. */
export function arrayOf(item: Check, maxItems: number, maxTotalBytes = Infinity): Check {
  return (value, path) => {
    if (!Array.isArray(value)) return `${path} must be an array; got ${kind(value)}`
    if (value.length === 0) return `${path} is empty`
    if (value.length > maxItems) return `${path} has more than ${maxItems} items`
    let total = 0
    for (let i = 0; i < value.length; i++) {
      const problem = item(value[i], `${path}[${i}]`)
      if (problem) return problem
      const entry: unknown = value[i]
      if (isBytes(entry)) total += entry.byteLength
    }
    return total > maxTotalBytes ? `${path} holds more than ${maxTotalBytes} bytes in all` : null
  }
}

/**
 * A plain object with exactly these fields (optional ones may be absent); any other key is
 * refused, so a payload cannot smuggle fields a later version might start to trust.
 */
export function object(required: Record<string, Check>, optional: Record<string, Check> = {}) {
  return ((value, path) => {
    if (!isPlainObject(value)) return `${path} must be an object; got ${kind(value)}`
    for (const key of Object.keys(value)) {
      if (!Object.hasOwn(required, key) && !Object.hasOwn(optional, key))
        return `${path}.${key} is not expected`
    }
    for (const [key, check] of Object.entries(required)) {
      if (!Object.hasOwn(value, key)) return `${path}.${key} is missing`
      const problem = check(value[key], `${path}.${key}`)
      if (problem) return problem
    }
    for (const [key, check] of Object.entries(optional)) {
      if (!Object.hasOwn(value, key)) continue
      const problem = check(value[key], `${path}.${key}`)
      if (problem) return problem
    }
    return null
  }) satisfies Check
}

export const boolean: Check = (value, path) =>
  typeof value === 'boolean' ? null : `${path} must be true or false; got ${kind(value)}`

/** An integer in [min, max]; epoch milliseconds, offsets and the like. */
export function integer(min: number, max: number): Check {
  return (value, path) =>
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
      ? null
      : `${path} must be a whole number from ${min} to ${max}`
}

/** An array of 0..maxItems items (`arrayOf` is for batches, which are never empty). */
export function listOf(item: Check, maxItems: number): Check {
  return (value, path) => {
    if (!Array.isArray(value)) return `${path} must be an array; got ${kind(value)}`
    if (value.length > maxItems) return `${path} has more than ${maxItems} items`
    for (let i = 0; i < value.length; i++) {
      const problem = item(value[i], `${path}[${i}]`)
      if (problem) return problem
    }
    return null
  }
}

/** Both checks, in order: the first problem found. */
export function both(first: Check, second: Check): Check {
  return (value, path) => first(value, path) ?? second(value, path)
}
