import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { paperContent } from '../model/canonical-paper.ts'
import { canonicalJson, hashCanonical } from '../model/canonical.ts'
import type { Author } from '../model/comments.ts'
import { initPaper } from '../model/new-paper.ts'
import { ENDORSEMENTS, HISTORY, VERSIONS, endorsementKey, readWorkflow } from '../model/workflow.ts'
import {
  changeStatus,
  endorse,
  saveVersion,
  withdrawEndorsement,
} from '../model/workflow-writes.ts'
import type { Member } from './members.ts'
import { previewUpdate, updateFrom } from './test-support/preview.ts'
import { workflowChangeRefusal, workflowRights } from './workflow.ts'

const member = (id: string, role: Member['role'], organisation: string): Member => ({
  id,
  name: `Member ${id}`,
  role,
  organisation,
})
const coordinator = member('m-c', 'coordinator', 'NTNU')
const editor = member('m-e', 'editor', 'Trondheim kommune')
const reviewer = member('m-r', 'reviewer', 'UiS')

const as = (writer: Member): Author => ({
  memberId: writer.id,
  name: writer.name,
  organisation: writer.organisation,
})

function paper(): Y.Doc {
  const doc = new Y.Doc()
  initPaper(doc, {
    title: 'Smart cities need open data',
    recipients: ['EIP Smart Cities'],
    language: 'en',
    deadline: null,
    status: 'draft',
    organisations: [],
  })
  return doc
}

/** The relay's copy of a workflow with one version, endorsed by the editor's organisation. */
function relayDoc(): { doc: Y.Doc; versionId: string } {
  const doc = new Y.Doc()
  changeStatus(doc, { status: 'review', by: as(coordinator) }, 1)
  const saved = saveVersion(doc, {
    name: 'v1',
    by: as(coordinator),
    content: paperContent(paper()),
  })
  if (!saved.ok) throw new Error('not saved')
  endorse(doc, { versionId: saved.value, by: as(editor) })
  return { doc, versionId: saved.value }
}

/** What the check says to the update `change` makes on a client's synced copy of `doc`. */
function judge(doc: Y.Doc, writer: Member, change: (client: Y.Doc) => void): string | null {
  const refusal = workflowChangeRefusal(
    writer,
    previewUpdate(doc, updateFrom(doc, change), 'workflow'),
  )
  expect(readWorkflow(doc).value.history, 'the judged doc is not changed').toHaveLength(1)
  return refusal
}

