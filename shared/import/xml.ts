import { SaxesParser } from 'saxes'
import { fail, ImportFailure } from './import-error.ts'

/*
 * The OOXML parts as small element trees. saxes (strict, namespace-aware, no DTD processing) reads
 * them: a part that is not well-formed XML is a damaged file, and since saxes never expands
 * entities a DOCTYPE declares, an entity bomb cannot grow; a DOCTYPE is refused anyway, Word never
 * writes one. Names are kept as written (for writing the part back) with their namespace resolved
 * (for matching: a part may bind the WordprocessingML namespace to any prefix).
 */

export type XmlAttribute = { name: string; uri: string; local: string; value: string }

export type XmlElement = {
  name: string
  uri: string
  local: string
  attributes: XmlAttribute[]
  children: XmlNode[]
}

export type XmlNode = XmlElement | string

export const NS = {
  w: 'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  w14: 'http://schemas.microsoft.com/office/word/2010/wordml',
  w15: 'http://schemas.microsoft.com/office/word/2012/wordml',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  m: 'http://schemas.openxmlformats.org/officeDocument/2006/math',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  v: 'urn:schemas-microsoft-com:vml',
  c: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
  dc: 'http://purl.org/dc/elements/1.1/',
  cp: 'http://schemas.openxmlformats.org/package/2006/metadata/core-properties',
  xml: 'http://www.w3.org/XML/1998/namespace',
} as const

/** ISO/IEC 29500 Strict spells the WordprocessingML namespace differently; both are read. */
const STRICT_W = 'http://purl.oclc.org/ooxml/wordprocessingml/main'

/** Parses a whole part; throws an ImportFailure ('corrupt') when it is not well-formed. */
export function parseXml(text: string, part: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true })
  const root: XmlElement = { name: '#root', uri: '', local: '#root', attributes: [], children: [] }
  const stack: XmlElement[] = [root]
  const top = () => stack[stack.length - 1] ?? root
  parser.on('doctype', () => fail('corrupt', `${part} declares a DOCTYPE`))
  parser.on('opentag', (tag) => {
    const element: XmlElement = {
      name: tag.name,
      uri: uriOf(tag.uri),
      local: tag.local,
      attributes: Object.values(tag.attributes).map((attribute) => ({
        name: attribute.name,
        uri: uriOf(attribute.uri),
        local: attribute.local,
        value: attribute.value,
      })),
      children: [],
    }
    top().children.push(element)
    stack.push(element)
  })
  parser.on('closetag', () => void stack.pop())
  parser.on('text', (value) => void top().children.push(value))
  parser.on('cdata', (value) => void top().children.push(value))
  try {
    parser.write(text).close()
  } catch (error) {
    if (error instanceof ImportFailure) throw error
    fail('corrupt', `${part}: ${error instanceof Error ? error.message : String(error)}`)
  }
  const element = root.children.find((child) => typeof child !== 'string')
  if (element === undefined) fail('corrupt', `${part} is empty`)
  return element
}

function uriOf(uri: string | undefined): string {
  return uri === STRICT_W ? NS.w : (uri ?? '')
}

export function isElement(node: XmlNode | undefined): node is XmlElement {
  return typeof node === 'object'
}

export function is(node: XmlNode | undefined, uri: string, local: string): node is XmlElement {
  return typeof node === 'object' && node.local === local && node.uri === uri
}

export function attr(element: XmlElement, uri: string, local: string): string | null {
  return element.attributes.find((a) => a.local === local && a.uri === uri)?.value ?? null
}

export function child(element: XmlElement, uri: string, local: string): XmlElement | null {
  return element.children.find((node) => is(node, uri, local)) ?? null
}

export function children(element: XmlElement, uri: string, local: string): XmlElement[] {
  return element.children.filter((node) => is(node, uri, local))
}

/** Every element below `element` (depth first, document order) that matches. */
export function descendants(element: XmlElement, uri: string, local: string): XmlElement[] {
  const found: XmlElement[] = []
  const visit = (node: XmlElement) => {
    for (const c of node.children) {
      if (typeof c === 'string') continue
      if (c.uri === uri && c.local === local) found.push(c)
      visit(c)
    }
  }
  visit(element)
  return found
}

/** The text of `w:t` (and tabs, breaks as spaces and newlines) below an element. */
export function wordText(element: XmlElement): string {
  let text = ''
  const visit = (node: XmlElement) => {
    for (const c of node.children) {
      if (typeof c === 'string') continue
      if (c.uri === NS.w && (c.local === 't' || c.local === 'delText')) text += textOf(c)
      else if (c.uri === NS.w && c.local === 'tab') text += '\t'
      else if (c.uri === NS.w && (c.local === 'br' || c.local === 'cr')) text += '\n'
      else visit(c)
    }
  }
  visit(element)
  return text
}

export function textOf(element: XmlElement): string {
  return element.children.filter((c) => typeof c === 'string').join('')
}

/** Writes the tree back as XML (with the declaration Word writes). */
export function serialiseXml(element: XmlElement): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n']
  const write = (node: XmlNode) => {
    if (typeof node === 'string') {
      out.push(escapeText(node))
      return
    }
    out.push('<', node.name)
    for (const a of node.attributes) out.push(' ', a.name, '="', escapeAttribute(a.value), '"')
    if (node.children.length === 0) {
      out.push('/>')
      return
    }
    out.push('>')
    for (const c of node.children) write(c)
    out.push('</', node.name, '>')
  }
  write(element)
  return out.join('')
}

/** An element in WordprocessingML, written with `prefix`, the one its part binds to it. */
export function wElement(
  prefix: string,
  local: string,
  children: XmlNode[] = [],
  attrs: XmlAttribute[] = [],
): XmlElement {
  return {
    name: prefix === '' ? local : `${prefix}:${local}`,
    uri: NS.w,
    local,
    attributes: attrs,
    children,
  }
}

/** The prefix `element` (a part's root) binds to `uri`; '' when it is the default namespace. */
export function prefixOf(element: XmlElement, uri: string): string | null {
  for (const a of element.attributes) {
    if (a.value !== uri) continue
    if (a.name === 'xmlns') return ''
    if (a.name.startsWith('xmlns:')) return a.name.slice(6)
  }
  return null
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function escapeAttribute(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;')
}
