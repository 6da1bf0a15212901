import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { EventOutbox } from '../host/event-outbox.ts'
import { openHostServices } from '../host/host-services.ts'
import { plainSecretBox } from '../host/secret-vault.ts'
import { startPreviewServer } from './bridge-server.ts'
import { buildOwnRenderer } from './build-renderer.ts'
import { createPreviewExporter } from './preview-exporter.ts'

const USAGE = `Usage: node electron/preview/cli.ts [--build | --renderer DIR] [--profile DIR] [--exports DIR] [--port N] [--json]

Serves the renderer on http://127.0.0.1 with the desktop host's services behind a loopback
bridge. The printed link carries this run's access token, new on every start.

  --build         build the renderer first, into a folder of this run's own under out/preview/
                  (removed when it stops), as npm run preview does: previews side by side never
                  rebuild each other's files
  --profile DIR   user-data folder; reuse it to keep workspaces and papers (default: a new temp folder)
  --exports DIR   where exports are saved, since a browser has no save dialog: each under the
                  name the app suggests, "Name (2).pdf" when taken (default: <profile>/exports).
                  PDF is printed by headless Chromium: SAMSTEMT_CHROMIUM, else /usr/bin/chromium
                  or another usual install path
  --port N        port on 127.0.0.1 (default: a free one)
  --renderer DIR  an already built renderer (default: out/renderer, from npm run build)
  --json          print {"url","port","token","profile","exports"} as one JSON line, for scripts and tests`

function options() {
  const { values } = parseArgs({
    options: {
      profile: { type: 'string' },
      exports: { type: 'string' },
      port: { type: 'string', default: '0' },
      renderer: { type: 'string', default: join(import.meta.dirname, '../../out/renderer') },
      json: { type: 'boolean', default: false },
      build: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  })
  const port = Number(values.port)
  if (values.help || !Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(USAGE)
    process.exit(values.help ? 0 : 2)
  }
  const renderer = resolve(values.renderer)
  if (!values.build && !existsSync(join(renderer, 'index.html'))) {
    console.error(`No built renderer in ${renderer}: run "npm run build" first.`)
    process.exit(1)
  }
  const profile = resolve(values.profile ?? mkdtempSync(join(tmpdir(), 'samstemt-preview-')))
  const exports = resolve(values.exports ?? join(profile, 'exports'))
  return { port, renderer, profile, exports, json: values.json, build: values.build }
}

async function main(): Promise<void> {
  const { port, profile, exports, json, ...chosen } = options()
  const built = chosen.build ? await buildOwnRenderer() : null
  const renderer = built?.dir ?? chosen.renderer
  const services = openHostServices({
    userData: profile,
    // A browser has no OS keychain: tokens are stored as they are, and app/info says so.
    secretBox: plainSecretBox,
    version: packageVersion(),
    platform: `${process.platform} (preview)`,
    outbox: new EventOutbox(),
  })
  const exporter = createPreviewExporter(services, { folder: exports })
  const server = await startPreviewServer({ root: renderer, services, exporter, port })
  const printed = json
    ? JSON.stringify({ url: server.url, port: server.port, token: server.token, profile, exports })
    : `Samstemt preview: ${server.url}\nProfile: ${profile}\nExports: ${exports}\nStop with Ctrl+C.`
  process.stdout.write(printed + '\n')

  let stopping = false
  const stop = () => {
    if (stopping) return
    stopping = true
    void server
      .close()
      .then(() => services.close())
      .then(() => built?.remove())
      .then(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

function packageVersion(): string {
  const manifest = join(import.meta.dirname, '../../package.json')
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version
}

await main()
