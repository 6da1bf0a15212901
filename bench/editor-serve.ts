// The editor benchmark's page: built with Vite from bench/editor-page, served on 127.0.0.1 with
// the paper beside it (as JSON for plain Tiptap, as stored Yjs bytes for the collaborative editor).
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, resolve, sep } from 'node:path'
import { build } from 'vite'

const ROOT = resolve(import.meta.dirname, '..')
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
}

/** Builds the page as production code (minified), with the one Yjs copy the app uses. */
export async function buildPage(outDir: string): Promise<string> {
  await build({
    root: join(ROOT, 'bench/editor-page'),
    base: './',
    configFile: false,
    logLevel: 'silent',
    resolve: { alias: { yjs: join(ROOT, 'node_modules/yjs/dist/yjs.mjs') } },
    build: { outDir, emptyOutDir: true },
  })
  return outDir
}

export type PageServer = { url: string; close(): Promise<void> }

/** Serves `root` and the given extra files (path → bytes) on a free loopback port. */
export async function servePage(
  root: string,
  extra: Record<string, { type: string; body: Uint8Array | string }>,
): Promise<PageServer> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://page').pathname
    const fixed = extra[path]
    if (fixed) {
      res.writeHead(200, { 'content-type': fixed.type, 'cache-control': 'no-store' })
      res.end(fixed.body)
      return
    }
    const file = resolve(root, '.' + (path === '/' ? '/index.html' : path))
    if (!file.startsWith(root + sep)) {
      res.writeHead(404).end()
      return
    }
    readFile(file).then(
      (body) => {
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
        res.end(body)
      },
      () => res.writeHead(404).end(),
    )
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections()
        server.close(() => done())
      }),
  }
}
