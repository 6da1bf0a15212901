import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'
import type { JSONContent } from '@tiptap/core'
import { PAPER_LANGUAGES, type PaperLanguage } from './paper.ts'
import {
  describe,
  isPlainObject,
  oneOf,
  readRecord,
  stringList,
  text,
  type FieldReader,
  type Problem,
  type Read,
  type Spec,
} from './validate.ts'

/** What a named version freezes and an endorsement vouches for: the paper as its readers see it. */
export type PaperContent = {
  title: string
  recipients: string[]
  language: PaperLanguage
  /** Tiptap JSON in the body schema's normal form (as `readBodyJSON` returns it). */
  body: JSONContent
}

/**
 * The one string every machine builds for the same visible paper: object keys sorted by code
 * unit, strings in Unicode NFC (a composed and a decomposed "å" look the same), and in the body
 * no null attributes and no empty `attrs`, `marks` or `content`, so a schema that gains an
 * attribute without a value, or JSON that spells "nothing" differently, hashes the same.
 * Numbers are written as JavaScript writes them; there is no whitespace.
 */
export function canonicalJson(content: PaperContent): string {
  return serialise({
    title: content.title,
    recipients: content.recipients,
    language: content.language,
    body: normaliseNode(content.body),
  })
}

/** Lowercase hex SHA-256 of the canonical JSON of `content`. */
export function contentHash(content: PaperContent): string {
  return hashCanonical(canonicalJson(content))
}

/** Lowercase hex SHA-256 of a canonical JSON string as stored in a version (UTF-8 bytes). */
export function hashCanonical(json: string): string {
  return bytesToHex(sha256(utf8ToBytes(json)))
}

const bodyField: FieldReader<JSONContent> = (value, path, problems) => {
  if (isPlainObject(value) && value.type === 'doc') return value as JSONContent
  problems.push({ path, message: `expected a Tiptap doc; got ${describe(value)}` })
  return { type: 'doc', content: [] }
}

const contentSpec: Spec<PaperContent> = {
  title: text(),
  recipients: stringList,
  language: oneOf(PAPER_LANGUAGES, 'en'),
  body: bodyField,
}

/** A version's stored content read back: to open it read-only, export it or restore it. */
export function parsePaperContent(json: string): Read<PaperContent> {
  const problems: Problem[] = []
  let parsed: unknown
  try {
    parsed = JSON.parse(json)
  } catch (error) {
    // JSON.parse reports malformed text only by throwing.
    problems.push({ path: 'content', message: `not JSON: ${String(error)}` })
  }
  const source = isPlainObject(parsed) ? parsed : {}
  if (problems.length === 0 && !isPlainObject(parsed)) {
    problems.push({ path: 'content', message: `expected an object; got ${describe(parsed)}` })
  }
  const value = readRecord(contentSpec, (key) => source[key], 'content', problems)
  return { value, problems }
}

/** True when `json` is exactly the canonical form of the paper content it holds. */
export function isCanonicalContent(json: string): boolean {
  const read = parsePaperContent(json)
  return read.problems.length === 0 && canonicalJson(read.value) === json
}

const DROPPED_WHEN_EMPTY = new Set(['attrs', 'marks', 'content'])

function normaliseNode(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normaliseNode)
  if (!isPlainObject(node)) return node
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(node)) {
    const normalised = key === 'attrs' ? normaliseAttrs(value) : normaliseNode(value)
    if (normalised === undefined) continue
    if (DROPPED_WHEN_EMPTY.has(key) && isEmpty(normalised)) continue
    out[key] = normalised
  }
  return out
}

function normaliseAttrs(attrs: unknown): unknown {
  if (!isPlainObject(attrs)) return attrs
  return Object.fromEntries(Object.entries(attrs).filter(([, value]) => value != null))
}

function isEmpty(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0
  return isPlainObject(value) && Object.keys(value).length === 0
}

/** JSON with sorted keys, no whitespace, NFC strings; undefined entries left out as JSON does. */
function serialise(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.normalize('NFC'))
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null'
  if (typeof value === 'boolean' || value === null) return JSON.stringify(value)
  if (Array.isArray(value)) {
    return `[${value.map((entry) => (entry === undefined ? 'null' : serialise(entry))).join(',')}]`
  }
  if (typeof value === 'object') {
    // Keys are normalised before sorting, so the order is the same whatever form they came in.
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined && typeof entry !== 'function')
      .map(([key, entry]) => [key.normalize('NFC'), entry] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${serialise(entry)}`).join(',')}}`
  }
  return 'null'
}
