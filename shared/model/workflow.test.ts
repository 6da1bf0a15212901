import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { paperContent } from './canonical-paper.ts'
import { contentHash, parsePaperContent } from './canonical.ts'
import type { Author } from './comments.ts'
import { initPaper } from './new-paper.ts'
import { paperBody, writePaperMeta, type PaperMeta } from './paper.ts'
import {
  HISTORY,
  endorsementStates,
  isLocked,
  observeWorkflow,
  readWorkflow,
  readWorkflowStatus,
} from './workflow.ts'
import {
  changeStatus,
  endorse,
  saveVersion,
  statusMoves,
  withdrawEndorsement,
} from './workflow-writes.ts'
import { restoreVersion } from './workflow-restore.ts'

const kari: Author = { memberId: 'm-kari', name: 'Kari Nordmann', organisation: 'NTNU' }
const ola: Author = { memberId: 'm-ola', name: 'Ola Hansen', organisation: 'Trondheim kommune' }
const per: Author = { memberId: 'm-per', name: 'Per Berg', organisation: 'NTNU' }

const meta: PaperMeta = {
  title: 'Climate-neutral cities need multi-level governance',
  recipients: ['EU Mission Board for Climate-Neutral and Smart Cities'],
  language: 'en',
  deadline: '2025-10-15',
  status: 'draft',
  organisations: ['NTNU', 'Trondheim kommune'],
}

function newPaper(): Y.Doc {
  const doc = new Y.Doc()
  initPaper(doc, meta)
  return doc
}

describe('the status and its history', () => {
  it('a new paper is a draft with no history', () => {
    expect(readWorkflow(new Y.Doc())).toEqual({
      value: { status: 'draft', history: [], versions: [], endorsements: [] },
      problems: [],
    })
  })

  it('goes draft → review → final → sent, recording who and when, and sent with whom and which day', () => {
    const doc = new Y.Doc()
    expect(changeStatus(doc, { status: 'review', by: kari }, 1000).ok).toBe(true)
    expect(changeStatus(doc, { status: 'final', by: kari }, 2000).ok).toBe(true)
    const recipients = ['EU Mission Board for Climate-Neutral and Smart Cities']
    const sent = { status: 'sent' as const, by: kari, recipients, sentOn: '2025-10-14' }
    expect(changeStatus(doc, sent, 3000).ok).toBe(true)
    const { value, problems } = readWorkflow(doc)
    expect(problems).toEqual([])
    expect(value.status).toBe('sent')
    expect(value.history).toEqual([
      { status: 'review', by: kari, at: 1000, recipients: [], sentOn: null },
      { status: 'final', by: kari, at: 2000, recipients: [], sentOn: null },
      { status: 'sent', by: kari, at: 3000, recipients, sentOn: '2025-10-14' },
    ])
  })

  it('refuses steps out of order and a sent without recipients or date, writing nothing', () => {
    const doc = new Y.Doc()
    for (const status of ['final', 'sent', 'draft'] as const) {
      const result = changeStatus(doc, { status, by: kari })
      expect(result.ok, status).toBe(false)
    }
    changeStatus(doc, { status: 'review', by: kari })
    changeStatus(doc, { status: 'final', by: kari })
    const noRecipients = changeStatus(doc, { status: 'sent', by: kari, sentOn: '2025-10-14' })
    const noDate = changeStatus(doc, { status: 'sent', by: kari, recipients: ['ERRIN'] })
    const badDate = changeStatus(doc, {
      status: 'sent',
      by: kari,
      recipients: ['ERRIN'],
      sentOn: '2025-02-30',
    })
    expect([noRecipients.ok, noDate.ok, badDate.ok]).toEqual([false, false, false])
    expect(readWorkflow(doc).value.history).toHaveLength(2)
  })

  it('reopens to draft from any later status, as a recorded act', () => {
    expect(statusMoves('draft')).toEqual(['review'])
    expect(statusMoves('review')).toEqual(['final', 'draft'])
    expect(statusMoves('final')).toEqual(['sent', 'draft'])
    expect(statusMoves('sent')).toEqual(['draft'])
    const doc = new Y.Doc()
    changeStatus(doc, { status: 'review', by: kari })
    changeStatus(doc, { status: 'final', by: kari })
    changeStatus(doc, { status: 'draft', by: kari }, 5000)
    const { value } = readWorkflow(doc)
    expect(value.status).toBe('draft')
    expect(value.history.at(-1)).toEqual({
      status: 'draft',
      by: kari,
      at: 5000,
      recipients: [],
      sentOn: null,
    })
  })

  it('locks the paper when final or sent, and only then', () => {
    expect(['draft', 'review', 'final', 'sent'].map((s) => isLocked(s as 'draft'))).toEqual([
      false,
      false,
      true,
      true,
    ])
  })

  it('skips a damaged entry instead of reading it as a draft, so it cannot unlock a paper', () => {
    const doc = new Y.Doc()
    changeStatus(doc, { status: 'review', by: kari })
    changeStatus(doc, { status: 'final', by: kari })
    doc.getArray(HISTORY).push([{ status: 'bogus', by: kari, at: 1 }, 'draft'])
    const { value, problems } = readWorkflow(doc)
    expect(value.status).toBe('final')
    expect(readWorkflowStatus(doc)).toBe('final')
    expect(problems.map((p) => p.path)).toEqual([`${HISTORY}[2].status`, `${HISTORY}[3]`])
  })

  it('tells observers once per transaction, with the fresh workflow, until they stop', () => {
    const doc = new Y.Doc()
    const seen: string[] = []
    const stop = observeWorkflow(doc, ({ value }) => seen.push(value.status))
    changeStatus(doc, { status: 'review', by: kari })
    doc.getMap('unrelated').set('x', 1)
    stop()
    changeStatus(doc, { status: 'final', by: kari })
    expect(seen).toEqual(['review'])
  })
})

