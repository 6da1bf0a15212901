import { afterEach, describe, expect, it } from 'vitest'
import { checkAccess } from '../../electron/preview/bridge-access.ts'
import { useTempDir } from '../helpers/temp-dir.ts'
import { fakeRenderer, rawRequest, startPreview, type RunningPreview } from './helpers/preview.ts'

const tempDir = useTempDir('samstemt-preview-')
const running: RunningPreview[] = []
afterEach(async () => {
  for (const preview of running.splice(0)) await preview.stop()
})

async function preview(): Promise<RunningPreview> {
  const dir = tempDir()
  const started = await startPreview(dir, fakeRenderer(dir))
  running.push(started)
  return started
}

function invoke(p: RunningPreview, body: unknown, authorization?: string) {
  return fetch(`${p.origin}/bridge/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(body),
  })
}

describe('the preview bridge', () => {
  it('listens on 127.0.0.1 only, on a random port, and prints a link carrying the token', async () => {
    const p = await preview()
    expect(p.url).toBe(`http://127.0.0.1:${p.port}/#token=${p.token}`)
    expect(p.token.length).toBeGreaterThanOrEqual(32)
    expect(p.port).toBeGreaterThan(0)
  })

  it('refuses host calls without the token, or with a wrong one', async () => {
    const p = await preview()
    for (const authorization of [
      undefined,
      'Bearer wrong',
      `Basic ${p.token}`,
      `Bearer ${p.token}x`,
    ]) {
      const response = await invoke(p, { channel: 'settings/get' }, authorization)
      expect(response.status, String(authorization)).toBe(401)
      expect(await response.json()).toMatchObject({ ok: false, error: { code: 'invalid-payload' } })
    }
    const events = await fetch(`${p.origin}/bridge/events`)
    expect(events.status).toBe(401)
    expect((await invoke(p, { channel: 'settings/get' }, `Bearer ${p.token}`)).status).toBe(200)
  })

  it('refuses another Host (DNS rebinding) and cross-origin calls even with the token', async () => {
    const p = await preview()
    const auth = { authorization: `Bearer ${p.token}`, 'content-type': 'application/json' }
    const rebound = await rawRequest(
      p.port,
      '/bridge/invoke',
      { ...auth, host: `evil.example:${p.port}` },
      'POST',
    )
    expect(rebound.status).toBe(403)
    const crossSite = await rawRequest(
      p.port,
      '/bridge/invoke',
      { ...auth, origin: 'https://evil.example' },
      'POST',
    )
    expect(crossSite.status).toBe(403)
  })

  it('refuses clients that are not on this computer', () => {
    const rule = { port: 5000, token: 't'.repeat(32), needsToken: true }
    const request = {
      host: '127.0.0.1:5000',
      origin: undefined,
      authorization: `Bearer ${'t'.repeat(32)}`,
    }
    for (const remoteAddress of [
      '192.168.1.20',
      '10.0.0.2',
      '2001:db8::1',
      '::ffff:192.0.2.1',
      undefined,
    ]) {
      expect(checkAccess({ ...request, remoteAddress }, rule)).toMatchObject({ status: 403 })
    }
    for (const remoteAddress of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      expect(checkAccess({ ...request, remoteAddress }, rule)).toBeNull()
    }
  })

  it('validates requests exactly as IPC does', async () => {
    const p = await preview()
    const auth = `Bearer ${p.token}`
    const call = async (body: unknown) => (await invoke(p, body, auth)).json()
    expect(await call({ channel: 'fs/read', payload: '/etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload' },
    })
    expect(
      await call({ channel: 'store/append', payload: { doc: 'w/index', updates: ['AAAA'] } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload' },
    })
    const notJson = await fetch(`${p.origin}/bridge/invoke`, {
      method: 'POST',
      headers: { authorization: auth },
      body: '{',
    })
    expect(notJson.status).toBe(400)
  })

  it('serves the built renderer with the CSP header instead of its meta tag', async () => {
    const p = await preview()
    const page = await fetch(`${p.origin}/`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'")
    const html = await page.text()
    expect(html).toContain('<div id="root">')
    expect(html).not.toContain('http-equiv')
    expect((await fetch(`${p.origin}/assets/app.js`)).headers.get('content-type')).toContain(
      'javascript',
    )
  })

  it('never serves files outside the renderer folder', async () => {
    const p = await preview()
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%5c..%5csecret.txt',
      '/%00',
    ]) {
      const response = await rawRequest(p.port, path)
      expect(response.status, path).toBe(404)
      expect(response.body).not.toContain('outside the renderer')
    }
  })
})
