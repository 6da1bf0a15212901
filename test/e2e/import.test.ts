import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { JSONContent } from '@tiptap/core'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { sourceFromDocs, toDocx } from '../../shared/export/index.ts'
import { createAnchor } from '../../shared/model/anchor.ts'
import { writeTemplateToBody } from '../../shared/model/body.ts'
import { addReply, addThread } from '../../shared/model/comment-writes.ts'
import { paperBody, writePaperMeta } from '../../shared/model/paper.ts'
import type { TrackedAuthor } from '../../shared/model/tracked.ts'
import { pythonEdit } from '../import/tools.ts'
import { CHROMIUM, joinWith, startStack, type Stack } from './helpers/stack.ts'
import { nb, paperText, selectionRead } from './helpers/ui.ts'

const NO_CHROMIUM = existsSync(CHROMIUM) ? null : `no Chromium at ${CHROMIUM}`
const SHOTS = join(import.meta.dirname, '../../test-results/e2e')
const TITLE = 'Smarte byer ber om midler'

/** Kari, the stack's editor, as our export names her in Word: "Kari Nordmann (Universitetet i Stavanger)". */
const kari = (id: string, at: number): TrackedAuthor => ({
  id,
  memberId: 'm-kari',
  name: 'Kari Nordmann',
  organisation: 'Universitetet i Stavanger',
  at,
})

const BODY: JSONContent = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Hovedbudskap' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Byene ber om ' },
        {
          type: 'text',
          text: 'egne ',
          marks: [{ type: 'suggestInsert', attrs: kari('s1', Date.UTC(2026, 10, 20, 10)) }],
        },
        { type: 'text', text: 'midler til klimatiltak i tre nordlige fylker.' },
      ],
    },
    {
      type: 'paragraph',
      content: [{ type: 'text', text: 'Utslippene falt med 12 prosent i perioden.' }],
    },
  ],
}

/**
 * A partner's Word document, as our own export writes it: a heading, Kari's suggestion, and a
 * thread by Ole (the stack's reviewer) with Kari's reply.
 */
async function partnerDocx(): Promise<Uint8Array> {
  const paper = new Y.Doc()
  writeTemplateToBody(paper, BODY)
  writePaperMeta(paper, { title: TITLE, recipients: ['Mission Board'], language: 'nb' })
  const comments = new Y.Doc()
  const third = paperBody(paper).get(2) as Y.XmlElement
  const anchor = createAnchor(third.get(0) as Y.XmlText, 0, 10)
  const ole = { memberId: 'm-ole', name: 'Ole Hansen', organisation: 'Nordic Edge' }
  const thread = addThread(
    comments,
    { anchor, quote: 'Utslippene', author: ole, text: 'Kilde?' },
    Date.UTC(2026, 10, 22, 8),
  )
  if (!thread.ok) throw new Error('no thread')
  const reply = { author: kari('', 0), text: 'Jeg sjekker.' }
  addReply(comments, thread.value, reply, Date.UTC(2026, 10, 22, 9))
  const source = sourceFromDocs(paper, { date: '2026-11-27' }, { doc: comments })
  return toDocx(source.value, { includeComments: true })
}

const dialog = (page: Page) => page.locator('dialog.import-dialog')

