import { chromium, type Browser, type Page } from 'playwright-core'
import { preview } from 'vite'
import { installFakeHost, type FakeSeed } from './fake-host.ts'

export const say = (line: string) => void process.stdout.write(`${line}\n`)

/** The built renderer (out/renderer) served on loopback, and a Chromium to look at it. */
export async function launchPreview(): Promise<{
  base: string
  browser: Browser
  close(): Promise<void>
}> {
  const server = await preview({
    configFile: false,
    root: 'renderer',
    logLevel: 'warn',
    build: { outDir: '../out/renderer' },
    preview: { host: '127.0.0.1', port: 4319 },
  })
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM'] ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
      '--lang=nb-NO',
      // The page is fulfilled by Playwright (to set the host's CSP header), which Chromium does
      // not count as loopback, so its Local Network Access check would refuse a loopback relay.
      '--disable-features=LocalNetworkAccessChecks',
    ],
  })
  return {
    base: server.resolvedUrls?.local[0]?.replace(/\/$/, '') ?? 'http://127.0.0.1:4319',
    browser,
    close: async () => {
      await browser.close()
      await server.close()
    },
  }
}

/**
 * A window of the app with its own fake host. As the real host does, the page's CSP meta tag
 * is replaced by a header that admits the workspace's relays.
 */
export async function openAppWindow(
  browser: Browser,
  base: string,
  seed: FakeSeed,
  relays: string[],
): Promise<Page> {
  const locale = seed.settings.language === 'en' ? 'en-GB' : 'nb-NO'
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale })
  await context.addInitScript(installFakeHost, seed)
  await context.route(`${base}/`, async (route) => {
    const response = await route.fetch()
    const html = (await response.text()).replace(
      /<meta\s+http-equiv="Content-Security-Policy"[^>]*>/,
      '',
    )
    const csp = [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self' data:",
      `connect-src 'self' ${relays.join(' ')}`,
    ].join('; ')
    await route.fulfill({
      response,
      body: html,
      headers: { ...response.headers(), 'content-security-policy': csp },
    })
  })
  const page = await context.newPage()
  page.on('pageerror', (error) => say(`[page error] ${error.message}`))
  page.on('console', (message) => {
    const text = message.text()
    if (message.type() === 'error' && !text.includes('WebSocket connection'))
      say(`[console] ${text}`)
  })
  await page.goto(`${base}/`)
  return page
}
