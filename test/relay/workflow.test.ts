import * as encoding from 'lib0/encoding'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { startRelay, type RunningRelay } from '../../server/start-relay.ts'
import {
  changeStatus,
  contentHash,
  endorse,
  endorsementKey,
  endorsementStates,
  hashCanonical,
  initPaper,
  paperBody,
  paperContent,
  readPaperMeta,
  readWorkflow,
  saveVersion,
  withdrawEndorsement,
  writePaperMeta,
  type Author,
} from '../../shared/model/index.ts'
import { messageSync, paperRoom, workflowRoom, type Role } from '../../shared/protocol/index.ts'
import { useTempDir } from '../helpers/temp-dir.ts'
import { connectClient, roundTrip, type Client } from './helpers/clients.ts'
import { inspectStore, seedWorkspace } from './helpers/members.ts'
import { sendRaw } from './helpers/raw-socket.ts'
import { waitFor } from './helpers/wait.ts'

const tempDir = useTempDir('samstemt-relay-workflow-')
const open: { clients: Client[]; relays: RunningRelay[] } = { clients: [], relays: [] }

afterEach(async () => {
  for (const client of open.clients.splice(0)) client.destroy()
  await Promise.all(open.relays.splice(0).map((relay) => relay.close()))
})

const WORKFLOW = workflowRoom('w', 'p')
const PAPER = paperRoom('w', 'p')

/** A relay with one member per role (all of UiS) plus an editor of NTNU and a reviewer of Oslo. */
async function setup() {
  const file = join(tempDir(), 'relay.sqlite')
  const seeded = await seedWorkspace(file)
  const start = async () => {
    const running = await startRelay({ data: file, port: 0, log: false })
    open.relays.push(running)
    return running
  }
  let relay = await start()
  const tokens: Record<string, string> = { ...seeded.tokens }
  const authors: Record<string, Author> = {}
  for (const role of ['coordinator', 'editor', 'reviewer'] as Role[]) {
    authors[role] = { memberId: seeded.memberIds[role], name: `A ${role}`, organisation: 'UiS' }
  }
  for (const [key, organisation, role] of [
    ['ntnu', 'NTNU', 'editor'],
    ['oslo', 'Oslo kommune', 'reviewer'],
  ] as const) {
    const invited = relay.members.add({ workspace: 'w', name: key, organisation, role })
    tokens[key] = invited.token
    authors[key] = { memberId: invited.member.id, name: key, organisation }
  }
  /** A member's synced client: its doc is theirs to forge as they like. */
  const as = async (who: string, room = WORKFLOW): Promise<Client> => {
    const client = connectClient(relay.url, room, tokens[who]!)
    open.clients.push(client)
    await client.synced()
    return client
  }
  /** What a fresh reader gets from the relay now. */
  const read = async (room = WORKFLOW): Promise<Y.Doc> => (await as('reviewer', room)).doc
  const restart = async () => {
    for (const client of open.clients.splice(0)) client.destroy()
    await relay.close()
    relay = await start()
  }
  return {
    file,
    authors,
    tokens,
    as,
    read,
    restart,
    url: () => relay.url,
    store: () => relay.store,
  }
}

/** Makes `change` in the client's doc and resolves once the relay handled it: the refusal, or ''. */
async function send(client: Client, change: (doc: Y.Doc) => unknown): Promise<string> {
  const before = client.denied.length
  change(client.doc)
  await roundTrip(client)
  return client.denied.slice(before).join(' | ')
}

function newPaperContent() {
  const doc = new Y.Doc()
  initPaper(doc, {
    title: 'Byene trenger forutsigbar finansiering',
    recipients: ['EU Mission Board for Climate-Neutral and Smart Cities'],
    language: 'nb',
    deadline: null,
    status: 'draft',
    organisations: ['UiS', 'NTNU'],
  })
  return { doc, content: paperContent(doc) }
}

