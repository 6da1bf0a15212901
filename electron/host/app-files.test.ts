import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { contentType, prepareIndexHtml, resolveAppPath } from './app-files.ts'

const root = resolve('/srv/samstemt/out/renderer')

describe('resolveAppPath, the traversal-safe resolver behind app:// and the preview', () => {
  it('serves files inside the renderer folder, and index.html for /', () => {
    expect(resolveAppPath(root, '/')).toBe(join(root, 'index.html'))
    expect(resolveAppPath(root, '/assets/index-abc.js')).toBe(join(root, 'assets/index-abc.js'))
    expect(resolveAppPath(root, '/assets/a%20b.css?v=1#x')).toBe(join(root, 'assets/a b.css'))
  })

  it('refuses ../ in every spelling', () => {
    for (const path of [
      '/../secrets.json',
      '/assets/../../main/index.js',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/%2E%2E%2Fetc%2Fpasswd',
      '/..%2f..%2fetc%2fpasswd',
      '/assets/%2e%2e%5c..%5cwindows',
      '/..\\..\\etc\\passwd',
      '/./index.html',
      '/..',
    ]) {
      expect(resolveAppPath(root, path), path).toBeNull()
    }
  })

  it('refuses absolute paths, drive letters and null bytes', () => {
    for (const path of [
      'etc/passwd',
      '//etc/passwd',
      '/C:/Windows/win.ini',
      '/c:%5cwindows',
      '/index.html%00.png',
      '/index.html\0',
      '/%E0%A4%A',
    ]) {
      expect(resolveAppPath(root, path), path).toBeNull()
    }
  })

  it('names the content type of what it serves', () => {
    expect(contentType('/x/index.html')).toBe('text/html; charset=utf-8')
    expect(contentType('/x/a.JS')).toBe('text/javascript; charset=utf-8')
    expect(contentType('/x/blob')).toBe('application/octet-stream')
  })

  it("drops the page's own CSP meta tag so the host's header is the only policy", () => {
    const html =
      '<head>\n<meta\n  http-equiv="Content-Security-Policy"\n  content="default-src \'self\'"\n/>\n<title>S</title>'
    expect(prepareIndexHtml(html)).toBe('<head>\n<title>S</title>')
  })
})
