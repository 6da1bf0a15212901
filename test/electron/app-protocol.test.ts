import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { registerAppScheme, setupAppProtocol } from '../../electron/main/app-protocol.ts'
import { contentSecurityPolicy } from '../../electron/host/web-policy.ts'
import { useTempDir } from '../helpers/temp-dir.ts'
import { electron, resetElectron } from './electron-mock.ts'

vi.mock('electron', async () => (await import('./electron-mock.ts')).electronModule)

const tempDir = useTempDir('samstemt-app-protocol-')

/** A built renderer, with a secret next to it that must stay out of reach. */
function builtRenderer(): string {
  const dir = tempDir()
  const root = join(dir, 'renderer')
  mkdirSync(join(root, 'assets'), { recursive: true })
  writeFileSync(
    join(root, 'index.html'),
    '<head><meta http-equiv="Content-Security-Policy" content="default-src \'self\'"><title>Samstemt</title></head>',
  )
  writeFileSync(join(root, 'assets', 'index.js'), 'console.log(1)')
  writeFileSync(join(dir, 'secret.txt'), 'do not serve')
  return root
}

function serve(url: string, method = 'GET'): Promise<Response> {
  const handler = electron().protocolHandlers.get('app')
  if (!handler) throw new Error('app:// is not handled')
  return handler(new Request(url, { method }))
}

describe('the app:// protocol', () => {
  beforeEach(resetElectron)

  it('is registered as a standard, secure scheme instead of file://', () => {
    registerAppScheme()
    expect(electron().privilegedSchemes).toEqual([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true }),
      }),
    ])
  })

  it('serves the built renderer with the CSP header that admits the joined relays', async () => {
    const relays = ['wss://relay.example.org']
    setupAppProtocol(builtRenderer(), () => contentSecurityPolicy(relays))
    const page = await serve('app://samstemt/index.html')
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.headers.get('content-security-policy')).toContain(
      "connect-src 'self' wss://relay.example.org",
    )
    const html = await page.text()
    expect(html).toContain('<title>Samstemt</title>')
    expect(html).not.toContain('http-equiv')

    relays.push('ws://127.0.0.1:4455')
    const again = await serve('app://samstemt/')
    expect(again.headers.get('content-security-policy')).toContain('ws://127.0.0.1:4455')
    const script = await serve('app://samstemt/assets/index.js')
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await script.text()).toBe('console.log(1)')
  })

  it('refuses paths that leave the renderer folder, other hosts and writes', async () => {
    setupAppProtocol(builtRenderer(), () => contentSecurityPolicy([]))
    for (const url of [
      'app://samstemt/../secret.txt',
      'app://samstemt/%2e%2e/secret.txt',
      'app://samstemt/..%2fsecret.txt',
      'app://samstemt/assets/..%5c..%5csecret.txt',
      'app://samstemt/index.html%00.js',
      'app://samstemt/missing.js',
      'app://other/index.html',
    ]) {
      const response = await serve(url)
      expect(response.status, url).toBe(404)
      expect(await response.text()).not.toContain('do not serve')
    }
    expect((await serve('app://samstemt/index.html', 'POST')).status).toBe(405)
  })
})
