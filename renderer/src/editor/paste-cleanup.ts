import { Extension } from '@tiptap/core'
import { Plugin, PluginKey } from '@tiptap/pm/state'

/*
 * What Word, LibreOffice and web pages put on the clipboard, made into the paper's own structure
 * before ProseMirror reads it: headings, lists, bold and italic, links and tables stay; styles,
 * classes, fonts, colours, Word's `mso-` markup, bookmarks and empty paragraphs go. Word writes a
 * list as paragraphs with `mso-list:l0 level1 lfo1` and a typed bullet or number in a
 * `mso-list:Ignore` span, so those become real lists here. Headings follow the style menu's names:
 * Word's and LibreOffice's Heading 1 (an <h1>) is the paper's Heading 1, a level-2 heading, since
 * the paper's title is its level 1.
 */

/** Elements whose content is not the paper's: dropped with everything in them. */
const DROPPED =
  'script,style,noscript,template,meta,link,title,xml,svg,img,picture,video,audio,iframe,' +
  'object,embed,canvas,button,input,select,textarea,form,nav,[hidden]'
const BLOCKS = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'DIV', 'LI', 'BLOCKQUOTE'])
/** Attributes that carry meaning here; every other attribute goes. */
const KEPT: Record<string, readonly string[]> = {
  A: ['href'],
  TD: ['colspan', 'rowspan'],
  TH: ['colspan', 'rowspan'],
  OL: ['start'],
}
const MAX_HEADING = 4

export function cleanPastedHtml(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html')
  const body = doc.body
  for (const element of [...body.querySelectorAll(DROPPED)]) element.remove()
  removeComments(body)
  wordLists(body)
  for (const element of [...body.querySelectorAll('*')]) cleanElement(element)
  removeEmptyBlocks(body)
  return body.innerHTML
}

function removeComments(root: Element): void {
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_COMMENT)
  const comments: Node[] = []
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) comments.push(node)
  for (const comment of comments) comment.parentNode?.removeChild(comment)
}

const styleOf = (element: Element) => element.getAttribute('style') ?? ''
const listLevel = (element: Element) => /mso-list:\s*l\d+\s+level(\d+)/i.exec(styleOf(element))

/** Word's list paragraphs, run by run, as nested <ul>/<ol> of <li><p>. */
function wordLists(body: HTMLElement): void {
  for (const first of [...body.querySelectorAll('p')]) {
    if (!first.isConnected || listLevel(first) === null) continue
    const run: HTMLElement[] = []
    for (let node: Element | null = first; node !== null && listLevel(node);) {
      run.push(node as HTMLElement)
      node = node.nextElementSibling
    }
    const doc = body.ownerDocument
    const root = doc.createElement('div')
    first.before(root)
    const open: { level: number; list: HTMLElement }[] = []
    for (const paragraph of run) {
      const level = Number(listLevel(paragraph)?.[1] ?? '1')
      const marker = [...paragraph.querySelectorAll('[style]')].find((element) =>
        /mso-list:\s*ignore/i.test(styleOf(element)),
      )
      const ordered = /^\(?([0-9]+|[a-z]|[ivxlcdm]+)[.)]$/i.test(marker?.textContent?.trim() ?? '')
      marker?.remove()
      while ((open.at(-1)?.level ?? 0) > level) open.pop()
      let current = open.at(-1)
      if (current === undefined || current.level < level) {
        const list = doc.createElement(ordered ? 'ol' : 'ul')
        const parent = current?.list.lastElementChild ?? root
        parent.append(list)
        current = { level, list }
        open.push(current)
      }
      const item = doc.createElement('li')
      const p = doc.createElement('p')
      p.append(...paragraph.childNodes)
      item.append(p)
      current.list.append(item)
      paragraph.remove()
    }
    root.replaceWith(...root.childNodes)
  }
}

function cleanElement(element: Element): void {
  if (!element.isConnected) return
  const tag = element.tagName
  const style = styleOf(element)
  const className = element.getAttribute('class') ?? ''
  // Word's namespaced elements (<o:p>, <w:sdt>) and presentational wrappers keep only their text.
  if (tag.includes(':') || ['SPAN', 'FONT', 'DIV', 'SECTION', 'ARTICLE', 'U'].includes(tag)) {
    if (tag === 'U' && element.closest('a') === null && element.querySelector('a') === null) {
      return stripAttributes(element)
    }
    return unwrap(element, inlineEmphasis(style))
  }
  if (
    (tag === 'B' || tag === 'STRONG') &&
    /(?:^|;)\s*font-weight:\s*(normal|[1-4]00)\b/i.test(style)
  ) {
    return unwrap(element, [])
  }
  if (tag === 'A' && !/^(https?:|mailto:)/i.test(element.getAttribute('href') ?? '')) {
    return unwrap(element, [])
  }
  if (/^H[1-6]$/.test(tag)) {
    return retag(element, `h${Math.min(MAX_HEADING, Number(tag[1]) + 1)}`)
  }
  if (tag === 'P' && /\bMsoTitle\b/.test(className)) return retag(element, 'h2')
  stripAttributes(element)
}

/** Bold and italic a styled span says, as <strong>/<em> around its content. */
function inlineEmphasis(style: string): string[] {
  const tags: string[] = []
  if (/(?:^|;)\s*font-weight:\s*(bold|bolder|[6-9]00)\b/i.test(style)) tags.push('strong')
  if (/(?:^|;)\s*font-style:\s*italic\b/i.test(style)) tags.push('em')
  return tags
}

function unwrap(element: Element, wrapIn: readonly string[]): void {
  const doc = element.ownerDocument
  let content: Node[] = [...element.childNodes]
  for (const tag of wrapIn) {
    const wrapper = doc.createElement(tag)
    wrapper.append(...content)
    content = [wrapper]
  }
  element.replaceWith(...content)
}

function retag(element: Element, tag: string): void {
  const replacement = element.ownerDocument.createElement(tag)
  replacement.append(...element.childNodes)
  element.replaceWith(replacement)
}

function stripAttributes(element: Element): void {
  const kept = KEPT[element.tagName] ?? []
  for (const name of element.getAttributeNames()) {
    if (!kept.includes(name)) element.removeAttribute(name)
  }
}

/** Paragraphs of nothing but spaces and line breaks; kept where a cell or item needs one. */
function removeEmptyBlocks(body: HTMLElement): void {
  for (const block of [...body.querySelectorAll('p,h1,h2,h3,h4,h5,h6,div,li')]) {
    if (!BLOCKS.has(block.tagName) || (block.textContent ?? '').replace(/[\s\u00a0]/g, '') !== '')
      continue
    if (block.querySelector('table') !== null) continue
    const container = block.parentElement
    const needed =
      container !== null &&
      ['TD', 'TH', 'LI'].includes(container.tagName) &&
      container.children.length === 1
    if (!needed) block.remove()
  }
  for (const list of [...body.querySelectorAll('ul,ol')]) {
    if (list.querySelector('li') === null) list.remove()
  }
}

/** Pasted and dropped HTML goes through `cleanPastedHtml` first. */
export const PasteCleanup = Extension.create({
  name: 'samstemtPasteCleanup',
  addProseMirrorPlugins: () => [
    new Plugin({
      key: new PluginKey('samstemt-paste-cleanup'),
      props: { transformPastedHTML: (html) => cleanPastedHtml(html) },
    }),
  ],
})
