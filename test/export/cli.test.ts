import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import {
  addThread,
  createAnchor,
  endorse,
  paperBody,
  paperContent,
  positionPaperTemplate,
  saveVersion,
  upsertPaperSummary,
  writePaperMeta,
  writeTemplateToBody,
  type Author,
} from '../../shared/model/index.ts'
import { commentsRoom, indexRoom, paperRoom, workflowRoom } from '../../shared/protocol/index.ts'
import { UpdateStore } from '../../shared/store/index.ts'
import { CHROMIUM } from '../helpers/chromium.ts'
import { useTempDir } from '../helpers/temp-dir.ts'
import { runCli, type CliResult } from '../relay/helpers/cli.ts'
import { seedWorkspace } from '../relay/helpers/members.ts'
import { fixtureVersions } from './fixture.ts'
import { pdfInfo, pdfText, readDocx } from './tools.ts'

const tempDir = useTempDir('samstemt-export-cli-')

const coordinator: Author = { memberId: 'm1', name: 'Kari Nordmann', organisation: 'Nordic Edge' }
const partner: Author = { memberId: 'm2', name: 'Øystein Ås', organisation: 'UiS' }

/**
 * A relay database with workspace `w` and paper `p1`: saved as version "Utkast 1", revised,
 * saved as "Endelig 1" and endorsed by two organisations, with one comment on the final text.
 */
async function seedRelay(file: string): Promise<void> {
  await seedWorkspace(file)
  const { before, after } = fixtureVersions()
  const paper = new Y.Doc()
  const workflow = new Y.Doc()
  const comments = new Y.Doc()
  const index = new Y.Doc()
  writeTemplateToBody(paper, before.body)
  writePaperMeta(paper, {
    title: after.title,
    recipients: after.recipients,
    language: 'nb',
    deadline: '2027-01-15',
    status: 'final',
    organisations: ['Nordic Edge', 'UiS'],
  })
  saveVersion(workflow, { name: 'Utkast 1', by: coordinator, content: paperContent(paper) }, 1)
  paper.transact(() => {
    paperBody(paper).delete(0, paperBody(paper).length)
  })
  writeTemplateToBody(paper, after.body)
  const final = saveVersion(
    workflow,
    { name: 'Endelig 1', by: coordinator, content: paperContent(paper) },
    Date.UTC(2026, 10, 26),
  )
  if (!final.ok) throw new Error('could not save the version')
  endorse(workflow, { versionId: final.value, by: coordinator }, Date.UTC(2026, 10, 26, 12))
  endorse(workflow, { versionId: final.value, by: partner }, Date.UTC(2026, 10, 26, 13))
  const heading = (paperBody(paper).get(0) as Y.XmlElement).get(0) as Y.XmlText
  addThread(comments, {
    anchor: createAnchor(heading, 0, 5),
    quote: 'Hoved',
    author: partner,
    text: 'Godt hovedbudskap.',
  })
  // p-fresh: a new paper as the template leaves it, its guidance not yet written over.
  const fresh = new Y.Doc()
  writeTemplateToBody(fresh, positionPaperTemplate('nb'))
  writePaperMeta(fresh, {
    title: 'Nytt notat',
    recipients: [],
    language: 'nb',
    deadline: null,
    status: 'draft',
    organisations: [],
  })
  upsertPaperSummary(index, {
    id: 'p1',
    title: after.title,
    status: 'final',
    recipients: after.recipients,
    createdAt: 1,
    updatedAt: 2,
  })
  const store = UpdateStore.open(file)
  await Promise.all([
    store.append(paperRoom('w', 'p1'), Y.encodeStateAsUpdate(paper)),
    store.append(paperRoom('w', 'p-fresh'), Y.encodeStateAsUpdate(fresh)),
    store.append(workflowRoom('w', 'p1'), Y.encodeStateAsUpdate(workflow)),
    store.append(commentsRoom('w', 'p1'), Y.encodeStateAsUpdate(comments)),
    store.append(indexRoom('w'), Y.encodeStateAsUpdate(index)),
  ])
  await store.close()
}