describe('the status of a paper, on the relay', () => {
  test('the coordinator moves it to review, final and sent, and every member sees who did it and when', async () => {
    const { authors, as, read } = await setup()
    const coordinator = await as('coordinator')
    const by = authors.coordinator!
    const sent = { recipients: ['ERRIN'], sentOn: '2025-10-14' }
    expect(await send(coordinator, (d) => changeStatus(d, { status: 'review', by }, 1))).toBe('')
    expect(await send(coordinator, (d) => changeStatus(d, { status: 'final', by }, 2))).toBe('')
    const done = await send(coordinator, (d) => changeStatus(d, { status: 'sent', by, ...sent }, 3))
    expect(done).toBe('')
    const { value, problems } = readWorkflow(await read())
    expect(problems).toEqual([])
    expect(value.status).toBe('sent')
    expect(value.history).toEqual([
      { status: 'review', by, at: 1, recipients: [], sentOn: null },
      { status: 'final', by, at: 2, recipients: [], sentOn: null },
      { status: 'sent', by, at: 3, ...sent },
    ])
  })

  test('a move the coordinator made despite the pre-send check carries what was left, for every member to see', async () => {
    const { authors, as, read } = await setup()
    const coordinator = await as('coordinator')
    const by = authors.coordinator!
    const overrides = [{ check: 'undecided-suggestions' as const, count: 1 }]
    expect(await send(coordinator, (d) => changeStatus(d, { status: 'review', by }, 1))).toBe('')
    expect(
      await send(coordinator, (d) => changeStatus(d, { status: 'final', by, overrides }, 2)),
    ).toBe('')
    const forger = await as('coordinator')
    const bad = await send(forger, (d) =>
      d.getArray('history').push([
        {
          status: 'sent',
          by,
          at: 3,
          recipients: ['ERRIN'],
          sentOn: '2025-10-14',
          overrides: 'none',
        },
      ]),
    )
    expect(bad).toMatch(/Not a valid status change/)
    const history = readWorkflow(await read()).value.history
    expect(history.map((change) => [change.status, change.overrides])).toEqual([
      ['review', undefined],
      ['final', overrides],
    ])
  })

  test('editors and reviewers cannot change it, not even under the coordinator’s name', async () => {
    const { authors, as, read, restart, file } = await setup()
    for (const who of ['editor', 'reviewer', 'ntnu']) {
      const forger = await as(who)
      const asThemselves = await send(forger, (d) =>
        d
          .getArray('history')
          .push([{ status: 'final', by: authors[who], at: 1, recipients: [], sentOn: null }]),
      )
      expect(asThemselves).toMatch(/Only the coordinator changes/)
      const forged = await as(who)
      const asCoordinator = await send(forged, (d) =>
        changeStatus(d, { status: 'review', by: authors.coordinator! }),
      )
      expect(asCoordinator).toMatch(/Only the coordinator changes/)
    }
    expect(readWorkflow(await read()).value.history).toEqual([])
    await restart()
    await inspectStore(file, (store) => expect(store.audit(WORKFLOW)).toEqual([]))
  })

  test('the coordinator records changes under their own name only, and never rewrites the history', async () => {
    const { authors, as, read } = await setup()
    const by = authors.coordinator!
    const coordinator = await as('coordinator')
    await send(coordinator, (d) => changeStatus(d, { status: 'review', by }))
    const impostor = await as('coordinator')
    const underAnotherName = await send(impostor, (d) =>
      changeStatus(d, { status: 'final', by: authors.ntnu! }),
    )
    expect(underAnotherName).toMatch(/own name/)
    const rewriter = await as('coordinator')
    expect(await send(rewriter, (d) => d.getArray('history').delete(0, 1))).toMatch(/rewritten/)
    const history = readWorkflow(await read()).value.history
    expect(history.map((change) => [change.status, change.by])).toEqual([['review', by]])
  })

  test('a forged frame on a plain socket (no y-websocket client) changes nothing either', async () => {
    const { authors, read, url, tokens } = await setup()
    const forged = new Y.Doc()
    changeStatus(forged, { status: 'review', by: authors.editor! })
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, messageSync)
    syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(forged))
    const outcome = await sendRaw(url(), WORKFLOW, tokens.editor!, [encoding.toUint8Array(encoder)])
    // Refused, not disconnected: the socket may go on reading.
    expect(outcome).toEqual({ closed: false })
    expect(readWorkflow(await read()).value.history).toEqual([])
  })
})

