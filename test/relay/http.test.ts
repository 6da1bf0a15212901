import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, onTestFinished, test } from 'vitest'
import { WebSocket } from 'ws'
import { indexRoom } from '../../shared/protocol/index.ts'
import { startMetricsServer } from '../../server/metrics-server.ts'
import { startRelay, type RunningRelay } from '../../server/start-relay.ts'
import { useTempDir } from '../helpers/temp-dir.ts'
import { connectClient, type Client } from './helpers/clients.ts'
import { seedWorkspace } from './helpers/members.ts'
import { waitFor, within } from './helpers/wait.ts'

const tempDir = useTempDir('samstemt-relay-http-')
const open: { clients: Client[]; relays: RunningRelay[] } = { clients: [], relays: [] }

afterEach(async () => {
  for (const client of open.clients.splice(0)) client.destroy()
  await Promise.all(open.relays.splice(0).map((relay) => relay.close()))
})

const httpUrl = (relay: RunningRelay, path: string) => `${relay.url.replace(/^ws/, 'http')}${path}`

describe('GET /invite, asked by the app before joining', () => {
  test('a valid token learns its own workspace and member, and nothing else', async () => {
    const file = join(tempDir(), 'relay.sqlite')
    const { tokens, memberIds } = await seedWorkspace(file)
    const relay = await startRelay({ data: file, port: 0, log: false })
    open.relays.push(relay)
    const response = await fetch(httpUrl(relay, '/invite'), {
      headers: { authorization: `Bearer ${tokens.reviewer}` },
    })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      workspace: { id: 'w', name: 'Norske smarte byer' },
      member: { id: memberIds.reviewer, name: 'A reviewer', organisation: 'UiS', role: 'reviewer' },
    })
  })

  test('an unknown or missing token gets 401, a revoked one 403', async () => {
    const file = join(tempDir(), 'relay.sqlite')
    const { tokens, memberIds } = await seedWorkspace(file)
    const relay = await startRelay({ data: file, port: 0, log: false })
    open.relays.push(relay)
    const ask = (authorization?: string) =>
      fetch(httpUrl(relay, '/invite'), { headers: authorization ? { authorization } : {} })
    expect((await ask()).status).toBe(401)
    expect((await ask(`Bearer ${'x'.repeat(43)}`)).status).toBe(401)
    relay.members.revoke(memberIds.editor)
    const revoked = await ask(`Bearer ${tokens.editor}`)
    expect(revoked.status).toBe(403)
    expect(await revoked.json()).toMatchObject({ error: 'revoked' })
  })
})

describe('health and metrics over HTTP', () => {
  test('GET /healthz reports rooms, connections and uptime as JSON', async () => {
    const file = join(tempDir(), 'relay.sqlite')
    const { tokens } = await seedWorkspace(file)
    const relay = await startRelay({ data: file, port: 0, log: false })
    open.relays.push(relay)
    const client = connectClient(relay.url, indexRoom('w'), tokens.editor)
    open.clients.push(client)
    await client.synced()
    const response = await fetch(httpUrl(relay, '/healthz'))
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      ok: true,
      rooms: 1,
      connections: 1,
      uptime: expect.any(Number),
    })
  })

  test('GET /metrics counts connections, rooms, updates, bytes and commit latency in Prometheus text', async () => {
    const file = join(tempDir(), 'relay.sqlite')
    const { tokens } = await seedWorkspace(file)
    const relay = await startRelay({ data: file, port: 0, log: false })
    open.relays.push(relay)
    const metrics = await startMetricsServer(relay.relay, {
      host: '127.0.0.1',
      port: 0,
      startedAt: Date.now(),
    })
    onTestFinished(() => metrics.close())
    const client = connectClient(relay.url, indexRoom('w'), tokens.editor, { durable: true })
    open.clients.push(client)
    await client.synced()
    client.doc.getMap('papers').set('p1', 'Byene trenger forutsigbar finansiering')
    await waitFor(() => client.committed() !== null && client.committed()!.size > 0, 'the commit')
    const text = await (await fetch(`http://127.0.0.1:${metrics.port}/metrics`)).text()
    const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1])
    expect(value('samstemt_connections')).toBe(1)
    expect(value('samstemt_rooms')).toBe(1)
    expect(value('samstemt_updates_total')).toBeGreaterThanOrEqual(1)
    expect(value('samstemt_update_bytes_total')).toBeGreaterThan(30)
    expect(value('samstemt_commit_seconds_count')).toBeGreaterThanOrEqual(1)
    expect(text).toContain('# TYPE samstemt_commit_seconds histogram')
  })

  test('the public port does not answer /metrics: who is connected is for the operator only', async () => {
    const relay = await startRelay({ data: join(tempDir(), 'relay.sqlite'), port: 0, log: false })
    open.relays.push(relay)
    const response = await fetch(httpUrl(relay, '/metrics'))
    expect(response.status).toBe(404)
    expect(await response.text()).not.toContain('samstemt_')
  })

  test('a plain HTTP request to a room is told to use WebSocket', async () => {
    const relay = await startRelay({ data: join(tempDir(), 'relay.sqlite'), port: 0, log: false })
    open.relays.push(relay)
    expect((await fetch(httpUrl(relay, '/w/index'))).status).toBe(426)
  })

  test('with --tls-cert and --tls-key the relay speaks wss:// itself', async () => {
    const dir = tempDir()
    const [cert, key] = [join(dir, 'cert.pem'), join(dir, 'key.pem')]
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
      ],
      { stdio: 'ignore' },
    )
    const file = join(dir, 'relay.sqlite')
    const { tokens } = await seedWorkspace(file)
    const relay = await startRelay({
      data: file,
      port: 0,
      log: false,
      tls: { cert: readFileSync(cert), key: readFileSync(key) },
    })
    open.relays.push(relay)
    expect(relay.url).toMatch(/^wss:\/\/127\.0\.0\.1:\d+$/)
    const ws = new WebSocket(`${relay.url}/${indexRoom('w')}?token=${tokens.editor}`, {
      rejectUnauthorized: false,
    })
    const greeting = await within(
      new Promise<Buffer>((resolve) => ws.once('message', resolve)),
      'the greeting over TLS',
    )
    expect([...greeting.subarray(0, 2)]).toEqual([0, 0])
    ws.close()
  })
})
