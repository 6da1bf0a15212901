import { randomUUID } from 'node:crypto'
import { BrowserWindow, session, type Session } from 'electron'
import { APP_SCHEME } from '../host/app-files.ts'

// PDF through Chromium's print engine, from the same print HTML the CLI prints with headless
// Chromium. The page is a paper's text, which is not ours: it is shown in a hidden window of
// its own in-memory session, with no preload, no JavaScript, and nothing to load but itself
// and the fonts embedded in it.

const PARTITION = 'samstemt-print'
const PRINT_HOST = 'print'
const PRINT_ORIGIN = `${APP_SCHEME}://${PRINT_HOST}`
/** The page may use its inline styles and data: fonts, and reach nothing else. */
export const PRINT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:; form-action 'none'"

/** The pages being printed, by id; each is served once to its own window. */
const pages = new Map<string, string>()
let printSession: Session | null = null

function preparedSession(): Session {
  if (printSession) return printSession
  const ses = session.fromPartition(PARTITION)
  ses.protocol.handle(APP_SCHEME, (request) => {
    const url = new URL(request.url)
    const id = /^\/([0-9a-f-]{36})\.html$/.exec(url.pathname)?.[1]
    const html = url.host === PRINT_HOST && id !== undefined ? pages.get(id) : undefined
    if (html === undefined) return new Response(null, { status: 404 })
    return new Response(html, {
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': PRINT_CSP,
        'x-content-type-options': 'nosniff',
      },
    })
  })
  // Defence in depth beside the CSP: a request for anything but the page itself is cancelled.
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = details.url.startsWith(`${PRINT_ORIGIN}/`) || details.url.startsWith('data:')
    callback({ cancel: !allowed })
  })
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  ses.setPermissionCheckHandler(() => false)
  printSession = ses
  return ses
}

/**
 * Prints `html` to PDF in a hidden, locked-down window that is destroyed afterwards, whether
 * printing worked or not. The page's CSS sets the paper size (A4) and margins. Gives up after
 * `timeoutMs`, so a print that never ends cannot hold up every later export.
 */
export async function printHtmlToPdf(html: string, timeoutMs = 120_000): Promise<Uint8Array> {
  const ses = preparedSession()
  const id = randomUUID()
  pages.set(id, html)
  const window = new BrowserWindow({
    show: false,
    width: 794,
    height: 1123,
    webPreferences: {
      session: ses,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      javascript: false,
      webgl: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      // Hidden windows are throttled; printing should not wait for that.
      backgroundThrottling: false,
    },
  })
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`printing took longer than ${timeoutMs / 1000} s`)),
      timeoutMs,
    )
  })
  const print = async () => {
    // Resolves on the load event, which waits for the embedded fonts the page uses.
    await window.loadURL(`${PRINT_ORIGIN}/${id}.html`)
    // Tagged (structure for screen readers) with the headings as bookmarks, as the CLI prints.
    return window.webContents.printToPDF({
      preferCSSPageSize: true,
      printBackground: true,
      generateTaggedPDF: true,
      generateDocumentOutline: true,
    })
  }
  try {
    const pdf = await Promise.race([print(), timeout])
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength)
  } finally {
    clearTimeout(timer)
    pages.delete(id)
    window.destroy()
  }
}
