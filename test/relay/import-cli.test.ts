import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { JSONContent } from '@tiptap/core'
import { afterEach, describe, expect, test } from 'vitest'
import { startRelay, type RunningRelay } from '../../server/start-relay.ts'
import { toDocx } from '../../shared/export/index.ts'
import { readBodyJSON, readPaperMeta, readPapers, readThreads } from '../../shared/model/index.ts'
import { listTracked, type TrackedAuthor } from '../../shared/model/tracked.ts'
import { commentsRoom, indexRoom, paperRoom } from '../../shared/protocol/index.ts'
import { useTempDir } from '../helpers/temp-dir.ts'
import { runCli, runCliJson } from './helpers/cli.ts'
import { connectClient, type Client } from './helpers/clients.ts'
import { seedWorkspace } from './helpers/members.ts'

const tempDir = useTempDir('samstemt-import-cli-')
const open: { clients: Client[]; relays: RunningRelay[] } = { clients: [], relays: [] }
afterEach(async () => {
  for (const client of open.clients.splice(0)) client.destroy()
  await Promise.all(open.relays.splice(0).map((relay) => relay.close()))
})

const suggested = (text: string, author: Omit<TrackedAuthor, 'id' | 'memberId'>): JSONContent => ({
  type: 'text',
  text,
  marks: [{ type: 'suggestInsert', attrs: { id: 'x', memberId: 'x', ...author } }],
})

async function docx(file: string, second: JSONContent[]): Promise<string> {
  const body: JSONContent = {
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Budskap' }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'Byene ber om midler.' }] },
      { type: 'paragraph', content: second },
    ],
  }
  const source = {
    title: 'Fra Word',
    recipients: ['Mission Board'],
    language: 'nb' as const,
    date: '2026-12-01',
    place: null,
    body,
    signatories: [],
    versionName: null,
  }
  writeFileSync(file, await toDocx(source))
  return file
}

type Imported = { paper: string; created: boolean; summary: { suggestions: unknown[] } }

describe('samstemt-relay import', () => {
  test('a DOCX becomes a paper in the database, with its suggestion signed as imported, and a running relay serves it', async () => {
    const dir = tempDir()
    const data = join(dir, 'relay.sqlite')
    const seeded = await seedWorkspace(data)
    const file = await docx(join(dir, 'Innspill.docx'), [
      { type: 'text', text: 'Utslippene falt ' },
      suggested('kraftig ', { name: 'A editor', organisation: 'UiS', at: Date.UTC(2026, 10, 1) }),
      { type: 'text', text: 'i perioden.' },
    ])
    const base = ['import', '--data', data, '--workspace', 'w', '--file', file]
    const made = await runCliJson<Imported>([...base, '--as', seeded.memberIds.coordinator])
    expect(made.created).toBe(true)
    expect(made.summary.suggestions).toEqual([{ author: 'A editor (UiS)', count: 1 }])

    const relay = await startRelay({ data, port: 0, log: false })
    open.relays.push(relay)
    const join_ = async (room: string) => {
      const client = connectClient(relay.url, room, seeded.tokens.editor)
      open.clients.push(client)
      await client.synced()
      return client
    }
    const index = await join_(indexRoom('w'))
    expect(readPapers(index.doc).value.map((p) => [p.id, p.title])).toEqual([
      [made.paper, 'Fra Word'],
    ])
    const paper = await join_(paperRoom('w', made.paper))
    expect(readPaperMeta(paper.doc).value.recipients).toEqual(['Mission Board'])
    const [only] = listTracked(readBodyJSON(paper.doc).value)
    expect(only?.inserted).toBe('kraftig ')
    expect(only?.author).toMatchObject({
      memberId: seeded.memberIds.editor,
      name: 'A editor',
      importedBy: { memberId: seeded.memberIds.coordinator },
    })
    await relay.close()
    open.relays.splice(0)

    // A review of it: Ingrid, not a member, suggests in Word; --dry-run first writes nothing.
    const review = await docx(join(dir, 'Innspill - Ingrid.docx'), [
      { type: 'text', text: 'Utslippene falt ' },
      suggested('kraftig ', { name: 'A editor', organisation: 'UiS', at: Date.UTC(2026, 10, 1) }),
      suggested('med 12 prosent ', {
        name: 'Ingrid Berg',
        organisation: '',
        at: Date.UTC(2026, 11, 2),
      }),
      { type: 'text', text: 'i perioden.' },
    ])
    const reviewArgs = ['import', '--data', data, '--workspace', 'w', '--file', review]
    const asEditor = ['--as', seeded.memberIds.editor, '--paper', made.paper]
    const dry = await runCli([...reviewArgs, ...asEditor, '--dry-run'])
    expect(dry.stdout).toContain('Would import a review into paper')
    expect(dry.stdout).toContain('1 suggestion(s) by Ingrid Berg')
    const done = await runCliJson<Imported>([...reviewArgs, ...asEditor])
    expect(done.created).toBe(false)
    const again = await startRelay({ data, port: 0, log: false })
    open.relays.push(again)
    const reviewer = connectClient(again.url, paperRoom('w', made.paper), seeded.tokens.reviewer)
    open.clients.push(reviewer)
    await reviewer.synced()
    const after = listTracked(readBodyJSON(reviewer.doc).value)
    expect(
      after.map((s) => [s.inserted, s.author.name, s.author.importedBy?.memberId ?? null]),
    ).toEqual([
      ['kraftig ', 'A editor', seeded.memberIds.coordinator],
      ['med 12 prosent ', 'Ingrid Berg', seeded.memberIds.editor],
    ])
    const comments = connectClient(again.url, commentsRoom('w', made.paper), seeded.tokens.reviewer)
    open.clients.push(comments)
    await comments.synced()
    expect(readThreads(comments.doc).value).toEqual([])
  })

  test('refuses what it cannot import and writes nothing: not a DOCX, a reviewer importing, an unknown version', async () => {
    const dir = tempDir()
    const data = join(dir, 'relay.sqlite')
    const seeded = await seedWorkspace(data)
    const text = join(dir, 'notat.docx')
    writeFileSync(text, 'bare tekst')
    const base = ['import', '--data', data, '--workspace', 'w']
    const notDocx = await runCli([...base, '--file', text, '--as', seeded.memberIds.editor])
    expect(notDocx.code).not.toBe(0)
    expect(notDocx.stderr).toContain('This is not a Word document (.docx)')
    const file = await docx(join(dir, 'a.docx'), [{ type: 'text', text: 'Hei.' }])
    const reviewer = await runCli([...base, '--file', file, '--as', seeded.memberIds.reviewer])
    expect(reviewer.stderr).toContain('only editors and coordinators import')
    const noPaper = await runCli([
      ...base,
      '--file',
      file,
      '--as',
      seeded.memberIds.editor,
      '--paper',
      'nope',
      '--review-against',
      'Utkast 1',
    ])
    expect(noPaper.stderr).toContain('There is no paper nope in w.')
    const relay = await startRelay({ data, port: 0, log: false })
    open.relays.push(relay)
    const index = connectClient(relay.url, indexRoom('w'), seeded.tokens.editor)
    open.clients.push(index)
    await index.synced()
    expect(readPapers(index.doc).value).toEqual([])
  })
})
