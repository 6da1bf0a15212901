// Takes the screenshots of issue 4's visual check: node renderer/dev/screenshots.ts, started by
// screenshots.sh (which builds the renderer and runs a throwaway relay with three members).
import type { Browser, Page } from 'playwright-core'
import type { WorkspaceConnection } from '../../shared/ipc/contract.ts'
import type { Role } from '../../shared/protocol/index.ts'
import { launchPreview, openAppWindow, say } from './app-window.ts'
import type { FakeSeed } from './fake-host.ts'
import { seedDocs } from './seed.ts'

type Invited = {
  member: { id: string; name: string; organisation: string; role: Role }
  token: string
  link: string
}
const relay = process.env['SHOTS_RELAY'] ?? ''
const workspace = process.env['SHOTS_WORKSPACE'] ?? ''
const members = JSON.parse(process.env['SHOTS_MEMBERS'] ?? '{}') as Record<Role, Invited>
const OUT = 'test-results/screens'
const DAY = 86_400_000
const now = Date.now()

/** What the host would do for each member: claim their invite, then fetch a ticket with the key. */
async function connectionOf(role: Role): Promise<WorkspaceConnection> {
  const http = relay.replace(/^ws/, 'http')
  const post = async (path: string, token: string) => {
    const response = await fetch(`${http}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    })
    return (await response.json()) as Record<string, unknown>
  }
  const { token } = (await post('/invite/claim', members[role].token)) as { token: string }
  const { ticket, expiresAt } = (await post('/ticket', token)) as {
    ticket: string
    expiresAt: number
  }
  return { relay, ticket, expiresAt, member: members[role].member }
}
const connections = {
  coordinator: await connectionOf('coordinator'),
  editor: await connectionOf('editor'),
  reviewer: await connectionOf('reviewer'),
}

const { base, browser, close } = await launchPreview()

const entry = (role: Role) => ({
  id: workspace,
  name: 'Norske smartbyer i Europa',
  relay,
  member: members[role].member,
  joinedAt: now - 30 * DAY,
})

function seedFor(role: Role | null, options: Partial<FakeSeed> = {}): FakeSeed {
  return {
    settings: {
      language: 'nb',
      lastWorkspace: role === null ? null : workspace,
      secretsNoticeSeen: true,
    },
    workspaces: role === null ? [] : [entry(role)],
    connections: role === null ? {} : { [workspace]: { ok: true, value: connections[role] } },
    docs: {},
    invites: {},
    sample: null,
    ...options,
  }
}

const open = (browser: Browser, seed: FakeSeed, relays: string[] = [relay]) =>
  openAppWindow(browser, base, seed, relays)

const shot = async (page: Page, name: string) => {
  await page.waitForTimeout(300)
  await page.screenshot({ path: `${OUT}/${name}.png` })
  say(`saved ${OUT}/${name}.png`)
}

// 1-3: first start, an invite previewed, invites that fail.
const preview1 = {
  workspace: { id: workspace, name: 'Norske smartbyer i Europa' },
  relay,
  member: members.editor.member,
  insecure: false,
}
const welcome = await open(
  browser,
  seedFor(null, {
    invites: { [members.editor.link]: { ok: true, value: preview1 } },
    sample: {
      entry: { id: 'eksempel', name: 'Eksempelområde', relay: null, member: null, joinedAt: now },
      docs: seedDocs('eksempel', now),
    },
  }),
)
await welcome.getByRole('heading', { name: 'Velkommen til Samstemt' }).waitFor()
await shot(welcome, '01-welcome')
await welcome.getByRole('button', { name: 'Bli med i et arbeidsområde' }).click()
await welcome.getByLabel('Invitasjonslenke').fill(members.editor.link)
await welcome.getByRole('button', { name: 'Sjekk invitasjonen' }).click()
await welcome.getByText('Invitasjonen gir deg tilgang til').waitFor()
await shot(welcome, '02-join-preview')
await welcome.getByLabel('Invitasjonslenke').fill('https://example.org/not-an-invite')
await welcome.getByRole('button', { name: 'Sjekk invitasjonen' }).click()
await welcome.getByText('Dette er ikke en gyldig invitasjonslenke').waitFor()
await shot(welcome, '03a-join-invalid')

const revokedLink = members.reviewer.link.replace(/token=[^&]+/, `token=${'R'.repeat(43)}`)
const english = await open(
  browser,
  seedFor(null, {
    settings: { language: 'en', lastWorkspace: null, secretsNoticeSeen: true },
    invites: {
      [revokedLink]: {
        ok: false,
        error: {
          code: 'invite-revoked',
          message: 'The relay answered 4403: this invitation was revoked.',
        },
      },
    },
  }),
)
await english.getByRole('button', { name: 'Join a workspace' }).click()
await english.getByLabel('Invite link').fill(revokedLink)
await english.getByRole('button', { name: 'Check invite' }).click()
await english.getByText('This invite has been withdrawn').waitFor()
await english.getByText('Technical details').click()
await shot(english, '03b-join-error-en')

// 4-6: three members of one workspace on a real relay.
const anne = await open(browser, seedFor('coordinator', { docs: seedDocs(workspace, now) }))
await anne.getByText('Lagret på reléserveren').waitFor({ timeout: 15_000 })
await shot(anne, '04-library')

const kari = await open(browser, seedFor('editor'))
await kari.getByRole('button', { name: /Norske byer i EUs bymisjon/ }).click()
await anne.getByRole('button', { name: /Norske byer i EUs bymisjon/ }).click()
await kari.getByText('Hovedbudskap').waitFor()
await anne.getByText('Bakgrunn').first().waitFor()
await anne.getByText('klimanøytrale og smarte byer').dblclick()
await kari.locator('.paper-body li p').first().click({ clickCount: 3 })
await kari.keyboard.press('ArrowRight')
await kari.keyboard.type(' Det samme gjelder Bergen og Bodø.')
await kari.getByText('Lagret på reléserveren').waitFor({ timeout: 15_000 })
await anne.getByText('Det samme gjelder Bergen og Bodø.').waitFor()
await shot(kari, '05a-editor-editor')
await shot(anne, '05b-editor-coordinator')

const ole = await open(browser, seedFor('reviewer'))
await ole.getByRole('button', { name: /Norske byer i EUs bymisjon/ }).click()
await ole.getByText('Hovedbudskap').waitFor()
const before = await ole.locator('.paper-body').innerText()
await ole.locator('.paper-body p').first().click()
await ole.keyboard.type('reviewer typing')
const after = await ole.locator('.paper-body').innerText()
say(before === after ? 'reviewer cannot type: ok' : 'REVIEWER CHANGED THE TEXT')
await shot(ole, '06-reviewer-read-only')

await kari.keyboard.press('Control+k')
await kari.getByRole('dialog').waitFor()
await kari.getByLabel('Nettadresse').fill('ec.europa.eu')
await shot(kari, '07-link-dialog')
await kari.keyboard.press('Escape')
await kari.locator('.paper-body').press('Alt+F10')
await kari.keyboard.press('ArrowRight')
await kari.keyboard.press('ArrowRight')
await kari.keyboard.press('ArrowRight')
await shot(kari, '11-keyboard-toolbar')

// 8: an editor whose relay is out of reach keeps working on this computer.
const offline = await open(
  browser,
  seedFor('editor', {
    docs: seedDocs(workspace, now),
    connections: {
      [workspace]: {
        ok: true,
        value: { ...connections.editor, relay: 'ws://127.0.0.1:45999' },
      },
    },
  }),
  ['ws://127.0.0.1:45999'],
)
await offline.getByRole('button', { name: /Norske byer i EUs bymisjon/ }).click()
await offline.locator('.paper-body li p').first().click({ clickCount: 3 })
await offline.keyboard.press('ArrowRight')
await offline.keyboard.type(' Skrevet på toget.')
await offline.getByText(/Frakoblet/).waitFor({ timeout: 15_000 })
await shot(offline, '08-editor-offline')

// 9-10: the local sample, and the library in English.
await welcome.getByRole('button', { name: 'Avbryt' }).click()
await welcome.getByRole('button', { name: 'Opprett et eksempelområde' }).click()
await welcome.getByText('Lagret på denne maskinen').waitFor()
await shot(welcome, '09-sample-library')
await anne.getByRole('button', { name: 'Alle notater' }).click()
await anne.getByRole('button', { name: 'English' }).click()
await anne.getByText('Saved on the relay server').waitFor()
await shot(anne, '10-library-en')
await anne.getByRole('button', { name: 'New paper' }).click()
await anne.getByText('Key messages').waitFor()
await shot(anne, '12-new-paper-en')

// 14-15: a smaller window.
await kari.setViewportSize({ width: 1024, height: 720 })
await shot(kari, '14-editor-1024')
await kari.getByRole('button', { name: 'Alle notater' }).click()
await shot(kari, '15-library-1024')

// 13: a member whose access was revoked sees it, with every control that writes turned off.
const revoked = await open(
  browser,
  seedFor('editor', {
    docs: seedDocs(workspace, now),
    connections: {
      [workspace]: {
        ok: false,
        error: { code: 'access-revoked', message: 'Your access to this workspace was revoked.' },
      },
    },
  }),
)
await revoked.getByRole('button', { name: /Norske byer i EUs bymisjon/ }).click()
await revoked
  .getByRole('status')
  .getByText(/Tilgangen er trukket tilbake/)
  .waitFor({ timeout: 15_000 })
await shot(revoked, '13-access-revoked')

await close()