// One relay database for the whole file (useTempDir's folders last one test only).
let seeded: string
let data: string
beforeAll(async () => {
  seeded = mkdtempSync(join(tmpdir(), 'samstemt-export-cli-data-'))
  data = join(seeded, 'relay.sqlite')
  await seedRelay(data)
})
afterAll(() => rmSync(seeded, { recursive: true, force: true }))

function exportCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return runCli(['export', '--data', data, '--workspace', 'w', ...args], {
    SAMSTEMT_CHROMIUM: CHROMIUM,
    ...env,
  })
}

async function exportTo(name: string, args: string[]): Promise<string> {
  const out = join(tempDir(), name)
  const result = await exportCli(['--paper', 'p1', '--out', out, '--json', ...args])
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
  expect(JSON.parse(result.stdout)).toMatchObject({ out, problems: [] })
  return out
}

describe('samstemt-relay export', () => {
  test('writes the paper as it is now as DOCX, signed by the organisations that endorsed it', async () => {
    const report = await readDocx(await exportTo('paper.docx', ['--format', 'docx']))
    expect(report.paragraphs.find((p) => p.style === 'Title')?.text).toBe(
      fixtureVersions().after.title,
    )
    expect(report.paragraphs.filter((p) => p.style === 'Signatory').map((p) => p.text)).toEqual([
      'Nordic Edge\ngodkjent av Kari Nordmann, versjon «Endelig 1»',
      'UiS\ngodkjent av Øystein Ås, versjon «Endelig 1»',
    ])
    expect(report.comments).toEqual([])
  })

  test('writes a PDF through Chromium, dated and placed as asked', async () => {
    const file = await exportTo('paper.pdf', [
      '--format',
      'pdf',
      '--place',
      'Trondheim',
      '--date',
      '2026-12-01',
    ])
    expect(Number((await pdfInfo(file)).Pages)).toBeGreaterThanOrEqual(1)
    const text = await pdfText(file)
    expect(text).toContain('Til:')
    expect(text).toContain('Trondheim, 1. desember 2026')
    expect(text).toContain('Kommunesektoren i Nord-Norge står også bak notatet.')
  })

  test('writes standalone HTML and Markdown', async () => {
    const html = readFileSync(await exportTo('paper.html', ['--format', 'html']), 'utf8')
    expect(html).toContain('<h1>Norske byer og universiteter i EUs bymisjon')
    expect(html).toContain('data:font/woff2;base64,')
    const markdown = readFileSync(await exportTo('paper.md', ['--format', 'md']), 'utf8')
    expect(markdown).toMatch(/^# Norske byer og universiteter i EUs bymisjon/)
    expect(markdown).toContain('- **UiS** — godkjent av Øystein Ås, versjon «Endelig 1»')
  })

  test('replaces an earlier export whole: a reader of the old file never sees a part of the new one', async () => {
    const folder = tempDir()
    const out = join(folder, 'paper.md')
    writeFileSync(out, 'the earlier export', { mode: 0o600 })
    const before = statSync(out)
    const reader = openSync(out, 'r')
    try {
      const result = await exportCli(['--paper', 'p1', '--out', out, '--format', 'md'])
      expect(result.code).toBe(0)
      // Written in place, the open file would now read as the new export (or a part of it).
      const buffer = Buffer.alloc(64)
      const read = readSync(reader, buffer, 0, buffer.length, 0)
      expect(buffer.subarray(0, read).toString('utf8')).toBe('the earlier export')
    } finally {
      closeSync(reader)
    }
    const after = statSync(out)
    expect(after.ino).not.toBe(before.ino)
    expect(after.mode & 0o777).toBe(0o600)
    expect(readFileSync(out, 'utf8')).toMatch(/^# Norske byer/)
    expect(readdirSync(folder)).toEqual(['paper.md'])
  })

  test('leaves the template’s guidance out of the file and says so', async () => {
    const out = join(tempDir(), 'fresh.md')
    const result = await exportCli(['--paper', 'p-fresh', '--out', out, '--format', 'md'])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(
      "Note: 8 paragraphs of the template's guidance are still in the paper; the export leaves them out.",
    )
    const markdown = readFileSync(out, 'utf8')
    expect(markdown).toContain('Hovedbudskap')
    expect(markdown).not.toContain('Skriv i én setning')
    const json = await exportCli(['--paper', 'p-fresh', '--out', out, '--format', 'md', '--json'])
    expect(JSON.parse(json.stdout)).toMatchObject({ guidanceLeftOut: 8 })
  })

  test('keeps comments as Word comments with --comments', async () => {
    const report = await readDocx(
      await exportTo('comments.docx', ['--format', 'docx', '--comments']),
    )
    expect(report.comments).toEqual([
      { id: '0', author: 'Øystein Ås (UiS)', text: 'Godt hovedbudskap.' },
    ])
    expect(report.anchoredCommentIds).toEqual(['0'])
  })

  test('exports a named version as frozen, with no signatories when nobody endorsed its text', async () => {
    const markdown = readFileSync(
      await exportTo('draft.md', ['--format', 'md', '--version', 'utkast 1']),
      'utf8',
    )
    expect(markdown).toContain('Versjon «Utkast 1»')
    expect(markdown).toContain('koster byene to år')
    expect(markdown).not.toContain('Kommunesektoren i Nord-Norge')
    expect(markdown).not.toContain('godkjent av')
  })

  test('writes a redline between two versions as tracked changes', async () => {
    const report = await readDocx(
      await exportTo('redline.docx', ['--format', 'docx', '--redline', 'Utkast 1..Endelig 1']),
    )
    expect(report.insertions).toContain('tre')
    expect(report.deletions).toContain('to')
  })

  test('refuses what it cannot do with a message that says what to do, and exit codes 1 and 2', async () => {
    const out = join(tempDir(), 'x.docx')
    const expectFailure = async (result: CliResult, code: number, message: RegExp) => {
      expect(result.code).toBe(code)
      expect(result.stderr).toMatch(message)
      expect(existsSync(out)).toBe(false)
    }
    await expectFailure(
      await runCli([
        'export',
        '--data',
        data,
        '--workspace',
        'nope',
        '--paper',
        'p1',
        '--format',
        'md',
        '--out',
        out,
      ]),
      1,
      /There is no workspace nope/,
    )
    await expectFailure(
      await exportCli(['--paper', 'p2', '--format', 'md', '--out', out]),
      1,
      /There is no paper p2 in workspace w\.\nIts papers:\n {2}p1\tNorske byer/,
    )
    await expectFailure(
      await exportCli(['--paper', 'p1', '--format', 'md', '--version', 'Endelig 9', '--out', out]),
      1,
      /no version "Endelig 9"\. Its versions: "Utkast 1", "Endelig 1"\./,
    )
    await expectFailure(
      await exportCli(['--paper', 'p1', '--format', 'rtf', '--out', out]),
      2,
      /--format must be one of docx, pdf, html, md/,
    )
    await expectFailure(
      await exportCli([
        '--paper',
        'p1',
        '--format',
        'md',
        '--out',
        join(tempDir(), 'missing', 'x.md'),
      ]),
      1,
      /there is no folder/,
    )
    await expectFailure(
      await exportCli(['--paper', 'p1', '--format', 'pdf', '--out', out], {
        SAMSTEMT_CHROMIUM: join(tempDir(), 'no-chromium'),
      }),
      1,
      /SAMSTEMT_CHROMIUM points to .*not an executable file/,
    )
    await expectFailure(
      await exportCli([
        '--paper',
        'p1',
        '--format',
        'docx',
        '--version',
        'Utkast 1',
        '--comments',
        '--out',
        out,
      ]),
      1,
      /Comments sit on the paper as it is now, and version "Utkast 1" differs from it/,
    )
  }, 60_000)

  test('answers --json failures with the error as JSON', async () => {
    const result = await exportCli([
      '--paper',
      'p2',
      '--format',
      'md',
      '--out',
      join(tempDir(), 'x.md'),
      '--json',
    ])
    expect(result.code).toBe(1)
    expect(JSON.parse(result.stdout)).toMatchObject({
      kind: 'failed',
      error: expect.stringContaining('no paper p2') as string,
    })
  })
})
