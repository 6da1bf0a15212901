import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createAnchor } from './anchor.ts'
import { readBodyJSON } from './body.ts'
import { paperContent } from './canonical-paper.ts'
import { contentHash } from './canonical.ts'
import { addThread } from './comment-writes.ts'
import { readThreads, type Author, type Thread } from './comments.ts'
import { initPaper } from './new-paper.ts'
import { paperBody } from './paper.ts'
import { readinessFindings, type ReadinessInput, type SuggestionSource } from './readiness.ts'
import { endorse, saveVersion } from './workflow-writes.ts'
import { readWorkflow } from './workflow.ts'

const kari: Author = { memberId: 'm1', name: 'Kari Nordmann', organisation: 'NTNU' }
const aase: Author = { memberId: 'm2', name: 'Åse Bjørnstad', organisation: 'UiS' }

function newPaper(recipients: string[] = []): Y.Doc {
  const doc = new Y.Doc()
  initPaper(doc, {
    title: 'Byer i front',
    recipients,
    language: 'nb',
    deadline: null,
    status: 'draft',
    organisations: ['NTNU', 'UiS'],
  })
  return doc
}

/** Writes `text` over the guidance paragraph at top-level block `index`, as the editor does. */
function writeOver(doc: Y.Doc, index: number, text: string): void {
  let node = paperBody(doc).get(index) as Y.XmlElement
  while (node.nodeName !== 'paragraph') node = node.get(0) as Y.XmlElement
  const paragraph = node
  doc.transact(() => {
    paragraph.removeAttribute('guidance')
    const run = paragraph.get(0) as Y.XmlText
    run.delete(0, run.length)
    run.insert(0, text)
  })
}

function input(paper: Y.Doc, threads: Thread[] = [], workflow = new Y.Doc()): ReadinessInput {
  const meta = paper.getMap('meta')
  return {
    body: readBodyJSON(paper).value,
    recipients: meta.get('recipients') as string[],
    organisations: meta.get('organisations') as string[],
    threads,
    workflow: readWorkflow(workflow).value,
    currentHash: contentHash(paperContent(paper)),
  }
}

describe('the check before a paper goes final or is sent', () => {
  it('lists the template’s guidance, empty sections and missing recipients of a fresh paper', () => {
    const findings = readinessFindings(input(newPaper()), 'final')
    expect(findings).toEqual([
      {
        check: 'guidance',
        count: 8,
        where: ['Hovedbudskap', 'Bakgrunn', 'Anbefalinger', 'Underskrivere'],
      },
      // The signatories section is filled from the endorsements by the export: never empty.
      { check: 'empty-sections', count: 3, where: ['Hovedbudskap', 'Bakgrunn', 'Anbefalinger'] },
      { check: 'no-recipients', count: 1, where: [] },
    ])
  })

  it('finds guidance in the template’s words in a paper made before guidance was marked', () => {
    const paper = newPaper(['ERRIN'])
    const legacy = paperBody(paper).get(3) as Y.XmlElement
    legacy.removeAttribute('guidance')
    const found = readinessFindings(input(paper), 'final').find((f) => f.check === 'guidance')
    expect(found).toEqual({ check: 'guidance', count: 8, where: expect.any(Array) })
  })

  it('counts open threads and undecided suggestions apart, from every suggestion source', () => {
    const paper = newPaper(['ERRIN'])
    for (const [i, block] of [1, 3, 5, 7].entries()) writeOver(paper, block, `Tekst ${i}.`)
    const comments = new Y.Doc()
    const heading = (paperBody(paper).get(0) as Y.XmlElement).get(0) as Y.XmlText
    const anchor = createAnchor(heading, 0, 5)
    addThread(comments, { anchor, quote: 'Tekst', author: aase, text: 'Hvorfor?' })
    addThread(comments, {
      anchor,
      quote: 'Tekst 1',
      author: aase,
      text: 'Bedre ord',
      suggestion: { text: 'Tekst én' },
    })
    const threads = readThreads(comments).value
    expect(threads).toHaveLength(2)
    const trackedChanges: SuggestionSource = { id: 'tracked-changes', undecided: () => 3 }
    const findings = readinessFindings(input(paper, threads), 'final', [
      { id: 'comments', undecided: (i) => i.threads.filter((t) => t.suggestion).length },
      trackedChanges,
    ])
    expect(findings.map((f) => [f.check, f.count])).toEqual([
      ['open-threads', 1],
      ['undecided-suggestions', 4],
      ['guidance', 4],
    ])
  })

  it('counts the open tracked changes in the body as suggestions waiting for a decision', () => {
    const paper = newPaper()
    for (const [i, block] of [1, 3, 5, 7].entries()) writeOver(paper, block, `Tekst ${i}.`)
    const body = readBodyJSON(paper).value
    const by = (id: string) => ({ id, memberId: 'm-ole', name: 'Ole', organisation: 'UiS', at: 1 })
    // Two suggestions (one a replacement: struck and inserted under one id) in the first text.
    const block = body.content?.[1]?.content?.[0] ?? body.content?.[1]
    block!.content = [
      { type: 'text', text: 'Tekst ', marks: [{ type: 'suggestDelete', attrs: by('s1') }] },
      { type: 'text', text: 'Ord ', marks: [{ type: 'suggestInsert', attrs: by('s1') }] },
      { type: 'text', text: '0.' },
      { type: 'text', text: ' Mer.', marks: [{ type: 'suggestInsert', attrs: by('s2') }] },
    ]
    const findings = readinessFindings({ ...input(paper), body }, 'final')
    expect(findings.find((f) => f.check === 'undecided-suggestions')?.count).toBe(2)
    expect(readinessFindings(input(paper), 'final').map((f) => f.check)).not.toContain(
      'undecided-suggestions',
    )
  })

  it('asks for every contributing organisation’s endorsement of this very text before sending', () => {
    const paper = newPaper(['ERRIN'])
    for (const [i, block] of [1, 3, 5, 7].entries()) writeOver(paper, block, `Tekst ${i}.`)
    const workflow = new Y.Doc()
    const saved = saveVersion(workflow, { name: 'Endelig', by: kari, content: paperContent(paper) })
    if (!saved.ok) throw new Error('not saved')
    endorse(workflow, { versionId: saved.value, by: kari })
    const stripped = (findings: ReturnType<typeof readinessFindings>) =>
      findings.filter((f) => f.check !== 'guidance')
    expect(stripped(readinessFindings(input(paper, [], workflow), 'final'))).toEqual([])
    expect(stripped(readinessFindings(input(paper, [], workflow), 'sent'))).toEqual([
      { check: 'not-endorsed', count: 1, where: ['UiS'] },
    ])
    endorse(workflow, { versionId: saved.value, by: aase })
    expect(stripped(readinessFindings(input(paper, [], workflow), 'sent'))).toEqual([])
    // An endorsement of an older text does not count once the paper changed.
    writeOver(paper, 3, 'Ny bakgrunn.')
    expect(
      stripped(readinessFindings(input(paper, [], workflow), 'sent')).map((f) => f.where),
    ).toEqual([['NTNU', 'UiS']])
  })
})
