import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterEach, describe, expect, test } from 'vitest'
import { paperRoom } from '../../shared/protocol/index.ts'
import { useTempDir } from '../helpers/temp-dir.ts'
import { runCli } from './helpers/cli.ts'
import { connectClient, type Client } from './helpers/clients.ts'
import { seedWorkspace } from './helpers/members.ts'
import { MemberDirectory } from '../../server/members.ts'
import { relayExtension } from '../../server/relay-schema.ts'
import { UpdateStore } from '../../shared/store/index.ts'
import { spawnRelay, type RelayProcess } from './helpers/relay-process.ts'
import { waitFor, within } from './helpers/wait.ts'

// How the relay runs as a service: where its data goes without flags, and what it logs.

const tempDir = useTempDir('samstemt-relay-service-')
const open: { clients: Client[]; relays: RelayProcess[] } = { clients: [], relays: [] }
const CLI = join(import.meta.dirname, '../../server/cli.ts')

afterEach(async () => {
  for (const client of open.clients.splice(0)) client.destroy()
  await Promise.all(open.relays.splice(0).map((relay) => relay.stop()))
})

/** The environment of a user who set nothing: a home of their own, no SAMSTEMT_* variables. */
function freshUser(home: string): NodeJS.ProcessEnv {
  const env = Object.entries(process.env).filter(([name]) => !name.startsWith('SAMSTEMT_RELAY_'))
  return { ...Object.fromEntries(env), HOME: home, XDG_DATA_HOME: '' }
}

describe('the relay database without --data', () => {
  test('every command uses the same file in the user’s data folder, and says where', async () => {
    const home = tempDir()
    const env = freshUser(home)
    const expected = join(home, '.local/share/samstemt-relay/relay.sqlite')
    const created = await runCli(
      ['workspace', 'create', '--name', 'Smarte byer', '--id', 'sb'],
      env,
    )
    expect(created.code, created.stderr).toBe(0)
    expect(created.stderr).toContain(`Relay database: ${expected}`)
    expect(existsSync(expected)).toBe(true)
    expect((await runCli(['workspace', 'list'], env)).stdout).toContain('Smarte byer')

    const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--json'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const exited = new Promise((resolve) => child.on('exit', resolve))
    const line = await within(
      new Promise<string>((resolve) =>
        createInterface({ input: child.stdout }).once('line', resolve),
      ),
      'the relay to listen',
      20_000,
    )
    expect(JSON.parse(line)).toMatchObject({ data: expected })
    child.kill('SIGTERM')
    await within(exited, 'the relay to stop', 20_000)
  })

  test('SAMSTEMT_RELAY_DATA overrides the default, and --data overrides both', async () => {
    const home = tempDir()
    const fromEnv = join(home, 'env.sqlite')
    const fromFlag = join(home, 'flag.sqlite')
    const env = { ...freshUser(home), SAMSTEMT_RELAY_DATA: fromEnv }
    expect((await runCli(['workspace', 'create', '--name', 'A'], env)).code).toBe(0)
    expect(
      (await runCli(['workspace', 'create', '--name', 'B', '--data', fromFlag], env)).code,
    ).toBe(0)
    expect(existsSync(fromEnv) && existsSync(fromFlag)).toBe(true)
    expect(existsSync(join(home, '.local/share/samstemt-relay'))).toBe(false)
  })
})

/** A single-use invite for an editor, as `samstemt-relay invite` makes one; returns its token. */
async function inviteInto(file: string, workspace: string): Promise<string> {
  const store = UpdateStore.open(file, { extensions: [relayExtension] })
  try {
    const members = new MemberDirectory(store.db)
    return members.invite({ workspace, name: 'Ny', organisation: 'NTNU', role: 'editor' }).token
  } finally {
    await store.close()
  }
}