describe('named versions, on the relay', () => {
  test('only the coordinator saves one, and nobody changes or deletes it afterwards', async () => {
    const { authors, as, read } = await setup()
    const { content } = newPaperContent()
    const coordinator = await as('coordinator')
    let id = ''
    const saved = await send(coordinator, (d) => {
      const result = saveVersion(d, {
        name: 'Sent to the Mission Board',
        by: authors.coordinator!,
        content,
      })
      if (result.ok) id = result.value
    })
    expect(saved).toBe('')
    const editor = await as('ntnu')
    const editorSaves = await send(editor, (d) =>
      saveVersion(d, { name: 'Mine', by: authors.ntnu!, content }),
    )
    expect(editorSaves).toMatch(/Only the coordinator saves/)
    const stored = (await read()).getMap('versions').get(id) as Record<string, unknown>
    const changer = await as('coordinator')
    const renamed = await send(changer, (d) =>
      d.getMap('versions').set(id, { ...stored, name: 'Renamed' }),
    )
    expect(renamed).toMatch(/cannot be changed or deleted/)
    const deleter = await as('coordinator')
    expect(await send(deleter, (d) => d.getMap('versions').delete(id))).toMatch(/cannot be changed/)
    const forger = await as('coordinator')
    const json = JSON.stringify({ ...content, title: 'Another text' })
    const forgedHash = await send(forger, (d) =>
      d.getMap('versions').set('v-forged', {
        name: 'Forged',
        by: authors.coordinator,
        at: 1,
        content: json,
        hash: stored.hash,
      }),
    )
    expect(forgedHash).toMatch(/SHA-256/)
    const { versions } = readWorkflow(await read()).value
    expect(versions.map((v) => [v.id, v.name, v.hash])).toEqual([
      [id, 'Sent to the Mission Board', contentHash(content)],
    ])
    expect(hashCanonical(versions[0]!.content)).toBe(versions[0]!.hash)
  })
})

describe('organisation sign-off, on the relay', () => {
  async function withVersion() {
    const env = await setup()
    const paper = newPaperContent()
    const coordinator = await env.as('coordinator')
    let versionId = ''
    await send(coordinator, (d) => {
      const result = saveVersion(d, {
        name: 'For sign-off',
        by: env.authors.coordinator!,
        content: paper.content,
      })
      if (result.ok) versionId = result.value
    })
    return { ...env, paper, versionId }
  }

  test('every role endorses on behalf of its own organisation', async () => {
    const { authors, as, read, versionId } = await withVersion()
    for (const who of ['coordinator', 'ntnu', 'oslo']) {
      const member = await as(who)
      expect(await send(member, (d) => endorse(d, { versionId, by: authors[who]! }))).toBe('')
    }
    const { endorsements } = readWorkflow(await read()).value
    expect(endorsements.map((e) => [e.organisation, e.by.memberId]).sort()).toEqual(
      [
        ['UiS', authors.coordinator!.memberId],
        ['NTNU', authors.ntnu!.memberId],
        ['Oslo kommune', authors.oslo!.memberId],
      ].sort(),
    )
  })

  test('nobody endorses for another member or organisation, or withdraws another’s endorsement', async () => {
    const { authors, as, read, versionId } = await withVersion()
    const ntnu = await as('ntnu')
    expect(await send(ntnu, (d) => endorse(d, { versionId, by: authors.ntnu! }))).toBe('')
    const hash = readWorkflow(ntnu.doc).value.versions[0]!.hash
    const forge = (organisation: string, by: Author) => (d: Y.Doc) =>
      d.getMap('endorsements').set(endorsementKey(versionId, organisation), {
        versionId,
        organisation,
        by,
        at: 1,
        hash,
      })
    const forAnotherOrganisation = await send(
      await as('oslo'),
      forge('UiS', { ...authors.oslo!, organisation: 'UiS' }),
    )
    expect(forAnotherOrganisation).toMatch(/own organisation/)
    const asAnotherMember = await send(await as('oslo'), forge('Oslo kommune', authors.ntnu!))
    expect(asAnotherMember).toMatch(/only yourself/)
    for (const who of ['oslo', 'coordinator', 'editor']) {
      const withdrawn = await send(await as(who), (d) =>
        withdrawEndorsement(d, { versionId, organisation: 'NTNU' }),
      )
      expect(withdrawn).toMatch(/Only the member who endorsed/)
    }
    expect(readWorkflow(await read()).value.endorsements.map((e) => e.organisation)).toEqual([
      'NTNU',
    ])
    const own = await send(ntnu, (d) => withdrawEndorsement(d, { versionId, organisation: 'NTNU' }))
    expect(own).toBe('')
    expect(readWorkflow(await read()).value.endorsements).toEqual([])
  })

  test('an endorsement is flagged once an editor changes the paper after it', async () => {
    const { authors, as, versionId, paper } = await withVersion()
    const editor = await as('ntnu', PAPER)
    await send(editor, (d) => Y.applyUpdate(d, Y.encodeStateAsUpdate(paper.doc)))
    const oslo = await as('oslo')
    await send(oslo, (d) => endorse(d, { versionId, by: authors.oslo! }))
    const reviewerPaper = await as('oslo', PAPER)
    const current = () =>
      endorsementStates(readWorkflow(oslo.doc).value, contentHash(paperContent(reviewerPaper.doc)))
    expect(current().map((state) => state.current)).toEqual([true])
    const background = paperBody(editor.doc).get(3) as Y.XmlElement
    await send(editor, () => (background.get(0) as Y.XmlText).insert(0, 'Nytt: '))
    await waitFor(() => current()[0]?.current === false, 'the reviewer to see the edit')
    expect(current()[0]?.version?.id).toBe(versionId)
  })
})