describe.skipIf(NO_CHROMIUM !== null)('import from Word in the app', () => {
  let stack: Stack
  let anne: Page
  const dir = mkdtempSync(join(tmpdir(), 'samstemt-e2e-import-'))
  const exported = join(dir, 'Smarte byer.docx')
  const reviewed = join(dir, 'Smarte byer - Ingrid.docx')

  beforeAll(async () => {
    writeFileSync(exported, await partnerDocx())
    await pythonEdit('review-in-word.py', exported, reviewed)
    stack = await startStack()
    anne = await stack.openApp()
    await joinWith(anne, stack.members.coordinator.link)
  }, 120_000)

  afterAll(async () => {
    await stack?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  test('a file that is not a Word document is refused with what to do, and nothing is written', async () => {
    const text = join(dir, 'notat.docx')
    writeFileSync(text, 'Dette er bare tekst, ikke et Word-dokument.')
    await anne.getByTestId('import-file').setInputFiles(text)
    await expect
      .poll(() => dialog(anne).getByRole('alert').innerText())
      .toContain('notat.docx: Dette er ikke et Word-dokument (.docx)')
    await expect.poll(() => dialog(anne).innerText()).toContain(nb('import.nothingWritten'))
    await anne.screenshot({ path: join(SHOTS, 'import-refused.png') })
    await dialog(anne)
      .getByRole('button', { name: nb('view.close') })
      .click()
    await dialog(anne).waitFor({ state: 'detached' })
    expect(await anne.getByRole('button', { name: TITLE }).count()).toBe(0)
  })

  test('a DOCX dropped on the library is offered for import with the same summary, and Cancel writes nothing', async () => {
    await anne.getByRole('button', { name: nb('import.open') }).waitFor()
    const bytes = [...readFileSync(exported)]
    const transfer = await anne.evaluateHandle((data) => {
      const files = new DataTransfer()
      const type = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
      files.items.add(new File([new Uint8Array(data)], 'Smarte byer.docx', { type }))
      return files
    }, bytes)
    await anne.dispatchEvent('main#main', 'dragenter', { dataTransfer: transfer })
    // While a file is held over the library, it says what letting go does.
    await anne.getByText(nb('import.drop')).waitFor()
    await anne.dispatchEvent('main#main', 'drop', { dataTransfer: transfer })
    const summary = dialog(anne)
    await summary.getByRole('heading', { name: nb('import.found') }).waitFor()
    await expect.poll(() => summary.innerText()).toContain(`Tittel: ${TITLE}`)
    expect(await anne.getByText(nb('import.drop')).count()).toBe(0)
    await summary.getByRole('button', { name: nb('import.cancel') }).click()
    await summary.waitFor({ state: 'detached' })
    expect(await anne.getByRole('button', { name: TITLE }).count()).toBe(0)
  })

  test('a DOCX from the library becomes a paper: the summary first, then the text, suggestion and thread', async () => {
    await anne.getByRole('button', { name: nb('import.open') }).waitFor()
    await anne.getByTestId('import-file').setInputFiles(exported)
    const summary = dialog(anne)
    await summary.getByRole('heading', { name: nb('import.found') }).waitFor()
    const shown = await summary.innerText()
    expect(shown).toContain(`Tittel: ${TITLE}`)
    expect(shown).toContain('Til: Mission Board')
    expect(shown).toContain('1 overskrift')
    expect(shown).toContain('1 forslag fra Kari Nordmann (Universitetet i Stavanger)')
    expect(shown).toContain('1 kommentar og 0 svar fra Ole Hansen (Nordic Edge)')
    expect(shown).toContain('0 kommentarer og 1 svar fra Kari Nordmann (Universitetet i Stavanger)')
    // Word's names are mapped to the members of those names; nobody is left external.
    const kariChoice = summary.getByLabel('Kari Nordmann (Universitetet i Stavanger)')
    expect(await kariChoice.locator('option:checked').innerText()).toBe(
      'Kari Nordmann (Universitetet i Stavanger)',
    )
    await summary.screenshot({ path: join(SHOTS, 'import-paper-summary.png') })
    await summary.getByRole('button', { name: nb('import.submit.paper') }).click()
    await anne.getByRole('heading', { name: TITLE, level: 1 }).waitFor()
    await expect.poll(() => paperText(anne)).toContain('Byene ber om egne midler til klimatiltak')
    const suggestion = anne.locator('.paper-body ins.suggest-insert')
    expect(await suggestion.innerText()).toBe('egne ')
    expect(await suggestion.getAttribute('title')).toBe('Kari Nordmann (Universitetet i Stavanger)')
    await expect
      .poll(() => anne.locator('[data-thread-card]').first().innerText())
      .toContain('Kilde?')
    await anne.screenshot({ path: join(SHOTS, 'import-paper-opened.png') })
  })

  test('a review done in Word comes back as suggestions and comments, and one undo takes the suggestions back', async () => {
    await anne.getByTestId('import-review-file').setInputFiles(reviewed)
    const summary = dialog(anne)
    await summary.getByRole('heading', { name: nb('import.found') }).waitFor()
    const shown = await summary.innerText()
    expect(shown).toContain('3 forslag fra Ingrid Berg')
    expect(shown).toContain('1 kommentar og 1 svar fra Ingrid Berg')
    expect(shown).toContain('1 kommentar som notatet har fra før')
    expect(await summary.getByLabel('Ingrid Berg').locator('option:checked').innerText()).toBe(
      'Som ekstern leser (Ingrid Berg)',
    )
    await summary.screenshot({ path: join(SHOTS, 'import-review-summary.png') })
    await summary.getByRole('button', { name: nb('import.submit.review') }).click()
    await summary.waitFor({ state: 'detached' })
    const inserted = anne.locator('.paper-body ins.suggest-insert[title="Ingrid Berg ()"]')
    await expect.poll(() => inserted.allInnerTexts()).toEqual(['snarest ', '14'])
    const deleted = anne.locator('.paper-body del.suggest-delete')
    await expect.poll(() => deleted.allInnerTexts()).toEqual(['nordlige ', '12'])
    await expect
      .poll(() => anne.locator('[data-thread-card]').allInnerTexts())
      .toEqual(expect.arrayContaining([expect.stringContaining('Hvilke tiltak?')]))
    await anne.screenshot({ path: join(SHOTS, 'import-review-done.png') })
    // The paper's own suggestion and the thread are as they were; one Ctrl+Z, Ingrid's are gone.
    await anne.locator('.paper-body h2').first().click()
    await selectionRead(anne)
    await anne.keyboard.press('Control+z')
    await expect.poll(() => inserted.count()).toBe(0)
    await expect.poll(() => deleted.count()).toBe(0)
    expect(await anne.locator('.paper-body ins.suggest-insert').allInnerTexts()).toEqual(['egne '])
  })
})
