import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import react from '@vitejs/plugin-react'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { build } from 'vite'
import { startRelay, type RunningRelay } from '../../../server/start-relay.ts'
import { formatInviteLink, type Role } from '../../../shared/protocol/index.ts'
import { CHROMIUM, CHROMIUM_FLAGS as FLAGS } from '../../helpers/chromium.ts'

export { CHROMIUM }
const ROOT = join(import.meta.dirname, '../../..')
const PREVIEW_CLI = join(ROOT, 'electron/preview/cli.ts')
/** How long a preview process may take to print its link. */
const PREVIEW_START_MS = 20_000

/** The renderer as `npm run build` makes it, built into a folder of the test's own. */
async function buildRenderer(outDir: string): Promise<string> {
  await build({
    root: join(ROOT, 'renderer'),
    configFile: false,
    logLevel: 'silent',
    resolve: { alias: { yjs: join(ROOT, 'node_modules/yjs/dist/yjs.mjs') } },
    plugins: [react()],
    build: { outDir, emptyOutDir: true },
  })
  return outDir
}

export type Member = { id: string; name: string; organisation: string; role: Role; link: string }

/** One running app: a `node electron/preview/cli.ts --profile ...` process and its browser page. */
export type App = {
  page: Page
  /** The user-data folder: start another app on it to restart "the same computer". */
  profile: string
  /** Ends the preview process with SIGKILL (no chance to flush anything) and closes its page. */
  kill(): Promise<void>
}

/** A relay with one workspace and a member per role, Chromium, and one preview per app window. */
export type Stack = {
  /** The relay now running (a new object after `restartRelay`). */
  readonly relay: RunningRelay
  members: Record<Role, Member>
  /** Invites one more member into the workspace. */
  invite(name: string, organisation: string, role: Role): Member
  /** A fresh profile (a new computer) with the app open in its own browser context. */
  openApp(): Promise<Page>
  /**
   * Starts a preview process on `profile` (default: a new one) and opens its page; `timezoneId`
   * sets the browser's time zone (the computer's, as the app sees it); `env` is added to the
   * preview process's; `ignoreHTTPSErrors` lets the page reach a relay with a test certificate.
   */
  startApp(profile?: string, options?: AppOptions): Promise<App>
  /** Takes the relay down: it closes its sockets and its port refuses connections. */
  stopRelay(): Promise<void>
  /** Brings the relay back on the same port, with the same data file. */
  restartRelay(): Promise<void>
  close(): Promise<void>
}

export type AppOptions = {
  timezoneId?: string
  env?: Record<string, string>
  ignoreHTTPSErrors?: boolean
}

const WORKSPACE = 'smartbyer'

/** Builds the renderer and starts the relay and Chromium; `close` removes every file it made. */
export async function startStack(): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), 'samstemt-e2e-'))
  const renderer = await buildRenderer(join(dir, 'renderer'))
  const data = join(dir, 'relay.sqlite')
  let relay = await startRelay({ data, port: 0, log: false })
  let relayUp = true
  const port = relay.port
  relay.members.createWorkspace('Norske smartbyer i Europa', WORKSPACE)
  const invite = (name: string, organisation: string, role: Role): Member => {
    const { token, member } = relay.members.add({
      workspace: WORKSPACE,
      name,
      organisation,
      role,
    })
    const link = formatInviteLink({ relay: relay.url, workspace: WORKSPACE, token, name })
    return { id: member.id, name, organisation, role, link }
  }
  const members = {
    coordinator: invite('Anne Berg', 'NTNU', 'coordinator'),
    editor: invite('Kari Nordmann', 'Universitetet i Stavanger', 'editor'),
    reviewer: invite('Ole Hansen', 'Nordic Edge', 'reviewer'),
  }
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS })
  const running = new Set<{ process: ChildProcess; context: BrowserContext }>()

  const startApp = async (
    profile = mkdtempSync(join(dir, 'profile-')),
    options: AppOptions = {},
  ): Promise<App> => {
    const { env, ...contextOptions } = options
    const preview = await startPreview(renderer, profile, env)
    const context = await browser.newContext({
      viewport: { width: 1280, height: 860 },
      ...contextOptions,
    })
    const entry = { process: preview.process, context }
    running.add(entry)
    const page = await context.newPage()
    await page.goto(preview.url)
    return {
      page,
      profile,
      kill: async () => {
        running.delete(entry)
        await stopProcess(preview.process, 'SIGKILL')
        await context.close()
      },
    }
  }

  return {
    get relay() {
      return relay
    },
    members,
    invite,
    startApp,
    openApp: async () => (await startApp()).page,
    stopRelay: async () => {
      relayUp = false
      await relay.close()
    },
    restartRelay: async () => {
      relay = await startRelay({ data, port, log: false })
      relayUp = true
    },
    close: async () => {
      await browser.close()
      await Promise.all([...running].map((entry) => stopProcess(entry.process, 'SIGTERM')))
      if (relayUp) await relay.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** `node electron/preview/cli.ts --json`: resolves with the link it prints. */
async function startPreview(
  renderer: string,
  profile: string,
  env: Record<string, string> = {},
): Promise<{ process: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [PREVIEW_CLI, '--profile', profile, '--renderer', renderer, '--json'],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
  )
  // Should the test process end without closing the stack, its previews end with it.
  const orphaned = () => child.kill('SIGKILL')
  process.once('exit', orphaned)
  child.once('exit', () => process.off('exit', orphaned))
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const lines = createInterface({ input: child.stdout! })
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`preview did not start in ${PREVIEW_START_MS} ms:\n${stderr}`)),
        PREVIEW_START_MS,
      )
      lines.once('line', (line) => {
        clearTimeout(timer)
        resolve((JSON.parse(line) as { url: string }).url)
      })
      child.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`preview exited with ${code}:\n${stderr}`))
      })
    })
    return { process: child, url }
  } catch (error) {
    child.kill('SIGKILL')
    throw error
  } finally {
    lines.close()
    child.stdout?.resume()
  }
}

/** How long a preview may take to close its store after SIGTERM before it is killed. */
const PREVIEW_STOP_MS = 5_000

/** Ends a preview; one that does not stop within PREVIEW_STOP_MS of SIGTERM gets SIGKILL. */
function stopProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill(signal)
  const timer = setTimeout(() => {
    console.error(`preview ${child.pid} did not stop on ${signal}; killing it`)
    child.kill('SIGKILL')
  }, PREVIEW_STOP_MS)
  return exited.finally(() => clearTimeout(timer))
}

/** Joins through the join screen, as a partner who pasted the link would. */
export async function joinWith(page: Page, link: string): Promise<void> {
  await page.getByRole('button', { name: 'Bli med i et arbeidsområde' }).click()
  await page.getByLabel('Invitasjonslenke').fill(link)
  await page.getByRole('button', { name: 'Sjekk invitasjonen' }).click()
  await page.getByRole('button', { name: /^Bli med i Norske smartbyer/ }).click()
  await page.getByRole('heading', { name: 'Notater', level: 1 }).waitFor()
}
