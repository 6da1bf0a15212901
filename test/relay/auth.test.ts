import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { CloseCode, indexRoom, paperRoom } from '../../shared/protocol/index.ts'
import { useTempDir } from '../helpers/temp-dir.ts'
import { runCli } from './helpers/cli.ts'
import { connectClient, type Client } from './helpers/clients.ts'
import { seedWorkspace } from './helpers/members.ts'
import { spawnRelay, type RelayProcess } from './helpers/relay-process.ts'
import { within } from './helpers/wait.ts'

const tempDir = useTempDir('samstemt-relay-auth-')
const open: { clients: Client[]; relays: RelayProcess[] } = { clients: [], relays: [] }

afterEach(async () => {
  for (const client of open.clients.splice(0)) client.destroy()
  await Promise.all(open.relays.splice(0).map((relay) => relay.stop()))
})

async function setup() {
  const file = join(tempDir(), 'relay.sqlite')
  const seeded = await seedWorkspace(file)
  const relay = await spawnRelay(file)
  open.relays.push(relay)
  const client = (room: string, token: string | null) => {
    const c = connectClient(relay.url, room, token)
    open.clients.push(c)
    return c
  }
  return { file, seeded, relay, client }
}

/** The close code, and that the stock client gave up instead of retrying. */
async function refusal(c: Client) {
  const { code } = await within(c.closed, 'the relay to close the socket')
  await within(c.gaveUp, 'the client to stop reconnecting')
  expect(c.provider.shouldConnect).toBe(false)
  return code
}

describe('access by invite token', () => {
  test('a missing or unknown token is refused with 4401, and the client stops retrying', async () => {
    const { client } = await setup()
    expect(await refusal(client(indexRoom('w'), null))).toBe(CloseCode.badToken)
    expect(await refusal(client(indexRoom('w'), 'not-a-token'))).toBe(CloseCode.badToken)
    expect(await refusal(client(indexRoom('w'), 'A'.repeat(43)))).toBe(CloseCode.badToken)
  })

  test('a room of another workspace, or a name that is not a room, is refused with 4404', async () => {
    const { client, seeded } = await setup()
    expect(await refusal(client(indexRoom('w'), seeded.stranger))).toBe(CloseCode.unknownRoom)
    for (const name of [
      'w',
      'w/secret',
      'w/paper',
      'w/paper/p/notes',
      'w/paper/p/comments/x',
      'w/paper/a b',
    ]) {
      expect(await refusal(client(name, seeded.tokens.coordinator)), name).toBe(
        CloseCode.unknownRoom,
      )
    }
  })

  test('a revoked token is refused with 4403', async () => {
    const { client, seeded, file } = await setup()
    const revoked = await runCli(['revoke', '--data', file, '--member', seeded.memberIds.editor])
    expect(revoked.code).toBe(0)
    expect(await refusal(client(indexRoom('w'), seeded.tokens.editor))).toBe(CloseCode.revoked)
  })

  test('revoking a member in another process closes their open sockets at once, and only theirs', async () => {
    const { client, seeded, file } = await setup()
    const editorSockets = [
      client(indexRoom('w'), seeded.tokens.editor),
      client(paperRoom('w', 'p'), seeded.tokens.editor),
    ]
    const reviewer = client(paperRoom('w', 'p'), seeded.tokens.reviewer)
    await Promise.all([...editorSockets, reviewer].map((c) => c.synced()))
    const revoked = await runCli([
      'revoke',
      '--data',
      file,
      '--member',
      seeded.memberIds.editor,
      '--json',
    ])
    expect(JSON.parse(revoked.stdout)).toMatchObject({
      id: seeded.memberIds.editor,
      revokedAt: expect.any(Number),
    })
    for (const socket of editorSockets) expect(await refusal(socket)).toBe(CloseCode.revoked)
    expect(reviewer.provider.wsconnected).toBe(true)
  })

  test('the relay never writes a token to its log', async () => {
    const { client, seeded, relay } = await setup()
    const tokens = [...Object.values(seeded.tokens), seeded.stranger]
    const c = client(paperRoom('w', 'p'), seeded.tokens.editor)
    await c.synced()
    await refusal(client(paperRoom('w', 'p'), seeded.stranger))
    await refusal(client('w/elsewhere', seeded.tokens.reviewer))
    await relay.stop()
    open.relays.length = 0
    expect(relay.log()).toContain('"event":"connect"')
    for (const token of tokens) expect(relay.log()).not.toContain(token)
  })
})
