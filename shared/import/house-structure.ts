import { templateHeadings } from '../model/template.ts'
import type { TemplateSection } from '../model/template-structure.ts'
import type { Draft } from './html-to-body.ts'

/*
 * The house template's frame, recognised where a DOCX has it (our own export writes it with
 * these styles, which the style map turns into classes): document kind, title, "To:" line, place
 * and date, version; the key messages box; the template's sections by their headings' words; the
 * signatories. Everything recognised leaves the body and goes into the paper's meta, as the
 * export put it there from the meta.
 */

export type HouseFrame = {
  title: string | null
  recipients: string[]
  /** The place-and-date line: an ISO date where it reads as one, and the place before it. */
  dated: { date: string | null; place: string | null; text: string } | null
  /** "Versjon «X»" / "Version “X”": the named version the DOCX was exported from. */
  versionName: string | null
  language: 'nb' | 'en' | null
  /** The organisations of the signatories section. */
  organisations: string[]
  blocks: Draft[]
}

const SECTION_ORDER: readonly TemplateSection[] = [
  'key-messages',
  'background',
  'recommendations',
  'signatories',
]

export function recogniseHouse(input: Draft[]): HouseFrame {
  const frame: HouseFrame = {
    title: null,
    recipients: [],
    dated: null,
    versionName: null,
    language: null,
    organisations: [],
    blocks: [],
  }
  let head = true
  for (const block of input) {
    const text = plain(block)
    if (head && block.class === 'document-kind') {
      frame.language ??= /posisjonsnotat/i.test(text)
        ? 'nb'
        : /position paper/i.test(text)
          ? 'en'
          : null
      continue
    }
    if (head && block.class === 'title' && frame.title === null) {
      frame.title = text.trim()
      continue
    }
    if (head && block.class === 'recipients') {
      const label = /^\s*([^\t:]{1,12}):\s*/.exec(text)
      if (label !== null) frame.language ??= /^til$/i.test(label[1] ?? '') ? 'nb' : 'en'
      frame.recipients = (label === null ? text : text.slice(label[0].length))
        .split(/,\s*/)
        .map((name) => name.trim())
        .filter((name) => name !== '')
      continue
    }
    if (head && block.class === 'date-line') {
      const version = /^(?:Versjon «(.+)»|Version “(.+)”)$/.exec(text.trim())
      if (version !== null) frame.versionName = version[1] ?? version[2] ?? null
      else if (frame.dated === null && !/^(Endringer fra|Changes from) /.test(text)) {
        frame.dated = readDateLine(text.trim())
      }
      continue
    }
    if (block.type === 'paragraph' && plain(block).trim() === '' && head) continue
    head = false
    frame.blocks.push(...unboxKeyMessages(block))
  }
  for (const block of frame.blocks) {
    if (block.class !== 'signatory') continue
    // "NTNU", then "godkjent av …, versjon «…»": the endorsement is the workflow's, not text.
    const content = block.content ?? []
    const cut = content.findIndex((node) => node.type === 'hardBreak')
    block.content = (cut < 0 ? content : content.slice(0, cut)).map(
      ({ marks: _marks, ...node }) => node,
    )
    const name = plain(block).trim()
    if (name !== '') frame.organisations.push(name)
  }
  markSections(frame.blocks)
  return frame
}

/** Our export's key messages box: a one-cell table whose first paragraph is its heading. */
function unboxKeyMessages(block: Draft): Draft[] {
  if (block.type !== 'table' || block.content?.length !== 1) return [block]
  const cells = block.content[0]?.content ?? []
  const inner = (cells.length === 1 ? cells[0]?.content : undefined) as Draft[] | undefined
  if (inner?.[0]?.class !== 'key-messages') return [block]
  const [heading, ...rest] = inner
  return [{ ...heading, type: 'heading', attrs: { level: 2, section: 'key-messages' } }, ...rest]
}

/** Headings that read as the template's own (in either language) open its sections. */
function markSections(blocks: Draft[]): void {
  const words = new Map<string, TemplateSection>()
  for (const language of ['nb', 'en'] as const) {
    templateHeadings(language).forEach((heading, i) => {
      const section = SECTION_ORDER[i]
      if (section !== undefined) words.set(normalise(heading), section)
    })
  }
  const seen = new Set<TemplateSection>()
  for (const block of blocks) {
    if (block.type !== 'heading') continue
    if (block.class === 'key-messages') block.attrs = { ...block.attrs, section: 'key-messages' }
    const section = block.attrs?.section ?? words.get(normalise(plain(block)))
    if (typeof section === 'string' && !seen.has(section as TemplateSection)) {
      seen.add(section as TemplateSection)
      block.attrs = { ...block.attrs, level: 2, section }
    }
  }
}

function normalise(text: string): string {
  return text.trim().replace(/[:.]$/, '').toLocaleLowerCase('nb')
}

/** The text of a block's inline content (comment points and line breaks count nothing). */
export function plain(block: Draft): string {
  return (block.content ?? [])
    .map((node) =>
      node.type === 'text' ? (node.text ?? '') : node.type === 'hardBreak' ? '\n' : '',
    )
    .join('')
}

const MONTHS = {
  nb: 'januar februar mars april mai juni juli august september oktober november desember',
  en: 'january february march april may june july august september october november december',
}

/** "Stavanger, 27. november 2026" or "27 November 2026" (as labels.ts writes them). */
export function readDateLine(text: string): {
  date: string | null
  place: string | null
  text: string
} {
  const match = /^(?:(.*),\s+)?(\d{1,2})\.?\s+(\p{L}+)\s+(\d{4})$/u.exec(text)
  if (match === null) return { date: null, place: null, text }
  const [, place, day, monthName, year] = match
  const name = (monthName ?? '').toLocaleLowerCase('nb')
  const month = Math.max(MONTHS.nb.split(' ').indexOf(name), MONTHS.en.split(' ').indexOf(name)) + 1
  if (month === 0) return { date: null, place: null, text }
  const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  return { date, place: place?.trim() || null, text }
}
