import { accessSync, constants } from 'node:fs'
import type * as Playwright from 'playwright-core'

/** PDF printing failed in a way the user can act on (no Chromium, say). */
export class PdfError extends Error {
  override readonly name = 'PdfError'
}

export type PdfOptions = {
  /** The Chromium (or Chrome) to print with; found by `findChromium` when left out. */
  chromiumPath?: string
  /** Give up after this long per paper; 60 s by default. */
  timeoutMs?: number
}

/** Prints the print HTML of a paper to PDF. */
export type PdfPrinter = {
  print(html: string): Promise<Uint8Array>
  close(): Promise<void>
}

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
]

// Headless and offline: no GPU, no background requests, no first-run work. The sandbox is off as
// Playwright sets it by default, since a root user in a container cannot start it; the page
// runs no scripts and loads nothing from the network.
const FLAGS = [
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
]

/** `SAMSTEMT_CHROMIUM`, else the usual install paths; a PdfError that says what to do when none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.SAMSTEMT_CHROMIUM
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!isExecutable(fromEnv)) {
      throw new PdfError(
        `SAMSTEMT_CHROMIUM points to ${fromEnv}, which is not an executable file. ` +
          'Set it to the Chromium or Chrome program.',
      )
    }
    return fromEnv
  }
  const found = CANDIDATES.find(isExecutable)
  if (found === undefined) {
    throw new PdfError(
      'PDF export needs Chromium or Google Chrome, and none was found ' +
        `(looked in ${CANDIDATES.join(', ')}). Install it (Debian: apt install chromium) ` +
        'or set SAMSTEMT_CHROMIUM to its path.',
    )
  }
  return found
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/**
 * How every paper is printed. Tagged: the PDF carries its structure (headings, lists, tables,
 * reading order) for screen readers and accessibility checks; the outline lists the headings as
 * bookmarks. The page's own CSS sets A4 and the margins.
 */
export const PDF_OPTIONS = {
  preferCSSPageSize: true,
  printBackground: true,
  tagged: true,
  outline: true,
} as const

/**
 * Starts a headless Chromium that prints papers until closed: the browser starts once (about
 * 0.2 s), each paper is then one page load and one print.
 */
export async function openPdfPrinter(options: PdfOptions = {}): Promise<PdfPrinter> {
  const executablePath = options.chromiumPath ?? findChromium()
  const timeout = options.timeoutMs ?? 60_000
  const { chromium } = await loadPlaywright()
  let browser: Playwright.Browser
  try {
    browser = await chromium.launch({ executablePath, args: FLAGS, timeout })
  } catch (error) {
    throw new PdfError(`Could not start Chromium (${executablePath}): ${firstLine(error)}`)
  }
  return {
    async print(html) {
      // A context of its own per paper, with scripts off: the HTML is ours, but its text is not.
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true })
      try {
        const page = await context.newPage()
        page.setDefaultTimeout(timeout)
        await page.setContent(html, { waitUntil: 'load' })
        // Embedded fonts decode asynchronously; print only once every face is ready.
        await page.evaluate(() => document.fonts.ready.then(() => undefined))
        const pdf = await page.pdf(PDF_OPTIONS)
        return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength)
      } finally {
        await context.close()
      }
    },
    close: () => browser.close(),
  }
}

/** Prints one paper: starts Chromium, prints, closes it. */
export async function printPdf(html: string, options: PdfOptions = {}): Promise<Uint8Array> {
  const printer = await openPdfPrinter(options)
  try {
    return await printer.print(html)
  } finally {
    await printer.close()
  }
}

async function loadPlaywright(): Promise<typeof Playwright> {
  try {
    return await import('playwright-core')
  } catch {
    throw new PdfError(
      'PDF export drives Chromium through playwright-core, which is not installed here. ' +
        'Install the dependencies again (npm ci) or add playwright-core.',
    )
  }
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.split('\n')[0] ?? message
}
