import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { paperRoom } from '../../shared/protocol/index.ts'
import { startRelay, type RunningRelay } from '../../server/start-relay.ts'
import { useTempDir } from '../helpers/temp-dir.ts'
import { connectClient, type Client } from './helpers/clients.ts'
import { seedWorkspace } from './helpers/members.ts'
import { waitFor } from './helpers/wait.ts'

const tempDir = useTempDir('samstemt-relay-life-')
const open: { clients: Client[]; relays: RunningRelay[] } = { clients: [], relays: [] }

afterEach(async () => {
  for (const client of open.clients.splice(0)) client.destroy()
  await Promise.all(open.relays.splice(0).map((relay) => relay.close()))
})

describe('rooms in memory and on disk', () => {
  test('a long log is compacted in the background, and an idle room leaves memory and comes back whole', async () => {
    const file = join(tempDir(), 'relay.sqlite')
    const { tokens } = await seedWorkspace(file)
    const running = await startRelay({
      data: file,
      port: 0,
      log: false,
      limits: { compactAfter: 40, idleUnloadMs: 10 },
    })
    open.relays.push(running)
    const room = paperRoom('w', 'p')
    const editor = connectClient(running.url, room, tokens.editor, { durable: true })
    open.clients.push(editor)
    await editor.synced()
    const text = editor.doc.getText('body')
    for (let i = 0; i < 100; i++) {
      text.insert(text.length, `${i} `)
      // One update per event-loop turn, so the log really grows by one per edit.
      await new Promise((resolve) => setImmediate(resolve))
    }
    await waitFor(() => {
      const info = running.store.listDocs().find((d) => d.name === room)
      return info !== undefined && info.snapshotBytes > 0 && info.updates < 40
    }, 'the log to be compacted')
    expect(running.store.audit(room).length).toBeGreaterThanOrEqual(100)

    editor.destroy()
    await waitFor(() => running.relay.roomCount === 0, 'the idle room to be unloaded')
    const reader = connectClient(running.url, room, tokens.reviewer)
    open.clients.push(reader)
    await reader.synced()
    expect(reader.doc.getText('body').toString()).toBe(text.toString())
    expect(running.relay.roomCount).toBe(1)
  })
})
