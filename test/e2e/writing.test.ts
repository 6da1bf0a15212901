import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { houseCss } from '../../shared/export/css.ts'
import { createTranslator } from '../../shared/i18n/index.ts'
import { axeViolations } from './helpers/axe.ts'
import { CHROMIUM, joinWith, startStack, type Stack } from './helpers/stack.ts'
import { createPaper, selectionRead, nb, openPaper, paperText } from './helpers/ui.ts'

const en = createTranslator('en')
const FIXTURES = join(import.meta.dirname, '../fixtures/paste')

const NO_CHROMIUM = existsSync(CHROMIUM) ? null : `no Chromium at ${CHROMIUM}`
const SHOTS = join(import.meta.dirname, '../../test-results/e2e')
const TITLE = 'Felles innspill om klimakontraktene'
/** 65 characters, 9 words: what issue 12's partner typed while another typed elsewhere. */
const SENTENCE = 'Byene trenger forutsigbar finansiering for å nå klimamålene sine.'
const PARTNER = ' Kari skriver samtidig et annet sted i notatet.'
/** A typing pace a person reaches (ms between keys), so the typing takes a few seconds. */
const KEY_DELAY = 60

/** The paper's text without its empty paragraphs. */
const textOf = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .join('\n')

/** The id of the focused element, or its class when it has none. */
const focused = (page: Page) =>
  page.evaluate(() => document.activeElement?.id || document.activeElement?.className || '')

/** The caret at the end of a paragraph (End would stop at the end of its first line). */
async function caretAtEnd(paragraph: Locator): Promise<void> {
  await paragraph.click({ clickCount: 3 })
  await selectionRead(paragraph.page())
  await paragraph.page().keyboard.press('ArrowRight')
  await selectionRead(paragraph.page())
}

/** Presses Ctrl+Z until `gone()` holds; returns how many presses it took. */
async function undoUntil(page: Page, gone: () => Promise<boolean>): Promise<number> {
  for (let presses = 1; presses <= 120; presses++) {
    await page.keyboard.press('Control+z')
    if (await gone()) return presses
  }
  throw new Error('120 presses of Ctrl+Z did not undo the sentence')
}

