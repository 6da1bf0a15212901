import {
  both,
  boolean,
  integer,
  isPlainObject,
  kind,
  listOf,
  nullable,
  object,
  oneOf,
  string,
  type Check,
} from './checks.ts'
import { FORMAT_IDS, FORMATS, REDLINE_FORMAT_IDS } from '../export/formats.ts'
import type { ExportFormat, ExportStage } from './contract.ts'

// What `export/save` accepts: an ExportSource in the shape shared/export reads, bounded in size
// and depth. Rendering walks the body recursively, and a paper of many megabytes would tie the
// host up printing for minutes, so both are capped far above any real position paper.

export const EXPORT_LIMITS = {
  /** Characters in all the strings of one source (body, comments, names): about 1000 pages. */
  exportChars: 4_000_000,
  /** Nodes in one body. */
  exportNodes: 200_000,
  /** Nesting of the body's nodes (a list in a table cell in a quote ...). */
  exportDepth: 40,
  exportComments: 5_000,
  exportReplies: 1_000,
  /** Recipients, and signatories, per source. */
  exportNames: 500,
  /** A title, a name, an organisation, a place, a version name. */
  exportFieldChars: 1_000,
  exportFileNameChars: 255,
} as const

export const EXPORT_FORMATS: readonly ExportFormat[] = FORMAT_IDS
/** The formats a redline (`compareWith`) can be exported to: tracked changes need Word or print. */
export const REDLINE_FORMATS: readonly ExportFormat[] = REDLINE_FORMAT_IDS
export const EXPORT_STAGES = [
  'preparing',
  'rendering',
  'printing',
  'writing',
  'done',
] as const satisfies ExportStage[]

const NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/
const ISO_DATE =
  /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})?)?$/
const ATTRS = 32
const MARKS = 32

/** What is left to spend while one source is checked. */
type Budget = { chars: number; nodes: number }

/** A string that counts towards the source's characters. */
function counted(budget: Budget, maxLength: number): Check {
  const check = string(maxLength)
  return (value, path) => {
    const problem = check(value, path)
    if (problem) return problem
    budget.chars -= (value as string).length
    return budget.chars < 0
      ? `${path}: the paper holds more than ${EXPORT_LIMITS.exportChars} characters in all`
      : null
  }
}

function attrValue(budget: Budget): Check {
  const text = counted(budget, Infinity)
  const scalar: Check = (value, path) => {
    if (value === null || typeof value === 'boolean') return null
    if (typeof value === 'number') return Number.isFinite(value) ? null : `${path} is not finite`
    if (typeof value === 'string') return text(value, path)
    return `${path} must be text, a number, true/false or null; got ${kind(value)}`
  }
  // Arrays hold scalars only: a table cell's column widths.
  return (value, path) =>
    Array.isArray(value) ? listOf(scalar, 64)(value, path) : scalar(value, path)
}

function attrs(budget: Budget): Check {
  const entry = attrValue(budget)
  return (value, path) => {
    if (!isPlainObject(value)) return `${path} must be an object; got ${kind(value)}`
    const keys = Object.keys(value)
    if (keys.length > ATTRS) return `${path} has more than ${ATTRS} attributes`
    for (const key of keys) {
      if (!NAME.test(key)) return `${path} has an attribute name that is not a name`
      const problem = entry(value[key], `${path}.${key}`)
      if (problem) return problem
    }
    return null
  }
}

/** A node of Tiptap JSON. Its children's checks are made as they are reached, one level each. */
function node(budget: Budget, depth: number): Check {
  return (value, path) => {
    if (depth > EXPORT_LIMITS.exportDepth) {
      return `${path} is nested more than ${EXPORT_LIMITS.exportDepth} levels deep`
    }
    if (!isPlainObject(value))
      return `${path} must be an object (a Tiptap node); got ${kind(value)}`
    if (--budget.nodes < 0) {
      return `${path}: the body has more than ${EXPORT_LIMITS.exportNodes} nodes`
    }
    const mark = object({ type: string(64, NAME, 'mark type') }, { attrs: attrs(budget) })
    return object(
      { type: string(64, NAME, 'node type') },
      {
        attrs: attrs(budget),
        content: listOf(node(budget, depth + 1), EXPORT_LIMITS.exportNodes),
        marks: listOf(mark, MARKS),
        text: counted(budget, Infinity),
      },
    )(value, path)
  }
}

function body(budget: Budget): Check {
  const doc = node(budget, 1)
  return (value, path) =>
    doc(value, path) ??
    ((value as { type: string }).type === 'doc' ? null : `${path}.type must be "doc"`)
}

const range = both(
  object({
    start: integer(0, Number.MAX_SAFE_INTEGER),
    end: integer(0, Number.MAX_SAFE_INTEGER),
  }),
  (value, path) => {
    const { start, end } = value as { start: number; end: number }
    return start <= end ? null : `${path}.start is after ${path}.end`
  },
)

const time = integer(0, 8.64e15)

function source(budget: Budget): Check {
  const short = counted(budget, EXPORT_LIMITS.exportFieldChars)
  const long = counted(budget, Infinity)
  const reply = object({ author: short, organisation: short, text: long, createdAt: time })
  const comment = object(
    {
      id: short,
      author: short,
      organisation: short,
      text: long,
      createdAt: time,
      replies: listOf(reply, EXPORT_LIMITS.exportReplies),
      range: nullable(range),
    },
    { quote: long, resolved: boolean },
  )
  const signatory = object({ organisation: short }, { endorsedBy: short, versionName: short })
  return object(
    {
      title: short,
      recipients: listOf(short, EXPORT_LIMITS.exportNames),
      language: oneOf(['nb', 'en']),
      date: string(40, ISO_DATE, 'ISO date (YYYY-MM-DD)'),
      place: nullable(short),
      body: body(budget),
      signatories: listOf(signatory, EXPORT_LIMITS.exportNames),
      versionName: nullable(short),
    },
    { comments: listOf(comment, EXPORT_LIMITS.exportComments) },
  )
}

/** An ExportSource (shared/export/types.ts), each checked against limits of its own. */
export const exportSource: Check = (value, path) =>
  source({ chars: EXPORT_LIMITS.exportChars, nodes: EXPORT_LIMITS.exportNodes })(value, path)

/** The `export/save` request: its fields, then the combinations that make no export. */
export const exportRequest: Check = both(
  object({
    format: oneOf(EXPORT_FORMATS),
    source: exportSource,
    compareWith: nullable(exportSource),
    includeComments: boolean,
    suggestedName: string(EXPORT_LIMITS.exportFileNameChars, undefined, 'file name'),
  }),
  (value, path) => {
    const request = value as {
      format: ExportFormat
      compareWith: unknown
      includeComments: boolean
    }
    if (request.compareWith === null) return null
    if (!REDLINE_FORMATS.includes(request.format)) {
      const which = REDLINE_FORMATS.map((id) => FORMATS[id].name).join(' and ')
      return `${path}.compareWith is for ${which} only (a redline needs tracked changes or print), not ${request.format}`
    }
    return request.includeComments
      ? `${path}.includeComments must be false with compareWith: a redline shows changes, not comments`
      : null
  },
)

export const exportProgress: Check = object({ stage: oneOf(EXPORT_STAGES) })
