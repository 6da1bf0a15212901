import { describe, expect, it } from 'vitest'
import { validateRequest } from './validate.ts'
import { LIMITS, validateRequest as validate } from './validate.ts'
import { MAX_WIRE_DEPTH, parseWire, stringifyWire } from './wire.ts'

describe('the bridge wire format', () => {
  it('carries byte arrays through JSON and back as Uint8Arrays', () => {
    const request = {
      doc: 'w1/paper/p1',
      updates: [new Uint8Array([1, 2, 3]), new Uint8Array(300).fill(255)],
    }
    const back = parseWire(stringifyWire(request)) as typeof request
    expect(back.updates[0]).toBeInstanceOf(Uint8Array)
    expect(back.updates.map((u) => [...u])).toEqual(request.updates.map((u) => [...u]))
    expect(validateRequest('store/append', back).ok).toBe(true)
  })

  it('keeps plain values, nulls and nested objects as they are, and drops undefined fields', () => {
    const value = { a: 'x', b: null, c: [1, true, { d: 'e' }], e: undefined }
    expect(parseWire(stringifyWire(value))).toEqual({ a: 'x', b: null, c: [1, true, { d: 'e' }] })
  })

  it('refuses a $bytes field that is not base64', () => {
    expect(() => parseWire('{"updates":[{"$bytes":"not base64!"}]}')).toThrow(RangeError)
    expect(() => parseWire('{"updates":[{"$bytes":7}]}')).toThrow(RangeError)
  })

  it('refuses nesting deeper than any request', () => {
    const deep = '['.repeat(MAX_WIRE_DEPTH + 2) + ']'.repeat(MAX_WIRE_DEPTH + 2)
    expect(() => parseWire(deep)).toThrow(RangeError)
  })

  it('carries an exported body nested as deep as export/save accepts', () => {
    const nested = (depth: number): unknown =>
      depth === 1
        ? {
            type: 'paragraph',
            content: [
              {
                type: 'text',
                text: 'æøå',
                marks: [{ type: 'link', attrs: { href: 'https://x.org' } }],
              },
            ],
          }
        : { type: 'blockquote', content: [nested(depth - 1)] }
    const source = {
      title: 'Dyp',
      recipients: [],
      language: 'nb',
      date: '2026-11-27',
      place: null,
      body: { type: 'doc', content: [nested(LIMITS.exportDepth - 2)] },
      signatories: [],
      versionName: null,
    }
    const payload = {
      format: 'md',
      source,
      compareWith: null,
      includeComments: false,
      suggestedName: 'd',
    }
    const back = parseWire(stringifyWire({ channel: 'export/save', payload })) as {
      payload: unknown
    }
    expect(validate('export/save', back.payload).ok).toBe(true)
  })

  it('keeps a "__proto__" key as data, so validation refuses it instead of it changing objects', () => {
    const parsed = parseWire('{"link":"samstemt://join?x","__proto__":{"admin":true}}')
    expect(Object.keys(parsed as object)).toContain('__proto__')
    expect(({} as Record<string, unknown>).admin).toBeUndefined()
    expect(validateRequest('workspaces/join', parsed).ok).toBe(false)
  })
})