describe('the relay’s log', () => {
  test('--log-format text writes one line per connection and refusal, and never a token', async () => {
    const file = join(tempDir(), 'relay.sqlite')
    const seeded = await seedWorkspace(file)
    const relay = await spawnRelay(file, ['--log-format', 'text'])
    open.relays.push(relay)
    const good = connectClient(relay.url, paperRoom('w', 'p'), seeded.tokens.editor)
    const stranger = connectClient(relay.url, paperRoom('w', 'p'), seeded.stranger)
    const nobody = connectClient(relay.url, paperRoom('w', 'p'), 'x'.repeat(43))
    open.clients.push(good, stranger, nobody)
    await good.synced()
    await Promise.all([stranger.closed, nobody.closed])
    await waitFor(
      () =>
        relay
          .log()
          .split('\n')
          .filter((l) => / refused /.test(l)).length === 2,
      'two refusals',
    )
    const lines = relay.log().trim().split('\n')
    expect(lines.filter((l) => / connect /.test(l))).toHaveLength(1)
    expect(lines.find((l) => / connect /.test(l))).toMatch(
      new RegExp(
        `^\\S+Z connect connection=\\S+ member=${seeded.memberIds.editor} room=w/paper/p role=editor ip=`,
      ),
    )
    const refusals = lines.filter((l) => / refused /.test(l))
    expect(refusals).toHaveLength(2)
    expect(refusals).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/ code=4404 /),
        expect.stringMatching(/ code=4401 detail="unknown token"$/),
      ]),
    )
    for (const token of [...Object.values(seeded.tokens), seeded.stranger, 'x'.repeat(43)])
      expect(relay.log()).not.toContain(token)
    expect(relay.log()).not.toContain('{"')
  })

  test('the default JSON log has one line per connection and refusal (sockets and API), and never a token', async () => {
    const file = join(tempDir(), 'relay.sqlite')
    const seeded = await seedWorkspace(file)
    const invite = await inviteInto(file, seeded.workspace)
    const relay = await spawnRelay(file)
    open.relays.push(relay)
    const api = (path: string, token: string, body?: object) =>
      fetch(`http://127.0.0.1:${relay.port}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    const claim = await api('/invite/claim', invite, {})
    expect(claim.status).toBe(200)
    const session = ((await claim.json()) as { token: string }).token
    const forged = 'f'.repeat(43)
    expect((await api('/admin/members', forged)).status).toBe(401)
    const asked = { name: 'Per', organisation: 'UiB', role: 'editor' }
    expect((await api('/admin/invites', seeded.tokens.editor, asked)).status).toBe(403)

    const good = connectClient(relay.url, paperRoom('w', 'p'), seeded.tokens.editor)
    const claimed = connectClient(relay.url, paperRoom('w', 'p'), session)
    const stranger = connectClient(relay.url, paperRoom('w', 'p'), seeded.stranger)
    const nobody = connectClient(relay.url, paperRoom('w', 'p'), 'x'.repeat(43))
    open.clients.push(good, claimed, stranger, nobody)
    await Promise.all([good.synced(), claimed.synced(), stranger.closed, nobody.closed])
    const events = () =>
      relay
        .log()
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>)
    await waitFor(
      () => events().filter((e) => e.event === 'refused').length === 2,
      'two refused sockets',
    )

    const connects = events().filter((e) => e.event === 'connect')
    expect(connects).toHaveLength(2)
    expect(connects).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          member: seeded.memberIds.editor,
          room: 'w/paper/p',
          role: 'editor',
          ip: '127.0.0.1',
        }),
        expect.objectContaining({ member: expect.any(String), role: 'editor', room: 'w/paper/p' }),
      ]),
    )
    expect(events().filter((e) => e.event === 'refused')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 4404, ip: '127.0.0.1' }),
        expect.objectContaining({ code: 4401, detail: 'unknown token' }),
      ]),
    )
    expect(events().filter((e) => e.event === 'api-refused')).toEqual([
      expect.objectContaining({ path: '/admin/members', status: 401, error: 'unknown-token' }),
      expect.objectContaining({ path: '/admin/invites', status: 403, error: 'forbidden' }),
    ])
    expect(events().filter((e) => e.event === 'invite-claimed')).toHaveLength(1)
    for (const event of events()) expect(event.time).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/)
    const secrets = [...Object.values(seeded.tokens), seeded.stranger, invite, session, forged]
    for (const token of [...secrets, 'x'.repeat(43)]) expect(relay.log()).not.toContain(token)
  })

  test('an unknown --log-format is a usage error that names the choices', async () => {
    const result = await runCli([
      'serve',
      '--data',
      join(tempDir(), 'r.sqlite'),
      '--log-format',
      'xml',
    ])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--log-format must be json or text, not "xml"')
  })
})