describe('named versions', () => {
  it('freezes the content with its hash, who and when, unchanged by later edits', () => {
    const paper = newPaper()
    const workflow = new Y.Doc()
    const saved = saveVersion(
      workflow,
      { name: '  Sent to the Mission Board ', by: kari, content: paperContent(paper) },
      4000,
    )
    if (!saved.ok) throw new Error('not saved')
    writePaperMeta(paper, { title: 'Another title' })
    const [version] = readWorkflow(workflow).value.versions
    expect(version).toMatchObject({ id: saved.value, name: 'Sent to the Mission Board', at: 4000 })
    expect(version?.by).toEqual(kari)
    const frozen = parsePaperContent(version?.content ?? '')
    expect(frozen.problems).toEqual([])
    expect(frozen.value.title).toBe(meta.title)
    expect(version?.hash).toBe(contentHash(frozen.value))
  })

  it('refuses a blank name and a name already taken', () => {
    const workflow = new Y.Doc()
    const content = paperContent(newPaper())
    expect(saveVersion(workflow, { name: 'Draft for partners', by: kari, content }).ok).toBe(true)
    expect(saveVersion(workflow, { name: '  ', by: kari, content }).ok).toBe(false)
    expect(saveVersion(workflow, { name: 'draft for PARTNERS ', by: kari, content }).ok).toBe(false)
    expect(readWorkflow(workflow).value.versions).toHaveLength(1)
  })

  it('lists versions oldest first', () => {
    const workflow = new Y.Doc()
    const content = paperContent(newPaper())
    saveVersion(workflow, { name: 'Second', by: kari, content }, 2)
    saveVersion(workflow, { name: 'First', by: kari, content }, 1)
    expect(readWorkflow(workflow).value.versions.map((v) => v.name)).toEqual(['First', 'Second'])
  })
})

