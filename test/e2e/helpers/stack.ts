import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import react from '@vitejs/plugin-react'
import { chromium, type Browser, type Page } from 'playwright-core'
import { build } from 'vite'
import { EventOutbox } from '../../../electron/host/event-outbox.ts'
import { openHostServices, type HostServices } from '../../../electron/host/host-services.ts'
import { plainSecretBox } from '../../../electron/host/secret-vault.ts'
import { startPreviewServer, type PreviewServer } from '../../../electron/preview/bridge-server.ts'
import type { MemberDirectory } from '../../../server/members.ts'
import { startRelay, type RunningRelay } from '../../../server/start-relay.ts'
import { formatInviteLink, type Role } from '../../../shared/protocol/index.ts'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run']
const ROOT = join(import.meta.dirname, '../../..')

/** The renderer as `npm run build` makes it, built into a folder of the test's own. */
export async function buildRenderer(outDir: string): Promise<string> {
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

export type Member = { name: string; organisation: string; role: Role; link: string }

/**
 * Stands in for the relay's `GET /invite` (what a token grants), which the relay does not serve
 * yet; everything else goes to the network. Answers from the relay's own member directory.
 */
function inviteEndpoint(members: MemberDirectory): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input))
    if (!url.pathname.endsWith('/invite')) return fetch(input, init)
    const token = new Headers(init?.headers).get('authorization')?.replace(/^Bearer /, '') ?? ''
    const found = members.authenticate(token)
    if (found.status !== 'ok') return new Response(null, { status: 403 })
    const { member } = found
    const workspace = members.workspace(member.workspace)
    return Response.json({
      workspace: { id: workspace?.id, name: workspace?.name },
      member: {
        id: member.id,
        name: member.name,
        organisation: member.organisation,
        role: member.role,
      },
    })
  }
}

/** A relay with one workspace and a member per role, Chromium, and one preview per app window. */
export type Stack = {
  relay: RunningRelay
  members: Record<Role, Member>
  /** A fresh profile (a new computer) with the app open in its own browser context. */
  openApp(): Promise<Page>
  close(): Promise<void>
}

export async function startStack(renderer: string): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), 'samstemt-e2e-'))
  const relay = await startRelay({ data: join(dir, 'relay.sqlite'), port: 0, log: false })
  relay.members.createWorkspace('Norske smartbyer i Europa', 'smartbyer')
  const invite = (name: string, organisation: string, role: Role): Member => {
    const { token } = relay.members.invite({ workspace: 'smartbyer', name, organisation, role })
    const link = formatInviteLink({ relay: relay.url, workspace: 'smartbyer', token, name })
    return { name, organisation, role, link }
  }
  const members = {
    coordinator: invite('Anne Berg', 'NTNU', 'coordinator'),
    editor: invite('Kari Nordmann', 'Universitetet i Stavanger', 'editor'),
    reviewer: invite('Ole Hansen', 'Nordic Edge', 'reviewer'),
  }
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS })
  const previews: { server: PreviewServer; services: HostServices }[] = []

  const openApp = async (): Promise<Page> => {
    const services = openHostServices({
      userData: mkdtempSync(join(dir, 'profile-')),
      secretBox: plainSecretBox,
      version: '0.1.0-e2e',
      platform: 'linux (e2e)',
      outbox: new EventOutbox(),
      fetch: inviteEndpoint(relay.members),
    })
    const server = await startPreviewServer({ root: renderer, services })
    previews.push({ server, services })
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } })
    const page = await context.newPage()
    await page.goto(server.url)
    return page
  }

  return {
    relay,
    members,
    openApp,
    close: async () => {
      await browser.close()
      for (const { server, services } of previews) {
        await server.close()
        await services.close()
      }
      await relay.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Joins through the join screen, as a partner who pasted the link would. */
export async function joinWith(page: Page, link: string): Promise<void> {
  await page.getByRole('button', { name: 'Bli med i et arbeidsområde' }).click()
  await page.getByLabel('Invitasjonslenke').fill(link)
  await page.getByRole('button', { name: 'Sjekk invitasjonen' }).click()
  await page.getByRole('button', { name: /^Bli med i Norske smartbyer/ }).click()
  await page.getByRole('heading', { name: 'Notater', level: 1 }).waitFor()
}
