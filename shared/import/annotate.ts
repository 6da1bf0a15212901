import { attr, child, is, NS, prefixOf, wElement, type XmlElement, type XmlNode } from './xml.ts'

/*
 * mammoth reads a tracked insertion as plain text, drops tracked deletions and ignores where a
 * comment starts and ends. So before mammoth sees a part, the part is rewritten: every tracked
 * change is unwrapped (deleted text made ordinary text again), and small marker runs are put where
 * a run's tracked state changes, where a paragraph mark was inserted or deleted, and where a
 * comment's range starts and ends. mammoth carries the markers through as text, in document
 * order, and the converter (convert.ts) turns them back into suggestion marks and comment ranges.
 * Markers are Unicode noncharacters (U+FDD0, U+FDD1), which interchanged text never holds; any
 * already in the part are removed first.
 */

export const MARK_OPEN = '\uFDD0'
export const MARK_CLOSE = '\uFDD1'
const MARKER_CHARS = /[\uFDD0-\uFDEF]/g

/** One tracked change as Word records it. */
export type Revision = {
  kind: 'insert' | 'delete'
  /** Word's w:author; LibreOffice writes the user's name, Word the account's. */
  author: string
  /** w:date as written (ISO 8601, often without a time zone), or null. */
  date: string | null
  /** A move (w:moveFrom / w:moveTo), which is imported as a deletion and an insertion. */
  moved: boolean
}

/** A run's tracked state: inserted, deleted, or both (one author's insertion deleted by another). */
export type TrackedState = { insert: Revision | null; delete: Revision | null }

/** What the rewriting found, besides the markers: tracked states by number, and what is lost. */
export type Annotations = {
  /** states[0] is the untracked state. */
  states: TrackedState[]
  counts: DroppedCounts
}

export type DroppedCounts = {
  images: number
  charts: number
  equations: number
  objects: number
  textBoxes: number
  formatChanges: number
  rowChanges: number
  superscripts: number
}

export function emptyCounts(): DroppedCounts {
  return {
    images: 0,
    charts: 0,
    equations: 0,
    objects: 0,
    textBoxes: 0,
    formatChanges: 0,
    rowChanges: 0,
    superscripts: 0,
  }
}

/** The marker tokens, each written as MARK_OPEN + token + MARK_CLOSE. */
export const marker = {
  /** From here on, runs have tracked state `n` (0: untracked). */
  state: (n: number) => `s${n}`,
  /** This paragraph's mark (the break after it) has tracked state `n`. */
  mark: (n: number) => `m${n}`,
  commentStart: (id: string) => `c${id}`,
  commentEnd: (id: string) => `e${id}`,
  /** Where a comment's reference mark is: its place when it has no range. */
  commentReference: (id: string) => `r${id}`,
}

const FORMAT_CHANGES = new Set([
  'rPrChange',
  'pPrChange',
  'sectPrChange',
  'tblPrChange',
  'tcPrChange',
  'tblGridChange',
  'numberingChange',
])
const UNWRAPPED = new Set(['ins', 'del', 'moveFrom', 'moveTo'])

/** Rewrites document.xml (or footnotes.xml, endnotes.xml) in place, sharing `annotations`. */
export function annotatePart(root: XmlElement, annotations: Annotations): void {
  new Annotator(root, annotations).run()
}

export function newAnnotations(): Annotations {
  return { states: [{ insert: null, delete: null }], counts: emptyCounts() }
}

class Annotator {
  readonly #root: XmlElement
  readonly #notes: Annotations
  readonly #prefix: string
  readonly #stateIds = new Map<string, number>()
  /** Comment starts met between paragraphs, waiting for the next paragraph. */
  #pendingStarts: string[] = []
  #lastParagraph: XmlElement | null = null

  constructor(root: XmlElement, notes: Annotations) {
    this.#root = root
    this.#notes = notes
    this.#prefix = prefixOf(root, NS.w) ?? 'w'
  }

  run(): void {
    this.#blocks(this.#root)
    if (this.#pendingStarts.length > 0 && this.#lastParagraph !== null) {
      // A comment starting after the last paragraph has no text to sit on; it ends there too.
      this.#pendingStarts = []
    }
  }

