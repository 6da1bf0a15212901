import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { addThread, createAnchor, paperBody, readThreads } from '../../shared/model/index.ts'
import { commentsRoom, indexRoom, paperRoom } from '../../shared/protocol/index.ts'
import { useTempDir } from '../helpers/temp-dir.ts'
import { connectClient, converged, type Client } from './helpers/clients.ts'
import { seedWorkspace } from './helpers/members.ts'
import { spawnRelay, type RelayProcess } from './helpers/relay-process.ts'
import { waitFor } from './helpers/wait.ts'

const tempDir = useTempDir('samstemt-relay-sync-')
const open: { clients: Client[]; relays: RelayProcess[] } = { clients: [], relays: [] }

afterEach(async () => {
  for (const client of open.clients.splice(0)) client.destroy()
  await Promise.all(open.relays.splice(0).map((relay) => relay.stop()))
})

async function relayOn(file: string) {
  const relay = await spawnRelay(file)
  open.relays.push(relay)
  return relay
}

function client(...args: Parameters<typeof connectClient>): Client {
  const c = connectClient(...args)
  open.clients.push(c)
  return c
}

describe('sync through the relay', () => {
  test('stock y-websocket clients converge in the index, a paper and its comments', async () => {
    const file = join(tempDir(), 'relay.sqlite')
    const { workspace, tokens, memberIds } = await seedWorkspace(file)
    const relay = await relayOn(file)
    const rooms = [indexRoom(workspace), paperRoom(workspace, 'p1'), commentsRoom(workspace, 'p1')]
    for (const room of rooms) {
      const writers = [
        client(relay.url, room, tokens.coordinator),
        client(relay.url, room, tokens.editor),
      ]
      const reader = client(relay.url, room, tokens.reviewer)
      await Promise.all([...writers, reader].map((c) => c.synced()))
      const comments = room === commentsRoom(workspace, 'p1')
      writers.forEach((w, i) => {
        if (comments) {
          // The comments room holds threads only, each under its author's own name.
          const role = i === 0 ? 'coordinator' : 'editor'
          const line = new Y.XmlText('Byene trenger forutsigbar finansiering')
          paperBody(new Y.Doc()).insert(0, [line])
          addThread(w.doc, {
            anchor: createAnchor(line, 0, 5),
            quote: 'Byene',
            author: { memberId: memberIds[role], name: `A ${role}`, organisation: 'UiS' },
            text: `Kommentar ${i}`,
          })
          return
        }
        w.doc.getMap('meta').set(`from-${i}`, room)
        const body = w.doc.getXmlFragment('body')
        body.insert(0, [new Y.XmlText(`Byene trenger ${i}`)])
      })
      await converged([...writers, reader], `${room} to converge`)
      if (comments) {
        expect(
          readThreads(reader.doc)
            .value.map((t) => t.text)
            .sort(),
        ).toEqual(['Kommentar 0', 'Kommentar 1'])
        continue
      }
      expect(reader.doc.getMap('meta').toJSON()).toEqual({ 'from-0': room, 'from-1': room })
      expect(reader.doc.getXmlFragment('body').length).toBe(2)
    }
  })

  test('a late joiner gets the full state from the database after the relay restarts', async () => {
    const file = join(tempDir(), 'relay.sqlite')
    const { workspace, tokens } = await seedWorkspace(file)
    const room = paperRoom(workspace, 'p2')
    let relay = await relayOn(file)
    const writer = client(relay.url, room, tokens.editor, { durable: true })
    await writer.synced()
    const text = writer.doc.getText('body')
    for (let i = 0; i < 50; i++) text.insert(text.length, `${i} `)
    await waitFor(
      () =>
        (writer.committed()?.get(writer.doc.clientID) ?? 0) >=
        Y.getState(writer.doc.store, writer.doc.clientID),
      'the edits to be committed',
    )
    writer.destroy()
    await relay.stop()
    open.relays.length = 0

    relay = await relayOn(file)
    const late = client(relay.url, room, tokens.reviewer)
    await late.synced()
    expect(late.doc.getText('body').toString()).toBe(text.toString())
  })

  test('awareness reaches every member of the room, reviewers included', async () => {
    const file = join(tempDir(), 'relay.sqlite')
    const { workspace, tokens } = await seedWorkspace(file)
    const relay = await relayOn(file)
    const room = paperRoom(workspace, 'p3')
    const editor = client(relay.url, room, tokens.editor)
    const reviewer = client(relay.url, room, tokens.reviewer)
    await Promise.all([editor.synced(), reviewer.synced()])
    // Whatever name a client gives itself, others see the member's name from the relay.
    reviewer.provider.awareness.setLocalStateField('user', { name: 'Kari', organisation: 'UiS' })
    editor.provider.awareness.setLocalStateField('user', { name: 'Ola', organisation: 'NTNU' })
    const seenBy = (c: Client, name: string) => () =>
      [...c.provider.awareness.getStates().values()].some(
        (s) => (s.user as { name?: string } | undefined)?.name === name,
      )
    await waitFor(seenBy(editor, 'A reviewer'), 'the editor to see the reviewer')
    await waitFor(seenBy(reviewer, 'A editor'), 'the reviewer to see the editor')
    reviewer.destroy()
    await waitFor(() => !seenBy(editor, 'A reviewer')(), 'the reviewer to leave')
  })
})
