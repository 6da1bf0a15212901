import { describe, expect, it } from 'vitest'
import {
  contentSecurityPolicy,
  findDeepLink,
  isSafeExternalUrl,
  isTrustedUrl,
} from './web-policy.ts'

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/)
      return [name, values]
    }),
  )
}

describe('the content security policy', () => {
  it('lets the page connect only to itself and the relays of joined workspaces', () => {
    const csp = directives(
      contentSecurityPolicy(['wss://relay.example.org', 'ws://127.0.0.1:4455']),
    )
    expect(csp.get('connect-src')).toEqual([
      "'self'",
      'wss://relay.example.org',
      'ws://127.0.0.1:4455',
    ])
    expect(csp.get('default-src')).toEqual(["'none'"])
    expect(csp.get('script-src')).toEqual(["'self'"])
    expect(csp.get('object-src')).toEqual(["'none'"])
    expect(csp.get('frame-ancestors')).toEqual(["'none'"])
  })

  it('never admits inline or evaluated scripts', () => {
    const csp = contentSecurityPolicy([])
    expect(csp).not.toContain('unsafe-eval')
    expect(directives(csp).get('script-src')).not.toContain("'unsafe-inline'")
  })

  it('drops relay entries that could smuggle a directive into the header', () => {
    const csp = contentSecurityPolicy([
      "wss://a.org; script-src 'unsafe-inline'",
      'https://x.org',
      '*',
    ])
    expect(directives(csp).get('connect-src')).toEqual(["'self'"])
    expect(csp.match(/script-src/g)).toHaveLength(1)
  })
})

describe('external links', () => {
  it('opens only https links', () => {
    expect(isSafeExternalUrl('https://commission.europa.eu/')).toBe(true)
    for (const url of [
      'http://example.org',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'samstemt://join?x',
      'smb://host/share',
      'https://user:pw@example.org',
      'not a url',
      `https://example.org/${'a'.repeat(3000)}`,
    ]) {
      expect(isSafeExternalUrl(url), url).toBe(false)
    }
  })
})

describe('trusted page origins', () => {
  const trusted = ['app://samstemt']
  it('trusts only pages served from the app origin', () => {
    expect(isTrustedUrl('app://samstemt/index.html', trusted)).toBe(true)
    expect(isTrustedUrl('app://samstemt.evil/index.html', trusted)).toBe(false)
    expect(isTrustedUrl('app://other/index.html', trusted)).toBe(false)
    expect(isTrustedUrl('https://samstemt/index.html', trusted)).toBe(false)
    expect(isTrustedUrl('file:///out/renderer/index.html', trusted)).toBe(false)
    expect(isTrustedUrl('', trusted)).toBe(false)
  })
})

describe('deep links in argv', () => {
  it('finds the samstemt:// link among other arguments', () => {
    const link = 'samstemt://join?relay=wss%3A%2F%2Fr&workspace=w&token=t&name=n'
    expect(findDeepLink(['/opt/Samstemt/samstemt', '--no-sandbox', link])).toBe(link)
    expect(findDeepLink(['/opt/Samstemt/samstemt'])).toBeNull()
    expect(findDeepLink([`samstemt://${'x'.repeat(3000)}`])).toBeNull()
  })
})
