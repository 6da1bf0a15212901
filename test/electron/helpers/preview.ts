import { mkdirSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { EventOutbox } from '../../../electron/host/event-outbox.ts'
import { openHostServices, type HostServices } from '../../../electron/host/host-services.ts'
import { plainSecretBox } from '../../../electron/host/secret-vault.ts'
import { startPreviewServer, type PreviewServer } from '../../../electron/preview/bridge-server.ts'
import {
  createPreviewExporter,
  type PreviewExportOptions,
} from '../../../electron/preview/preview-exporter.ts'

/** A stand-in for out/renderer: an index page with its own CSP meta tag, and one script. */
export function fakeRenderer(dir: string): string {
  const root = join(dir, 'renderer')
  mkdirSync(join(root, 'assets'), { recursive: true })
  writeFileSync(
    join(root, 'index.html'),
    `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'self'"><title>Samstemt</title></head><body><div id="root"></div></body></html>`,
  )
  writeFileSync(join(root, 'assets', 'app.js'), 'export {}')
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer')
  return root
}

export type RunningPreview = PreviewServer & { services: HostServices; stop(): Promise<void> }

/** A preview on `profile`, exporting into `<profile>/exports` unless told otherwise. */
export async function startPreview(
  profile: string,
  root: string,
  exports: Partial<PreviewExportOptions> = {},
): Promise<RunningPreview> {
  const services = openHostServices({
    userData: profile,
    secretBox: plainSecretBox,
    version: '0.1.0-preview',
    platform: 'linux (preview)',
    outbox: new EventOutbox(),
  })
  const exporter = createPreviewExporter(services, {
    folder: join(profile, 'exports'),
    ...exports,
  })
  const server = await startPreviewServer({ root, services, exporter })
  return {
    ...server,
    services,
    stop: async () => {
      await server.close()
      await services.close()
    },
  }
}

/** An HTTP request with the path sent exactly as given (fetch would normalise `..`). */
export function rawRequest(
  port: number,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }))
    })
    req.on('error', reject)
    req.end()
  })
}
