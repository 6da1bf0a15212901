import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { parseInviteLink } from '../../shared/protocol/index.ts'
import { useTempDir } from '../helpers/temp-dir.ts'
import { runCli, runCliJson } from './helpers/cli.ts'

const tempDir = useTempDir('samstemt-relay-cli-')

type Invited = {
  member: { id: string; role: string; workspace: string }
  token: string
  link: string
}

describe('samstemt-relay', () => {
  test('creates a workspace, invites members, lists them and revokes one', async () => {
    const data = join(tempDir(), 'relay.sqlite')
    const workspace = await runCliJson<{ id: string; name: string }>([
      'workspace',
      'create',
      '--data',
      data,
      '--name',
      'Norwegian smart cities',
    ])
    expect(workspace.name).toBe('Norwegian smart cities')
    expect(await runCliJson(['workspace', 'list', '--data', data])).toEqual([
      expect.objectContaining(workspace),
    ])

    const invited = await runCliJson<Invited>([
      'invite',
      '--data',
      data,
      '--workspace',
      workspace.id,
      '--name',
      'Kari Nordmann',
      '--org',
      'UiS',
      '--role',
      'reviewer',
      '--url',
      'wss://relay.example.org',
    ])
    expect(invited.member).toMatchObject({ role: 'reviewer', workspace: workspace.id })
    expect(invited.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(parseInviteLink(invited.link)).toEqual({
      relay: 'wss://relay.example.org',
      workspace: workspace.id,
      token: invited.token,
      name: 'Kari Nordmann',
    })
    // Only the hash is kept: the token appears nowhere in the database file.
    expect(readFileSync(data).includes(invited.token)).toBe(false)

    const revoked = await runCli(['revoke', '--data', data, '--member', invited.member.id])
    expect(revoked.code).toBe(0)
    const members = await runCliJson<{ id: string; status: string }[]>([
      'members',
      '--data',
      data,
      '--workspace',
      workspace.id,
    ])
    expect(members).toEqual([expect.objectContaining({ id: invited.member.id, status: 'revoked' })])
  })

  test('reads the database path from SAMSTEMT_RELAY_DATA and prints plain text without --json', async () => {
    const data = join(tempDir(), 'relay.sqlite')
    const created = await runCli(
      ['workspace', 'create', '--name', 'EUROCITIES', '--id', 'eurocities'],
      { SAMSTEMT_RELAY_DATA: data },
    )
    expect(created).toMatchObject({
      code: 0,
      stdout: 'Created workspace "EUROCITIES": eurocities\n',
    })
  })

  test.each([
    [['frobnicate'], /Unknown command "frobnicate"/],
    [['workspace', 'create', '--data', 'x.sqlite'], /Missing --name/],
    [
      [
        'invite',
        '--data',
        'x.sqlite',
        '--workspace',
        'w',
        '--name',
        'K',
        '--org',
        'O',
        '--role',
        'boss',
        '--url',
        'wss://r',
      ],
      /--role must be one of coordinator, editor, reviewer/,
    ],
    [['serve', '--data', 'x.sqlite', '--port', 'eighty'], /--port must be a whole number/],
    [
      ['serve', '--data', 'x.sqlite', '--tls-cert', 'c.pem'],
      /--tls-cert and --tls-key go together/,
    ],
    [['members', '--data', 'x.sqlite', '--wrokspace', 'w'], /Unknown option '--wrokspace'/],
  ])('bad arguments %j exit 2 with a clear message', async (args, message) => {
    const result = await runCli(args)
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(message)
  })

  test('a request the data cannot satisfy exits 1; with --json the error is JSON', async () => {
    const data = join(tempDir(), 'relay.sqlite')
    expect((await runCli(['members', '--data', data, '--workspace', 'w'])).stderr).toMatch(
      /no relay database/,
    )
    await runCliJson(['workspace', 'create', '--data', data, '--name', 'W', '--id', 'w'])
    const result = await runCli(['revoke', '--data', data, '--member', 'nobody', '--json'])
    expect(result.code).toBe(1)
    expect(JSON.parse(result.stdout)).toEqual({
      error: 'There is no member nobody.',
      kind: 'failed',
    })
  })

  test('serve prints the address it listens on', async () => {
    const data = join(tempDir(), 'relay.sqlite')
    const child = spawn(process.execPath, [
      join(import.meta.dirname, '../../server/cli.ts'),
      'serve',
      '--data',
      data,
      '--port',
      '0',
      '--quiet',
    ])
    const line = await new Promise<string>((resolve) =>
      child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString())),
    )
    expect(line).toMatch(/^Samstemt relay listening on ws:\/\/127\.0\.0\.1:\d+\n$/)
    const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)))
    child.kill('SIGINT')
    expect(await exited).toBe(0)
  })

  test('compact folds the logs of every room', async () => {
    const data = join(tempDir(), 'relay.sqlite')
    await runCliJson(['workspace', 'create', '--data', data, '--name', 'W', '--id', 'w'])
    expect(await runCliJson(['compact', '--data', data])).toEqual([])
  })
})