  /** Walks block-level content (body, cells, content controls) down to its paragraphs. */
  #blocks(element: XmlElement): void {
    const out: XmlNode[] = []
    for (const node of element.children) {
      if (typeof node === 'string') {
        out.push(stripMarkers(node))
        continue
      }
      if (node.uri === NS.w && node.local === 'p') {
        this.#paragraph(node)
        out.push(node)
      } else if (node.uri === NS.w && node.local === 'commentRangeStart') {
        this.#pendingStarts.push(attr(node, NS.w, 'id') ?? '')
      } else if (node.uri === NS.w && node.local === 'commentRangeEnd') {
        const id = attr(node, NS.w, 'id') ?? ''
        if (this.#lastParagraph !== null) {
          this.#lastParagraph.children.push(this.#markerRun(marker.commentEnd(id)))
        }
      } else {
        if (node.uri === NS.w && node.local === 'trPr') this.#rowChange(node)
        if (node.uri === NS.w && FORMAT_CHANGES.has(node.local)) this.#notes.counts.formatChanges++
        this.#blocks(node)
        out.push(node)
      }
    }
    element.children = out
  }

  #rowChange(trPr: XmlElement): void {
    if (child(trPr, NS.w, 'ins') !== null || child(trPr, NS.w, 'del') !== null) {
      this.#notes.counts.rowChanges++
    }
  }

  #paragraph(p: XmlElement): void {
    this.#lastParagraph = p
    const pPr = child(p, NS.w, 'pPr')
    const rPr = pPr === null ? null : child(pPr, NS.w, 'rPr')
    let markState = 0
    if (rPr !== null) {
      const state = this.#stateOf(rPr.children, [])
      if (state !== 0) {
        markState = state
        // mammoth joins a paragraph whose mark is deleted with the next: keep them apart here.
        rPr.children = rPr.children.filter((node) => !isTracked(node))
      }
    }
    if (pPr !== null) this.#countFormatChanges(pPr)
    const content = p.children.filter((node) => node !== pPr)
    const state = { current: 0 }
    const inner = this.#inline(content, [], state)
    const starts = this.#pendingStarts.map((id) => this.#markerRun(marker.commentStart(id)))
    this.#pendingStarts = []
    const tail = markState === 0 ? [] : [this.#markerRun(marker.mark(markState))]
    p.children = [...(pPr === null ? [] : [pPr]), ...starts, ...inner, ...tail]
  }

  /** Inline content: unwraps tracked changes and puts the markers in, returning the new children. */
  #inline(nodes: XmlNode[], wrappers: XmlElement[], state: { current: number }): XmlNode[] {
    const out: XmlNode[] = []
    for (const node of nodes) {
      if (typeof node === 'string') {
        out.push(stripMarkers(node))
        continue
      }
      if (node.uri === NS.w && UNWRAPPED.has(node.local)) {
        out.push(...this.#inline(node.children, [...wrappers, node], state))
        continue
      }
      if (node.uri === NS.w && node.local === 'commentRangeStart') {
        out.push(this.#markerRun(marker.commentStart(attr(node, NS.w, 'id') ?? '')))
        continue
      }
      if (node.uri === NS.w && node.local === 'commentRangeEnd') {
        out.push(this.#markerRun(marker.commentEnd(attr(node, NS.w, 'id') ?? '')))
        continue
      }
      if (node.uri === NS.w && node.local === 'r') {
        const runState = this.#stateOf([], wrappers)
        if (runState !== state.current) {
          out.push(this.#markerRun(marker.state(runState)))
          state.current = runState
        }
        this.#run(node)
        out.push(node)
        const reference = node.children.find((c) => is(c, NS.w, 'commentReference'))
        if (reference !== undefined && typeof reference !== 'string') {
          out.push(this.#markerRun(marker.commentReference(attr(reference, NS.w, 'id') ?? '')))
        }
        continue
      }
      if (node.uri === NS.m && (node.local === 'oMath' || node.local === 'oMathPara')) {
        // mammoth has no equations; one counted per equation, not per part of it.
        this.#notes.counts.equations++
        out.push(node)
        continue
      }
      this.#countDropped(node)
      node.children = this.#inline(node.children, wrappers, state)
      out.push(node)
    }
    return out
  }

  #run(r: XmlElement): void {
    for (const node of r.children) {
      if (typeof node === 'string') continue
      if (node.uri !== NS.w) {
        this.#countDropped(node)
        continue
      }
      if (node.local === 'delText') rename(node, this.#prefix, 't')
      else if (node.local === 'delInstrText') rename(node, this.#prefix, 'instrText')
      else if (node.local === 't') node.children = node.children.map(stripText)
      else if (node.local === 'rPr') {
        this.#countFormatChanges(node)
        const vertical = child(node, NS.w, 'vertAlign')
        const value = vertical === null ? null : attr(vertical, NS.w, 'val')
        const note = r.children.some(
          (c) => is(c, NS.w, 'footnoteReference') || is(c, NS.w, 'endnoteReference'),
        )
        if ((value === 'superscript' || value === 'subscript') && !note) {
          this.#notes.counts.superscripts++
        }
      } else this.#countDropped(node)
    }
  }

  #countFormatChanges(properties: XmlElement): void {
    for (const node of properties.children) {
      if (typeof node !== 'string' && node.uri === NS.w && FORMAT_CHANGES.has(node.local)) {
        this.#notes.counts.formatChanges++
      }
    }
  }

  /** Counts what mammoth will leave out or flatten, once per object. */
  #countDropped(node: XmlElement): void {
    const counts = this.#notes.counts
    if (node.uri === NS.w && (node.local === 'drawing' || node.local === 'pict')) {
      const found = { image: false, chart: false, box: false }
      scan(node, found)
      if (found.chart) counts.charts++
      else if (found.image) counts.images++
      if (found.box) counts.textBoxes++
      return
    }
    if (node.uri === NS.w && node.local === 'object') counts.objects++
  }

  /** The state number of a run inside `wrappers`, or of a paragraph mark with `marks` in its rPr. */
  #stateOf(marks: XmlNode[], wrappers: XmlElement[]): number {
    let insert: Revision | null = null
    let remove: Revision | null = null
    for (const node of [...wrappers, ...marks]) {
      if (typeof node === 'string' || node.uri !== NS.w) continue
      if (node.local === 'ins' || node.local === 'moveTo') insert = revision(node, 'insert')
      if (node.local === 'del' || node.local === 'moveFrom') remove = revision(node, 'delete')
    }
    if (insert === null && remove === null) return 0
    const key = JSON.stringify([insert, remove])
    let id = this.#stateIds.get(key)
    if (id === undefined) {
      id = this.#notes.states.length
      this.#notes.states.push({ insert, delete: remove })
      this.#stateIds.set(key, id)
    }
    return id
  }

  #markerRun(token: string): XmlElement {
    const p = this.#prefix
    const t = wElement(
      p,
      't',
      [MARK_OPEN + token + MARK_CLOSE],
      [{ name: 'xml:space', uri: NS.xml, local: 'space', value: 'preserve' }],
    )
    return wElement(p, 'r', [t])
  }
}