describe.skipIf(NO_CHROMIUM !== null)('writing: undo, title, styles, find and paste', () => {
  let stack: Stack
  let anne: Page
  let kari: Page

  beforeAll(async () => {
    stack = await startStack()
    anne = await stack.openApp()
    await joinWith(anne, stack.members.coordinator.link)
    await createPaper(anne, TITLE)
    kari = await stack.openApp()
    await joinWith(kari, stack.members.editor.link)
    await openPaper(kari, TITLE)
  }, 90_000)

  afterAll(async () => {
    await stack?.close()
  })

  test('undo takes back a sentence typed while a partner types, word by word, and only it', async () => {
    const background = anne.locator('.paper-body > p').first()
    const before = await background.innerText()
    // Anne starts a new paragraph after the background text; Kari types in the key messages.
    await caretAtEnd(background)
    await anne.keyboard.press('Enter')
    await caretAtEnd(kari.locator('.paper-body li p').first())
    await Promise.all([
      anne.keyboard.type(SENTENCE, { delay: KEY_DELAY }),
      kari.keyboard.type(PARTNER, { delay: KEY_DELAY }),
    ])
    await expect.poll(() => paperText(anne)).toContain(PARTNER.trim())
    await expect.poll(() => paperText(kari)).toContain(SENTENCE)
    await anne.screenshot({ path: join(SHOTS, 'writing-typing-together.png') })

    const presses = await undoUntil(anne, async () => !(await paperText(anne)).includes('Byene'))
    console.log(`undo presses for the 65-character sentence, partner typing: ${presses}`)
    // One step per word (9), as Google Docs groups typing; never more steps than words.
    expect(presses).toBe(9)
    const text = await paperText(anne)
    expect(text).toContain(PARTNER.trim())
    expect(text).toContain(before)
    await expect.poll(() => paperText(kari)).not.toContain('Byene trenger')
    expect(await paperText(kari)).toContain(PARTNER.trim())

    // Redo brings it back, the same way.
    for (let i = 0; i < presses; i++) await anne.keyboard.press('Control+Shift+z')
    await expect.poll(() => paperText(anne)).toContain(SENTENCE)
  }, 90_000)

  test('alone, the same sentence undoes in as many steps', async () => {
    await caretAtEnd(anne.locator('.paper-body > p').nth(1))
    await anne.keyboard.press('Enter')
    const before = textOf(await paperText(anne))
    await anne.keyboard.type(SENTENCE, { delay: KEY_DELAY })
    const presses = await undoUntil(anne, async () => textOf(await paperText(anne)) === before)
    console.log(`undo presses for the 65-character sentence, alone: ${presses}`)
    expect(presses).toBe(9)
  }, 60_000)

  test('the title on the page is the paper’s title: edited in place, read-only for a reviewer', async () => {
    const title = anne.locator('.page-title')
    expect(await title.getAttribute('contenteditable')).toBe('plaintext-only')
    await title.click()
    await expect.poll(() => focused(anne)).toBe('page-title')
    await anne.keyboard.press('Control+End')
    await anne.keyboard.type(' – utkast')
    await anne.keyboard.press('Enter')
    const renamed = `${TITLE} – utkast`
    // Enter goes on into the text, and the title is written to the paper for everyone.
    await expect.poll(() => focused(anne)).toBe('paper-body')
    await kari.getByRole('heading', { name: renamed, level: 1 }).waitFor()
    await kari.getByRole('tab', { name: nb('review.tab.details') }).click()
    await expect.poll(() => kari.getByLabel(nb('meta.paperTitle')).inputValue()).toBe(renamed)
    await kari.locator('.editor-head-title', { hasText: renamed }).waitFor()

    // A pasted line break does not make a two-line title.
    await title.click()
    await selectionRead(anne)
    await anne.keyboard.press('Control+End')
    await title.evaluate((element) => {
      const transfer = new DataTransfer()
      transfer.setData('text/plain', '\nto linjer')
      element.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }),
      )
    })
    await expect.poll(() => title.innerText()).toBe(`${renamed} to linjer`)
    await anne.keyboard.press('Control+a')
    await anne.keyboard.type(TITLE)
    await anne.keyboard.press('Tab')
    await kari.getByRole('heading', { name: TITLE, level: 1 }).waitFor()
    await kari.getByRole('tab', { name: /Kommentarer/ }).click()

    const ole = await stack.openApp()
    await joinWith(ole, stack.members.reviewer.link)
    await openPaper(ole, TITLE)
    expect(await ole.locator('.page-title').getAttribute('contenteditable')).toBe('false')
    await ole.close()
  }, 90_000)

  test('the page spaces paragraphs and styles headings as the exported paper does', async () => {
    // Each measure as a multiple of the body text, in the editor and in the export's own CSS.
    const measure = (root: Element) => {
      const body = parseFloat(getComputedStyle(root.querySelector(':scope > p')!).fontSize)
      const of = (selector: string, property: 'fontSize' | 'marginBottom' | 'marginTop') =>
        Math.round(
          (parseFloat(getComputedStyle(root.querySelector(selector)!)[property]) / body) * 100,
        ) / 100
      const lineHeight = (selector: string) => {
        const style = getComputedStyle(root.querySelector(selector)!)
        return Math.round((parseFloat(style.lineHeight) / parseFloat(style.fontSize)) * 100) / 100
      }
      const weight = (selector: string) =>
        getComputedStyle(root.querySelector(selector)!).fontWeight
      return {
        paragraphAfter: of(':scope > p', 'marginBottom'),
        paragraphLine: lineHeight(':scope > p'),
        h2: of('h2', 'fontSize'),
        h2Before: of('h2:not(:first-child)', 'marginTop'),
        h2After: of('h2', 'marginBottom'),
        h2Weight: weight('h2'),
        h2Color: getComputedStyle(root.querySelector('h2')!).color,
        listItemAfter: of('li', 'marginBottom'),
      }
    }
    const inEditor = await anne.locator('.paper-body').evaluate(measure)
    const exported = await anne.context().newPage()
    await exported.setContent(
      `<style>${houseCss({ footer: '', screen: false })}</style><article>` +
        '<h2>Hovedbudskap</h2><ul><li><p>Et punkt.</p></li><li><p>Et til.</p></li></ul>' +
        '<h2>Bakgrunn</h2><p>Et avsnitt.</p><p>Et til.</p></article>',
    )
    const inExport = await exported.locator('article').evaluate(measure)
    await exported.close()
    expect(inEditor.paragraphAfter).toBeGreaterThan(0.5)
    expect(inEditor).toEqual(inExport)
  }, 30_000)

  test('the style menu and the heading buttons set text styles; the toolbar passes axe', async () => {
    const text = 'Forklar i tre til fem setninger'
    const paragraph = anne.locator('.paper-body > p', { hasText: text })
    await paragraph.click()
    const menu = anne.getByRole('combobox', { name: nb('toolbar.style') })
    // The menu follows the caret once the editor has read the click's selection.
    await expect.poll(() => menu.inputValue()).toBe('paragraph')
    await menu.selectOption({ label: nb('toolbar.style.heading2') })
    await anne.locator('.paper-body h3', { hasText: text }).waitFor()
    expect(await menu.inputValue()).toBe('heading2')
    await anne.locator('.paper-body h3', { hasText: text }).click()
    await selectionRead(anne)
    await anne.keyboard.press('Control+Alt+3')
    await anne.locator('.paper-body h4', { hasText: text }).waitFor()
    await anne.keyboard.press('Control+Alt+0')
    await anne.locator('.paper-body > p', { hasText: text }).waitFor()
    const h1 = anne.getByRole('button', { name: 'H1, Overskrift 1' })
    await h1.click()
    await anne.locator('.paper-body h2', { hasText: text }).waitFor()
    expect(await h1.getAttribute('aria-pressed')).toBe('true')
    await h1.click()
    await anne.locator('.paper-body > p', { hasText: text }).waitFor()

    // The menu is in the toolbar's arrow-key order, and Esc goes back to the text.
    await anne.keyboard.press('Alt+F10')
    await anne.keyboard.press('ArrowRight')
    await anne.keyboard.press('ArrowRight')
    expect(await anne.evaluate(() => document.activeElement?.getAttribute('data-tool'))).toBe(
      'style',
    )
    await anne.keyboard.press('Escape')
    await expect.poll(() => focused(anne)).toBe('paper-body')

    expect(await axeViolations(anne, '.toolbar')).toEqual([])
    expect(await axeViolations(anne, '.page-title-block')).toEqual([])
  }, 60_000)

  test('find and replace with the keyboard; replace all is one undo step', async () => {
    await anne.locator('.paper-body > p').first().click()
    await selectionRead(anne)
    await anne.keyboard.press('Control+Home')
    const word = 'notatet'
    const count = (text: string) => text.toLowerCase().split(word).length - 1
    const total = count(await paperText(anne))
    expect(total).toBeGreaterThan(2)
    await anne.keyboard.press('Control+f')
    const find = anne.getByRole('searchbox', { name: nb('find.label') })
    expect(await anne.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('search')
    await anne.keyboard.type(word)
    const status = anne.locator('.find-count')
    await expect.poll(() => status.innerText()).toBe(nb('find.count', { current: 1, total }))
    await anne.keyboard.press('Enter')
    await expect.poll(() => status.innerText()).toBe(nb('find.count', { current: 2, total }))
    await anne.keyboard.press('Shift+Enter')
    await expect.poll(() => status.innerText()).toBe(nb('find.count', { current: 1, total }))
    expect(await anne.locator('.find-match').count()).toBe(total)
    expect(await anne.locator('.find-match.is-current').count()).toBe(1)
    await anne.screenshot({ path: join(SHOTS, 'find-nb.png') })

    // Ctrl+H: the replace field; Enter replaces the current match and moves on.
    await anne.keyboard.press('Control+h')
    const replace = anne.getByRole('textbox', { name: nb('find.replaceLabel') })
    await replace.waitFor()
    expect(await anne.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      nb('find.replaceLabel'),
    )
    await anne.keyboard.type('papiret')
    await anne.keyboard.press('Enter')
    await expect.poll(async () => count(await paperText(anne))).toBe(total - 1)
    await expect
      .poll(() => status.innerText())
      .toBe(nb('find.count', { current: 1, total: total - 1 }))
    await anne.getByRole('button', { name: nb('find.replaceAll') }).click()
    await expect.poll(() => status.innerText()).toBe(nb('find.replaced', { count: total - 1 }))
    expect(count(await paperText(anne))).toBe(0)
    await expect.poll(async () => count(await paperText(kari))).toBe(0)
    expect(await axeViolations(anne, '.find-bar')).toEqual([])
    await anne.screenshot({ path: join(SHOTS, 'replace-nb.png') })

    // Esc closes the bar and goes back to the text; one undo takes back "replace all".
    await find.focus()
    await anne.keyboard.press('Escape')
    expect(await anne.locator('.find-bar').count()).toBe(0)
    await expect.poll(() => focused(anne)).toBe('paper-body')
    await anne.keyboard.press('Control+z')
    await expect.poll(async () => count(await paperText(anne))).toBe(total - 1)
    await anne.keyboard.press('Control+z')
    await expect.poll(async () => count(await paperText(anne))).toBe(total)

    // In English, and whole words only.
    await anne.getByRole('button', { name: 'English' }).click()
    await anne.keyboard.press('Control+f')
    await anne.getByRole('searchbox', { name: en('find.label') }).fill('not')
    await expect.poll(() => anne.locator('.find-match').count()).toBeGreaterThan(0)
    await anne.getByLabel(en('find.wholeWord')).check()
    await expect.poll(() => status.innerText()).toBe(en('find.none'))
    await anne.getByRole('searchbox', { name: en('find.label') }).fill(word)
    await expect.poll(() => status.innerText()).toBe(en('find.count', { current: 1, total }))
    await anne.keyboard.press('Control+h')
    await anne.screenshot({ path: join(SHOTS, 'find-en.png') })
    await anne.keyboard.press('Escape')
    await anne.getByRole('button', { name: 'Norsk bokmål' }).click()
  }, 90_000)

  test('paste from Word, LibreOffice and a web page keeps the structure and drops the noise', async () => {
    await anne.getByRole('button', { name: nb('editor.back') }).click()
    await createPaper(anne, 'Lim inn')
    const body = anne.locator('.paper-body')
    const clear = async () => {
      await body.locator('p').first().click()
      await selectionRead(anne)
      await anne.keyboard.press('Control+a')
      await anne.keyboard.press('Delete')
      await expect.poll(async () => (await body.innerText()).trim()).toBe('')
    }
    const paste = (html: string) =>
      body.evaluate((element, data) => {
        const transfer = new DataTransfer()
        transfer.setData('text/html', data)
        transfer.setData('text/plain', 'plain')
        element.dispatchEvent(
          new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }),
        )
      }, html)
    /** The body as tags and text, a line per block; table cells as a row of texts. */
    const outline = () =>
      body.evaluate((element) => {
        const lines: string[] = []
        const walk = (node: Element, depth: number) => {
          for (const child of node.children) {
            const tag = child.tagName.toLowerCase()
            if (tag === 'ul' || tag === 'ol') {
              for (const item of child.children) {
                const own = [...item.children].find((c) => c.tagName === 'P')
                lines.push(`${'  '.repeat(depth)}${tag}> ${own?.textContent ?? ''}`)
                walk(item, depth + 1)
              }
            } else if (child.classList.contains('tableWrapper')) {
              for (const row of child.querySelectorAll('tr')) {
                lines.push(
                  `row> ${[...row.children].map((cell) => `${cell.tagName.toLowerCase()}:${cell.textContent}`).join(' | ')}`,
                )
              }
            } else if (/^(P|H[1-6])$/.test(child.tagName) && depth === 0) {
              lines.push(`${tag}> ${child.textContent}`)
            }
          }
        }
        walk(element, 0)
        const marks = [...element.querySelectorAll('strong, em, a')].map(
          (mark) =>
            `${mark.tagName.toLowerCase()}:${mark.textContent}${mark.getAttribute('href') ? `=${mark.getAttribute('href')}` : ''}`,
        )
        return {
          lines,
          marks,
          noise: /mso|MsoNormal|font-family|<o:p|<span|<font|<u>/.test(element.innerHTML),
        }
      })
    const expected = {
      lines: [
        'h2> Hovedbudskap',
        'p> Byene trenger forutsigbar finansiering for å nå klimamålene, se NetZeroCities.',
        'ul> Flerårig støtte til klimakontraktene',
        '  ul> også etter pilotperioden',
        'ul> Samarbeid mellom kommune og universitet',
        'h3> Anbefalinger',
        'ol> Departementet bør sikre midler.',
        'ol> Byene bør dele data.',
        'row> th:By | th:Kutt',
        'row> td:Trondheim | td:25 %',
        'row> td:Stavanger | td:15 %',
        'p> Slutt.',
      ],
      noise: false,
    }
    const marks = [
      'strong:forutsigbar finansiering',
      'em:klimamålene',
      'a:NetZeroCities=https://www.eu-mission-cities.eu/',
    ]

    for (const file of ['word-shaped.html', 'libreoffice-writer.html']) {
      await clear()
      await paste(readFileSync(join(FIXTURES, file), 'utf8'))
      const pasted = await outline()
      // A table's first row of bold cells is its header row in the paper.
      pasted.lines = pasted.lines.map((line) =>
        line.replace(/^row> td:By \| td:Kutt$/, 'row> th:By | th:Kutt'),
      )
      expect({ lines: pasted.lines, noise: pasted.noise }, file).toEqual(expected)
      expect(pasted.marks, file).toEqual(expect.arrayContaining(marks))
      if (file === 'word-shaped.html') expect(pasted.marks).toContain('strong:data')
    }
    await anne.screenshot({ path: join(SHOTS, 'paste-word.png') })

    // A web page: what Chromium itself puts on the clipboard for a selection, pasted with Ctrl+V.
    const web = await anne.context().newPage()
    await web.setContent(`<!doctype html><html lang="nb"><head><style>
      body{font-family:Georgia;color:#333} .title{font-size:32px;color:#036} .hl{font-weight:700}
      .lead{font-size:19px;line-height:1.8;background:#fafafa} td,th{border:1px solid #ccc;padding:4px}
      </style></head><body><nav>Meny · Søk</nav><article>
      <h1 class="title">Hovedbudskap</h1>
      <p class="lead">Byene trenger <span class="hl">forutsigbar finansiering</span> for å nå <em>klimamålene</em>, se <a href="https://www.eu-mission-cities.eu/" class="ext">NetZeroCities</a>.</p>
      <p>&nbsp;</p>
      <ul><li>Flerårig støtte til klimakontraktene<ul><li>også etter pilotperioden</li></ul></li><li>Samarbeid mellom kommune og universitet</li></ul>
      <h2>Anbefalinger</h2>
      <ol><li>Departementet bør sikre midler.</li><li>Byene bør dele data.</li></ol>
      <table><thead><tr><th>By</th><th>Kutt</th></tr></thead><tbody><tr><td>Trondheim</td><td>25 %</td></tr><tr><td>Stavanger</td><td>15 %</td></tr></tbody></table>
      <p>Slutt.</p><button>Del artikkelen</button></article></body></html>`)
    await web.locator('article').evaluate((article) => {
      const range = document.createRange()
      range.selectNodeContents(article)
      window.getSelection()!.removeAllRanges()
      window.getSelection()!.addRange(range)
    })
    await web.keyboard.press('Control+c')
    await web.close()
    await clear()
    await anne.keyboard.press('Control+v')
    await expect.poll(async () => (await outline()).lines.length).toBeGreaterThan(5)
    const fromWeb = await outline()
    expect(fromWeb.lines.filter((line) => !line.includes('Del artikkelen'))).toEqual(expected.lines)
    expect(fromWeb.lines.join('\n')).not.toContain('Del artikkelen')
    expect(fromWeb.noise).toBe(false)
    expect(fromWeb.marks).toEqual(expect.arrayContaining(marks))
    await anne.getByRole('button', { name: nb('editor.back') }).click()
    await openPaper(anne, TITLE)
  }, 90_000)

  test('three people: colours distinct and alike on every screen; caret labels fade, show on hover', async () => {
    const ole = await stack.openApp()
    await joinWith(ole, stack.members.reviewer.link)
    await openPaper(ole, TITLE)
    const people = [anne, kari, ole]
    /** Each present member's avatar colour, by name, as this screen shows them. */
    const avatars = (page: Page) =>
      page.locator('.presence-list li[title]').evaluateAll((items) =>
        Object.fromEntries(
          items.map((item) => [
            item
              .getAttribute('title')
              ?.split(',')[0]
              ?.replace(/ \(.*\)$/, ''),
            getComputedStyle(item.querySelector('.avatar')!).backgroundColor,
          ]),
        ),
      )
    for (const page of people)
      await expect.poll(async () => Object.keys(await avatars(page)).length).toBe(3)
    const colours = await avatars(anne)
    expect(new Set(Object.values(colours)).size).toBe(3)
    for (const page of [kari, ole]) expect(await avatars(page)).toEqual(colours)

    // Kari types: Anne sees her caret, in Kari's colour, labelled; the label fades when she stops.
    await caretAtEnd(kari.locator('.paper-body > p', { hasText: 'Forklar' }))
    await kari.keyboard.type(' Kari er her.', { delay: KEY_DELAY })
    const caret = anne.locator('.collab-caret').filter({ hasText: 'Kari Nordmann' })
    const label = caret.locator('.collab-caret-label')
    await expect.poll(() => label.evaluate((e) => getComputedStyle(e).opacity)).toBe('1')
    expect(await caret.evaluate((e) => getComputedStyle(e).borderLeftColor)).toBe(
      colours['Kari Nordmann'],
    )
    for (const page of people) {
      await page.screenshot({ path: join(SHOTS, `three-people-${people.indexOf(page)}-nb.png`) })
    }
    await expect
      .poll(() => label.evaluate((e) => getComputedStyle(e).opacity), { timeout: 6000 })
      .toBe('0')
    await anne.screenshot({ path: join(SHOTS, 'three-people-label-faded-nb.png') })
    // Near the window's bottom edge the status bar would be under the pointer instead.
    await caret.scrollIntoViewIfNeeded()
    const box = (await caret.boundingBox())!
    await anne.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 })
    await expect.poll(() => label.evaluate((e) => getComputedStyle(e).opacity)).toBe('1')
    await anne.mouse.move(5, 5)
    await expect.poll(() => label.evaluate((e) => getComputedStyle(e).opacity)).toBe('0')

    await anne.getByRole('button', { name: 'English' }).click()
    await kari.getByRole('button', { name: 'English' }).click()
    await caretAtEnd(kari.locator('.paper-body > p', { hasText: 'Kari er her.' }))
    await kari.keyboard.type(' Again.', { delay: KEY_DELAY })
    await expect.poll(() => label.evaluate((e) => getComputedStyle(e).opacity)).toBe('1')
    await anne.screenshot({ path: join(SHOTS, 'three-people-en.png') })
    await anne.getByRole('button', { name: 'Norsk bokmål' }).click()
    await ole.close()
  }, 90_000)
})
