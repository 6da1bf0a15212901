import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser } from 'playwright-core'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useTempDir } from '../helpers/temp-dir.ts'
import { startPreview, type RunningPreview } from './helpers/preview.ts'
import { CHROMIUM, CHROMIUM_FLAGS as FLAGS } from '../helpers/chromium.ts'

const PLATFORM = join(import.meta.dirname, '../../renderer/src/platform/index.ts')

// A page that uses window.samstemt the way the app does, built by Vite for the browser, so the
// bridge client runs in real Chromium under the preview's CSP.
const PAGE_SCRIPT = `
import { installPlatform } from ${JSON.stringify(PLATFORM)}
async function main() {
  const api = installPlatform()
  const out = { hash: location.hash }
  out.info = await api.invoke('app/info')
  out.sample = await api.invoke('workspaces/create-sample')
  const loaded = await api.invoke('store/load', { doc: 'local-sample/index' })
  out.bytes = loaded.ok ? loaded.value.updates.map((u) => u instanceof Uint8Array) : loaded
  out.appended = await api.invoke('store/append', { doc: 'local-sample/index', updates: [new Uint8Array([0, 0])] })
  if (!sessionStorage.getItem('seen-invite')) {
    out.invite = await new Promise((resolve) => api.on('app/invite', resolve))
    sessionStorage.setItem('seen-invite', '1')
  }
  document.body.dataset.result = JSON.stringify(out)
}
main().catch((error) => (document.body.dataset.result = JSON.stringify({ error: String(error) })))
`

const tempDir = useTempDir('samstemt-browser-')

type Page = Awaited<ReturnType<Browser['newPage']>>

/** What the page script reported; `attached`, since an empty body is never "visible". */
async function result(page: Page): Promise<Record<string, unknown>> {
  const body = await page.waitForSelector('body[data-result]', { state: 'attached' })
  return JSON.parse((await body.getAttribute('data-result')) ?? '{}') as Record<string, unknown>
}

async function buildPage(dir: string): Promise<string> {
  const src = join(dir, 'src')
  mkdirSync(src, { recursive: true })
  writeFileSync(
    join(src, 'index.html'),
    '<!doctype html><html><body><script type="module" src="./page.ts"></script></body></html>',
  )
  writeFileSync(join(src, 'page.ts'), PAGE_SCRIPT)
  const out = join(dir, 'renderer')
  await build({
    root: src,
    logLevel: 'silent',
    configFile: false,
    build: { outDir: out, emptyOutDir: true },
  })
  return out
}

const NO_CHROMIUM = existsSync(CHROMIUM)
  ? null
  : `no Chromium at ${CHROMIUM} (apt-get install chromium)`

describe('window.samstemt in Chromium through the preview', () => {
  let browser: Browser
  beforeAll(async () => {
    if (!NO_CHROMIUM)
      browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true })
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('reaches the host services from the printed link, and again after a reload', async ({
    skip,
  }) => {
    if (NO_CHROMIUM) skip(NO_CHROMIUM)
    const dir = tempDir()
    const preview: RunningPreview = await startPreview(join(dir, 'profile'), await buildPage(dir))
    const page = await browser.newPage()
    const problems: string[] = []
    // CSP violations and failed bridge calls show up as console errors; a missing favicon does not count.
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) {
        problems.push(message.text())
      }
    })
    try {
      await page.goto(preview.url)
      await fetch(`${preview.origin}/bridge/emit`, {
        method: 'POST',
        headers: { authorization: `Bearer ${preview.token}` },
        body: JSON.stringify({
          event: 'app/invite',
          payload: { link: 'samstemt://join?from-test' },
        }),
      })
      const first = await result(page)
      expect(first).toMatchObject({
        hash: '',
        info: { ok: true, value: { secretsEncrypted: false } },
        sample: { ok: true, value: { id: 'local-sample' } },
        bytes: [true],
        appended: { ok: true, value: { stored: 1 } },
        invite: { link: 'samstemt://join?from-test' },
      })
      expect(page.url()).toBe(`${preview.origin}/`)

      await page.reload()
      const second = await result(page)
      expect(second).toMatchObject({ info: { ok: true }, bytes: [true, true] })
      expect(problems).toEqual([])
    } finally {
      await page.close()
      await preview.stop()
    }
  })

  it('a page opened without the token cannot reach the host, and says how to get in', async ({
    skip,
  }) => {
    if (NO_CHROMIUM) skip(NO_CHROMIUM)
    const dir = tempDir()
    const preview = await startPreview(join(dir, 'profile'), await buildPage(dir))
    const page = await browser.newPage()
    try {
      await page.goto(`${preview.origin}/`)
      expect((await result(page)).error).toContain('npm run preview')
    } finally {
      await page.close()
      await preview.stop()
    }
  })
})