describe('organisation sign-off', () => {
  function savedVersion(paper: Y.Doc, workflow: Y.Doc): string {
    const saved = saveVersion(workflow, {
      name: 'For sign-off',
      by: kari,
      content: paperContent(paper),
    })
    if (!saved.ok) throw new Error('not saved')
    return saved.value
  }

  it('holds one endorsement per organisation and version; endorsing again changes nothing', () => {
    const paper = newPaper()
    const workflow = new Y.Doc()
    const versionId = savedVersion(paper, workflow)
    expect(endorse(workflow, { versionId, by: kari }, 10).ok).toBe(true)
    expect(endorse(workflow, { versionId, by: ola }, 11).ok).toBe(true)
    expect(endorse(workflow, { versionId, by: per }, 12).ok).toBe(true)
    expect(endorse(workflow, { versionId, by: kari }, 13).ok).toBe(true)
    const { endorsements, versions } = readWorkflow(workflow).value
    expect(endorsements).toEqual([
      { versionId, organisation: 'NTNU', by: kari, at: 10, hash: versions[0]?.hash },
      { versionId, organisation: 'Trondheim kommune', by: ola, at: 11, hash: versions[0]?.hash },
    ])
  })

  it('refuses to endorse a version that does not exist', () => {
    const workflow = new Y.Doc()
    expect(endorse(workflow, { versionId: 'nope', by: kari }).ok).toBe(false)
    expect(readWorkflow(workflow).value.endorsements).toEqual([])
  })

  it('withdraws an endorsement; withdrawing what is not there is no problem', () => {
    const paper = newPaper()
    const workflow = new Y.Doc()
    const versionId = savedVersion(paper, workflow)
    endorse(workflow, { versionId, by: ola })
    expect(withdrawEndorsement(workflow, { versionId, organisation: ola.organisation }).ok).toBe(
      true,
    )
    expect(withdrawEndorsement(workflow, { versionId, organisation: ola.organisation }).ok).toBe(
      true,
    )
    expect(readWorkflow(workflow).value.endorsements).toEqual([])
  })

  it('flags an endorsement once a later edit makes the paper differ from the endorsed version', () => {
    const paper = newPaper()
    const workflow = new Y.Doc()
    const versionId = savedVersion(paper, workflow)
    endorse(workflow, { versionId, by: ola })
    const current = () =>
      endorsementStates(readWorkflow(workflow).value, contentHash(paperContent(paper))).map(
        (state) => state.current,
      )
    expect(current()).toEqual([true])
    // The template's Background paragraph.
    const paragraph = paperBody(paper).get(3) as Y.XmlElement
    const text = paragraph.get(0) as Y.XmlText
    text.insert(text.length, ' Cities need a say.')
    expect(current()).toEqual([false])
    text.delete(text.length - ' Cities need a say.'.length, ' Cities need a say.'.length)
    expect(current()).toEqual([true])
    writePaperMeta(paper, { recipients: [...meta.recipients, 'ERRIN'] })
    expect(current()).toEqual([false])
  })

  it('changes to the paper that readers do not see in the text (deadline, status) keep the endorsement', () => {
    const paper = newPaper()
    const workflow = new Y.Doc()
    const versionId = savedVersion(paper, workflow)
    endorse(workflow, { versionId, by: ola })
    writePaperMeta(paper, { deadline: '2025-11-01', status: 'final' })
    const [state] = endorsementStates(
      readWorkflow(workflow).value,
      contentHash(paperContent(paper)),
    )
    expect(state?.current).toBe(true)
    expect(state?.version?.id).toBe(versionId)
  })

  it('replicas that endorse concurrently converge to the same endorsements', () => {
    const paper = newPaper()
    const a = new Y.Doc()
    const versionId = savedVersion(paper, a)
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    endorse(a, { versionId, by: kari }, 1)
    endorse(b, { versionId, by: per }, 2)
    endorse(b, { versionId, by: ola }, 3)
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(readWorkflow(a).value).toEqual(readWorkflow(b).value)
    expect(readWorkflow(a).value.endorsements.map((e) => e.organisation)).toEqual([
      'NTNU',
      'Trondheim kommune',
    ])
  })
})

describe('restoring a version', () => {
  it('makes the version the current text again, so its endorsements are current again', () => {
    const paper = newPaper()
    const workflow = new Y.Doc()
    const saved = saveVersion(workflow, { name: 'Agreed', by: kari, content: paperContent(paper) })
    if (!saved.ok) throw new Error('not saved')
    endorse(workflow, { versionId: saved.value, by: ola })
    const heading = paperBody(paper).get(0)
    writePaperMeta(paper, { title: 'Rewritten', language: 'nb', recipients: [] })
    const background = (paperBody(paper).get(3) as Y.XmlElement).get(0) as Y.XmlText
    background.insert(0, 'Entirely new background. ')
    paperBody(paper).delete(4, 2)
    const hashNow = () => contentHash(paperContent(paper))
    const [version] = readWorkflow(workflow).value.versions
    expect(hashNow()).not.toBe(version?.hash)
    expect(restoreVersion(paper, version!).ok).toBe(true)
    expect(hashNow()).toBe(version?.hash)
    expect(endorsementStates(readWorkflow(workflow).value, hashNow())[0]?.current).toBe(true)
    // Diffed into place: what the version shares with the text keeps its identity (and anchors).
    expect(paperBody(paper).get(0)).toBe(heading)
  })

  it('writes nothing when the version is already the current text', () => {
    const paper = newPaper()
    const workflow = new Y.Doc()
    saveVersion(workflow, { name: 'Agreed', by: kari, content: paperContent(paper) })
    const updates: Uint8Array[] = []
    paper.on('update', (update: Uint8Array) => updates.push(update))
    expect(restoreVersion(paper, readWorkflow(workflow).value.versions[0]!).ok).toBe(true)
    expect(updates).toEqual([])
  })

  it('refuses a version whose content cannot be read, writing nothing', () => {
    const paper = newPaper()
    const before = Y.encodeStateVector(paper)
    const broken = {
      id: 'v',
      name: 'Broken',
      by: kari,
      at: 1,
      content: '{"title":',
      hash: '0',
      openSuggestions: 0,
    }
    expect(restoreVersion(paper, broken).ok).toBe(false)
    expect(Y.encodeStateVector(paper)).toEqual(before)
  })
})
