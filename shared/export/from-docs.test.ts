import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createAnchor } from '../model/anchor.ts'
import { paperContent } from '../model/canonical-paper.ts'
import { addThread, resolveThread } from '../model/comment-writes.ts'
import type { Author } from '../model/comments.ts'
import { initPaper } from '../model/new-paper.ts'
import { paperBody } from '../model/paper.ts'
import { endorse, saveVersion } from '../model/workflow-writes.ts'
import { readWorkflow } from '../model/workflow.ts'
import { currentSignatories, findVersion, sourceFromDocs, sourceFromVersion } from './from-docs.ts'
import { toDocument } from './tree.ts'

const coordinator: Author = { memberId: 'm1', name: 'Kari Nordmann', organisation: 'UiS' }
const partner: Author = { memberId: 'm2', name: 'Åse Bjørnstad', organisation: 'Smartbyene' }

function newPaper(): Y.Doc {
  const doc = new Y.Doc()
  const written = initPaper(doc, {
    title: 'Byer i Europa',
    recipients: ['EU Mission Board'],
    language: 'nb',
    deadline: null,
    status: 'draft',
    organisations: [],
  })
  if (!written.ok) throw new Error('the paper could not be written')
  return doc
}

/** The text node of the body's `index`th block (or of its first list item's paragraph). */
function textOf(doc: Y.Doc, index: number): Y.XmlText {
  let node: Y.XmlElement | Y.XmlText = paperBody(doc).get(index) as Y.XmlElement
  while (!(node instanceof Y.XmlText)) node = node.get(0) as Y.XmlElement | Y.XmlText
  return node
}

/** The text an exported comment covers, as the tree places it. */
function commentedText(source: ReturnType<typeof sourceFromDocs>['value']): string {
  const document = toDocument(source)
  const pieces: string[] = []
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit)
    else if (typeof value === 'object' && value !== null) {
      const inline = value as { kind?: string; text?: string; comments?: number[] }
      if (inline.kind === 'text' && inline.comments?.includes(0)) pieces.push(inline.text ?? '')
      Object.values(value).forEach(visit)
    }
  }
  visit([document.keyMessages, document.blocks])
  return pieces.join('')
}

describe('an export source from the docs', () => {
  it('takes the meta and body, and places comments on the text they were made on', () => {
    const paper = newPaper()
    const comments = new Y.Doc()
    // Block 3 is the background paragraph; its words 9..20 after an edit before them.
    const background = textOf(paper, 3)
    const anchor = createAnchor(background, 9, 20)
    const quote = background.toString().slice(9, 20)
    addThread(comments, { anchor, quote, author: partner, text: 'Presiser dette.' }, 1_000)
    background.insert(0, 'Nytt: ')
    // Written into, the guidance is the paper's text (the editor clears the mark as one types).
    ;(paperBody(paper).get(3) as Y.XmlElement).removeAttribute('guidance')

    const { value, problems } = sourceFromDocs(
      paper,
      { date: '2026-11-27', place: 'Bergen' },
      { doc: comments },
    )
    expect(problems).toEqual([])
    expect(value).toMatchObject({
      title: 'Byer i Europa',
      recipients: ['EU Mission Board'],
      language: 'nb',
      date: '2026-11-27',
      place: 'Bergen',
      versionName: null,
    })
    expect(value.comments).toMatchObject([
      { author: 'Åse Bjørnstad', organisation: 'Smartbyene', text: 'Presiser dette.', quote },
    ])
    expect(commentedText(value)).toBe(quote)
  })

  it('leaves resolved threads out unless asked for', () => {
    const paper = newPaper()
    const comments = new Y.Doc()
    const anchor = createAnchor(textOf(paper, 3), 0, 5)
    const added = addThread(comments, { anchor, quote: 'x', author: partner, text: 'Ok' })
    if (!added.ok) throw new Error('the thread could not be added')
    resolveThread(comments, added.value, coordinator)
    const details = { date: '2026-11-27' }
    expect(sourceFromDocs(paper, details, { doc: comments }).value.comments).toEqual([])
    expect(
      sourceFromDocs(paper, details, { doc: comments, includeResolved: true }).value.comments,
    ).toMatchObject([{ resolved: true }])
  })
})

describe('signatories and versions from the workflow', () => {
  it('signs a version with the organisations that endorsed its text, the paper only while unchanged', () => {
    const paper = newPaper()
    const workflow = new Y.Doc()
    const saved = saveVersion(
      workflow,
      { name: 'Endelig 1', by: coordinator, content: paperContent(paper) },
      Date.UTC(2026, 10, 20),
    )
    if (!saved.ok) throw new Error('the version could not be saved')
    endorse(workflow, { versionId: saved.value, by: coordinator }, Date.UTC(2026, 10, 21))
    endorse(workflow, { versionId: saved.value, by: partner }, Date.UTC(2026, 10, 22))
    const read = readWorkflow(workflow).value

    const signed = [
      { organisation: 'UiS', endorsedBy: 'Kari Nordmann', versionName: 'Endelig 1' },
      { organisation: 'Smartbyene', endorsedBy: 'Åse Bjørnstad', versionName: 'Endelig 1' },
    ]
    expect(currentSignatories(read, paper)).toEqual(signed)

    const version = findVersion(read, '  endelig 1 ')
    expect(version?.name).toBe('Endelig 1')
    const source = sourceFromVersion(version!, read, { place: 'Oslo' })
    expect(source.problems).toEqual([])
    expect(source.value).toMatchObject({
      title: 'Byer i Europa',
      versionName: 'Endelig 1',
      date: '2026-11-20',
      place: 'Oslo',
      signatories: signed,
    })

    textOf(paper, 3).insert(0, 'Endret etter godkjenning. ')
    expect(currentSignatories(read, paper)).toEqual([])
    expect(findVersion(read, 'Endelig 2')).toBeNull()
  })
})