describe('what the relay lets each role change in a workflow', () => {
  it('the coordinator changes the status and saves versions; editors and reviewers cannot', () => {
    const { doc } = relayDoc()
    const review = (w: Member) => (c: Y.Doc) => changeStatus(c, { status: 'final', by: as(w) })
    const save = (w: Member) => (c: Y.Doc) =>
      saveVersion(c, { name: 'v2', by: as(w), content: paperContent(paper()) })
    expect(judge(doc, coordinator, review(coordinator))).toBeNull()
    expect(judge(doc, coordinator, save(coordinator))).toBeNull()
    for (const writer of [editor, reviewer]) {
      expect(judge(doc, writer, review(writer))).toMatch(/Only the coordinator/)
      expect(judge(doc, writer, save(writer))).toMatch(/Only the coordinator/)
    }
  })

  it('takes a final that records what the check left, and refuses overrides that are no such record', () => {
    const { doc } = relayDoc()
    const by = as(coordinator)
    const overrides = [
      { check: 'open-threads' as const, count: 2 },
      { check: 'guidance' as const, count: 1 },
    ]
    expect(
      judge(doc, coordinator, (c) => changeStatus(c, { status: 'final', by, overrides })),
    ).toBeNull()
    const push = (entry: Record<string, unknown>) => (c: Y.Doc) =>
      c.getArray(HISTORY).push([{ by, at: 5, recipients: [], sentOn: null, ...entry }])
    for (const overrides of [
      [{ check: 'spelling', count: 1 }],
      [{ check: 'guidance', count: 0 }],
      [{ check: 'guidance', count: 1, note: 'x' }],
      [
        { check: 'guidance', count: 1 },
        { check: 'guidance', count: 2 },
      ],
      'open-threads',
    ]) {
      expect(judge(doc, coordinator, push({ status: 'final', overrides }))).toMatch(
        /Not a valid status change: history\.overrides expected (at most 6 )?overrides/,
      )
    }
    expect(
      judge(
        doc,
        coordinator,
        push({ status: 'draft', overrides: [{ check: 'guidance', count: 1 }] }),
      ),
    ).toMatch(/only a final or sent paper is checked/)
  })

  it('every role endorses on behalf of its organisation, and withdraws only its own endorsement', () => {
    const { doc, versionId } = relayDoc()
    for (const writer of [coordinator, reviewer]) {
      expect(judge(doc, writer, (c) => endorse(c, { versionId, by: as(writer) }))).toBeNull()
    }
    const withdrawEditors = (c: Y.Doc) =>
      withdrawEndorsement(c, { versionId, organisation: editor.organisation })
    expect(judge(doc, editor, withdrawEditors)).toBeNull()
    for (const writer of [coordinator, reviewer]) {
      expect(judge(doc, writer, withdrawEditors)).toMatch(/Only the member who endorsed/)
    }
    const colleague = { ...editor, id: 'm-e2', name: 'Member m-e2' }
    expect(judge(doc, colleague, withdrawEditors)).toMatch(/Only the member who endorsed/)
  })

  it('nobody endorses for someone else, for another organisation, or with another hash', () => {
    const { doc, versionId } = relayDoc()
    const hash = readWorkflow(doc).value.versions[0]!.hash
    const forged =
      (by: Author, organisation: string, withHash = hash) =>
      (c: Y.Doc) =>
        c.getMap(ENDORSEMENTS).set(endorsementKey(versionId, organisation), {
          versionId,
          organisation,
          by,
          at: 1,
          hash: withHash,
        })
    expect(judge(doc, reviewer, forged(as(reviewer), reviewer.organisation))).toBeNull()
    expect(judge(doc, reviewer, forged(as(coordinator), coordinator.organisation))).toMatch(
      /only yourself/,
    )
    expect(judge(doc, reviewer, forged(as(reviewer), 'NTNU'))).toMatch(/only yourself/)
    const wrong = hashCanonical('{}')
    expect(judge(doc, reviewer, forged(as(reviewer), reviewer.organisation, wrong))).toMatch(
      /version's hash/,
    )
  })

  it('nobody, the coordinator included, changes or deletes a saved version or rewrites history', () => {
    const { doc, versionId } = relayDoc()
    const version = doc.getMap(VERSIONS).get(versionId) as Record<string, unknown>
    expect(
      judge(doc, coordinator, (c) => c.getMap(VERSIONS).set(versionId, { ...version, name: 'x' })),
    ).toMatch(/cannot be changed or deleted/)
    expect(judge(doc, coordinator, (c) => c.getMap(VERSIONS).delete(versionId))).toMatch(
      /cannot be changed or deleted/,
    )
    expect(judge(doc, coordinator, (c) => c.getArray(HISTORY).delete(0, 1))).toMatch(
      /cannot be rewritten/,
    )
    const replaced = (c: Y.Doc) => {
      c.getArray(HISTORY).delete(0, 1)
      changeStatus(c, { status: 'review', by: as(coordinator) }, 2)
    }
    expect(judge(doc, coordinator, replaced)).toMatch(/cannot be rewritten/)
  })

  it("a version's hash must be the SHA-256 of its canonical content, under the saver's own name", () => {
    const { doc } = relayDoc()
    const content = canonicalJson(paperContent(paper()))
    const entry = {
      name: 'forged',
      by: as(coordinator),
      at: 1,
      content,
      hash: hashCanonical(content),
    }
    const put = (value: unknown) => (c: Y.Doc) => c.getMap(VERSIONS).set('v-forged', value)
    expect(judge(doc, coordinator, put(entry))).toBeNull()
    expect(judge(doc, coordinator, put({ ...entry, hash: hashCanonical('x') }))).toMatch(/SHA-256/)
    const loose = JSON.stringify(JSON.parse(content), null, 2)
    expect(
      judge(doc, coordinator, put({ ...entry, content: loose, hash: hashCanonical(loose) })),
    ).toMatch(/canonical/)
    expect(judge(doc, coordinator, put({ ...entry, by: as(editor) }))).toMatch(/own name/)
  })

  it('a status change is recorded under the coordinator’s own name and must be valid', () => {
    const { doc } = relayDoc()
    const push = (value: unknown) => (c: Y.Doc) => c.getArray(HISTORY).push([value])
    const change = { status: 'final', by: as(coordinator), at: 2, recipients: [], sentOn: null }
    expect(judge(doc, coordinator, push(change))).toBeNull()
    expect(judge(doc, coordinator, push({ ...change, by: as(editor) }))).toMatch(/own name/)
    expect(judge(doc, coordinator, push({ ...change, status: 'sent' }))).toMatch(/recipients/)
    expect(judge(doc, coordinator, push({ ...change, status: 'approved' }))).toMatch(/status/)
  })

  it('refuses any other root, a nested shared type, and keyed entries in the history', () => {
    const { doc } = relayDoc()
    expect(judge(doc, coordinator, (c) => c.getMap('probe').set('x', 1))).toMatch(/holds only/)
    expect(judge(doc, coordinator, (c) => c.getText('notes').insert(0, 'x'))).toMatch(/holds only/)
    expect(judge(doc, coordinator, (c) => c.getMap(VERSIONS).set('v-nested', new Y.Map()))).toMatch(
      /Not a valid version/,
    )
    expect(judge(doc, coordinator, (c) => c.getMap(HISTORY).set('status', 'draft'))).toMatch(
      /holds only/,
    )
  })

  it('an update that repeats what the doc has changes nothing and is allowed for everyone', () => {
    const { doc } = relayDoc()
    const everything = Y.encodeStateAsUpdate(doc)
    for (const writer of [coordinator, editor, reviewer]) {
      expect(workflowChangeRefusal(writer, previewUpdate(doc, everything, 'workflow'))).toBeNull()
    }
  })

  it('a status change is signed with the member’s current name: another name is refused', () => {
    const { doc } = relayDoc()
    const renamed = { ...as(coordinator), name: 'Statsministeren' }
    expect(
      judge(doc, coordinator, (c) => changeStatus(c, { status: 'final', by: renamed })),
    ).toMatch(/own name/)
  })

  it('what the UI offers each role is what the check lets through', () => {
    expect(workflowRights('coordinator')).toEqual({
      moveStatus: true,
      saveVersion: true,
      restoreVersion: true,
      export: true,
      setSuggestionsOnly: true,
      endorse: true,
    })
    for (const role of ['editor', 'reviewer'] as const) {
      expect(workflowRights(role)).toMatchObject({
        moveStatus: false,
        saveVersion: false,
        endorse: true,
      })
    }
  })
})