describe('a final paper is locked on the relay', () => {
  test('nobody, the coordinator included, changes its body or meta until the coordinator reopens it', async () => {
    const { authors, as, read, restart, file } = await setup()
    const by = authors.coordinator!
    const editor = await as('ntnu', PAPER)
    expect(await send(editor, (d) => writePaperMeta(d, { title: 'Utkast' }))).toBe('')
    const coordinator = await as('coordinator')
    await send(coordinator, (d) => changeStatus(d, { status: 'review', by }))
    await send(coordinator, (d) => changeStatus(d, { status: 'final', by }))

    const body = await send(editor, (d) => paperBody(d).insert(0, [new Y.XmlText('Smuglet inn')]))
    expect(body).toMatch(/The paper is final/)
    const coordinatorPaper = await as('coordinator', PAPER)
    const meta = await send(coordinatorPaper, (d) => writePaperMeta(d, { title: 'Endelig' }))
    expect(meta).toMatch(/The paper is final/)
    const fresh = await read(PAPER)
    expect(readPaperMeta(fresh).value.title).toBe('Utkast')
    expect(paperBody(fresh).length).toBe(0)

    // After a restart the workflow room is not in memory: the relay reads the status from disk.
    await restart()
    await inspectStore(file, (store) => {
      const stored = store.load(PAPER)
      expect(readPaperMeta(stored).value.title).toBe('Utkast')
      expect(paperBody(stored).length).toBe(0)
      expect(store.audit(PAPER).map((entry) => entry.origin)).toEqual([authors.ntnu!.memberId])
    })
    const late = await as('ntnu', PAPER)
    expect(await send(late, (d) => writePaperMeta(d, { title: 'Etter omstart' }))).toMatch(/final/)

    const reopener = await as('coordinator')
    expect(await send(reopener, (d) => changeStatus(d, { status: 'draft', by }))).toBe('')
    const after = await as('ntnu', PAPER)
    expect(await send(after, (d) => writePaperMeta(d, { title: 'Gjenåpnet' }))).toBe('')
    expect(readPaperMeta(await read(PAPER)).value.title).toBe('Gjenåpnet')
    const history = readWorkflow(await read()).value.history
    expect(history.map((change) => change.status)).toEqual(['review', 'final', 'draft'])
  })

  test('when the status cannot be read, the update is not refused: the socket closes with 1011 and the client resends', async () => {
    const { as, store: relayStore } = await setup()
    const store = relayStore()
    const original = store.read.bind(store)
    let failures = 0
    store.read = (doc) => {
      if (doc !== WORKFLOW || failures > 0) return original(doc)
      failures++
      throw new Error('disk I/O error')
    }
    const reader = await as('reviewer', PAPER)
    const editor = await as('ntnu', PAPER)
    writePaperMeta(editor.doc, { title: 'Sendt på nytt' })
    expect((await editor.closed).code).toBe(1011)
    await waitFor(
      () => readPaperMeta(reader.doc).value.title === 'Sendt på nytt',
      'the client to resend after reconnecting',
    )
    expect(failures).toBe(1)
    expect(editor.denied).toEqual([])
  })

  test('the lock follows the workflow room only: a status an editor writes into the meta locks nothing', async () => {
    const { as, read } = await setup()
    const editor = await as('ntnu', PAPER)
    expect(await send(editor, (d) => writePaperMeta(d, { status: 'final' }))).toBe('')
    expect(await send(editor, (d) => writePaperMeta(d, { title: 'Fortsatt åpen' }))).toBe('')
    expect(readPaperMeta(await read(PAPER)).value.title).toBe('Fortsatt åpen')
  })
})
