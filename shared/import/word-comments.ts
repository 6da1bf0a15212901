import { partText, type DocxPackage } from './docx-package.ts'
import { attr, child, children, descendants, is, NS, parseXml, wordText } from './xml.ts'

/** A comment of word/comments.xml, with its thread (commentsExtended.xml) and author. */
export type WordComment = {
  /** w:id, as the document's comment ranges refer to it. */
  id: string
  author: string
  initials: string
  /** w:date as written, or null. */
  date: string | null
  /** Its paragraphs, joined by line breaks. */
  text: string
  /** The comment it answers (Word 2013 and later, LibreOffice 7.2 and later), or null. */
  parentId: string | null
  /** Marked done (resolved) in Word. */
  done: boolean
}

/** Who is behind a Word author name, where people.xml says (an e-mail address, usually). */
export type WordPerson = { author: string; userId: string | null }

/** The comments of a package, in their order in comments.xml; none when it has no comments. */
export function readWordComments(pkg: DocxPackage): WordComment[] {
  const text = partText(pkg, 'word/comments.xml')
  if (text === null) return []
  const root = parseXml(text, 'word/comments.xml')
  const extended = readExtended(pkg)
  const comments = children(root, NS.w, 'comment').map((comment) => {
    const paragraphs = children(comment, NS.w, 'p')
    // commentsExtended keys a comment by the paraId of its last paragraph.
    const last = paragraphs[paragraphs.length - 1]
    const paraId = last === undefined ? null : attr(last, NS.w14, 'paraId')
    return {
      id: attr(comment, NS.w, 'id') ?? '',
      author: (attr(comment, NS.w, 'author') ?? '').trim(),
      initials: attr(comment, NS.w, 'initials') ?? '',
      date: attr(comment, NS.w, 'date'),
      text: paragraphs
        .map((p) => wordText(p).trim())
        .join('\n')
        .trim(),
      paraId,
    }
  })
  const byParaId = new Map(comments.flatMap((c) => (c.paraId === null ? [] : [[c.paraId, c]])))
  return comments.map(({ paraId, ...comment }) => {
    const entry = paraId === null ? undefined : extended.get(paraId)
    const parent = entry?.parent === undefined ? undefined : byParaId.get(entry.parent)
    return { ...comment, parentId: parent?.id ?? null, done: entry?.done ?? false }
  })
}

function readExtended(pkg: DocxPackage): Map<string, { parent?: string; done: boolean }> {
  const found = new Map<string, { parent?: string; done: boolean }>()
  const text = partText(pkg, 'word/commentsExtended.xml')
  if (text === null) return found
  const root = parseXml(text, 'word/commentsExtended.xml')
  for (const entry of descendants(root, NS.w15, 'commentEx')) {
    const paraId = attr(entry, NS.w15, 'paraId')
    if (paraId === null) continue
    const parent = attr(entry, NS.w15, 'paraIdParent')
    const done = attr(entry, NS.w15, 'done')
    found.set(paraId, {
      ...(parent === null ? {} : { parent }),
      done: done === '1' || done === 'true',
    })
  }
  return found
}

/** The authors people.xml names, with the identity Word knows them by. */
export function readWordPeople(pkg: DocxPackage): WordPerson[] {
  const text = partText(pkg, 'word/people.xml')
  if (text === null) return []
  const root = parseXml(text, 'word/people.xml')
  return descendants(root, NS.w15, 'person').map((person) => {
    const presence = child(person, NS.w15, 'presenceInfo')
    return {
      author: (attr(person, NS.w15, 'author') ?? '').trim(),
      userId: presence === null ? null : attr(presence, NS.w15, 'userId'),
    }
  })
}

/** docProps/core.xml: the title, who saved it last and its language, where it says. */
export type CoreProperties = { title: string | null; lastModifiedBy: string | null }

export function readCoreProperties(pkg: DocxPackage): CoreProperties {
  const text = partText(pkg, 'docProps/core.xml')
  if (text === null) return { title: null, lastModifiedBy: null }
  const root = parseXml(text, 'docProps/core.xml')
  const value = (uri: string, local: string) => {
    const node = root.children.find((c) => is(c, uri, local))
    if (node === undefined || typeof node === 'string') return null
    const content = node.children
      .filter((c) => typeof c === 'string')
      .join('')
      .trim()
    return content === '' ? null : content
  }
  return { title: value(NS.dc, 'title'), lastModifiedBy: value(NS.cp, 'lastModifiedBy') }
}