function revision(element: XmlElement, kind: Revision['kind']): Revision {
  return {
    kind,
    author: (attr(element, NS.w, 'author') ?? '').trim(),
    date: attr(element, NS.w, 'date'),
    moved: element.local === 'moveFrom' || element.local === 'moveTo',
  }
}

function isTracked(node: XmlNode): boolean {
  return typeof node !== 'string' && node.uri === NS.w && UNWRAPPED.has(node.local)
}

function rename(element: XmlElement, prefix: string, local: string): void {
  element.local = local
  element.name = prefix === '' ? local : `${prefix}:${local}`
  element.children = element.children.map(stripText)
}

function stripText(node: XmlNode): XmlNode {
  return typeof node === 'string' ? stripMarkers(node) : node
}

function stripMarkers(text: string): string {
  return text.replace(MARKER_CHARS, '')
}

function scan(node: XmlElement, found: { image: boolean; chart: boolean; box: boolean }): void {
  for (const c of node.children) {
    if (typeof c === 'string') continue
    if (c.uri === NS.a && c.local === 'blip') found.image = true
    if (c.uri === NS.v && c.local === 'imagedata') found.image = true
    if (c.uri === NS.c && c.local === 'chart') found.chart = true
    if (c.uri === NS.w && c.local === 'txbxContent') found.box = true
    scan(c, found)
  }
}
