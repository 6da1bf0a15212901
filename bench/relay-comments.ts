// npm run bench -- relay-comments [--threads 1000] [--comments 300] [--hz 20] [--servers ...]
// What checking a reviewer's comments costs the relay (issue 10): a comments room holding
// --threads threads, a reviewer adding --comments more at --hz, and an observer. Our relay
// checks every comment against the rights module (before/after on its kept copy of the room);
// @y/websocket-server and Hocuspocus check nothing: they are the floor. Each server runs alone
// in its own process (bench/relay-server.ts); server CPU is over the commenting window only.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import { THREADS } from '../shared/model/comments.ts'
import { addThread, createAnchor, paperBody, type Author } from '../shared/model/index.ts'
import { commentsRoom } from '../shared/protocol/index.ts'
import {
  Child,
  SERVER_KINDS,
  SERVER_NAMES,
  WORKSPACE,
  type ServerKind,
  type ServerStats,
} from './relay-ipc.ts'
import type { Grant } from './relay-server.ts'
import { ms, printTable, quantile, ratio } from './table.ts'
import { connectYws, type YwsConnection } from './yws-client.ts'

type Connection = YwsConnection

function connect(kind: ServerKind, url: string, room: string, grant: Grant, doc: Y.Doc) {
  if (kind === 'hocuspocus') {
    const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket })
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: room,
      document: doc,
    })
    provider.attach()
    return {
      synced: new Promise<void>((resolve) => provider.on('synced', () => resolve())),
      destroy: () => (provider.destroy(), socket.destroy()),
    }
  }
  return connectYws(url, room, grant, doc)
}

const line = new Y.XmlText('Byene trenger forutsigbar finansiering')
paperBody(new Y.Doc()).insert(0, [line])
const anchor = createAnchor(line, 0, 5)
const authorOf = (grant: Grant): Author => ({
  memberId: grant.memberId,
  name: grant.name,
  organisation: grant.organisation,
})

/** Resolves once `doc` holds `count` threads. */
function threadsReach(doc: Y.Doc, count: number): Promise<void> {
  const threads = doc.getMap(THREADS)
  return new Promise((resolve) => {
    const check = () => {
      if (threads.size < count) return
      threads.unobserve(check)
      resolve()
    }
    threads.observe(check)
    check()
  })
}

type Row = {
  kind: ServerKind
  latencies: number[]
  cpuMicros: number
  seconds: number
}

async function run(kind: ServerKind, threads: number, comments: number, hz: number): Promise<Row> {
  const dir = mkdtempSync(join(tmpdir(), 'samstemt-bench-comments-'))
  const server = new Child('relay-server.ts', [kind, join(dir, 'relay.sqlite')])
  const connections: Connection[] = []
  try {
    const ready = await server.next()
    if (ready.type !== 'ready' || !ready.url) throw new Error('the server did not start')
    const url = ready.url
    const [editor, reviewer, observer] = await server.request<Grant[]>({
      type: 'members',
      roles: ['editor', 'reviewer', 'reviewer'],
    })
    if (!editor || !reviewer || !observer) throw new Error('no members')
    const room = commentsRoom(WORKSPACE, 'comments')
    const docs = { editor: new Y.Doc(), reviewer: new Y.Doc(), observer: new Y.Doc() }
    for (const [who, grant] of [
      ['editor', editor],
      ['reviewer', reviewer],
      ['observer', observer],
    ] as const) {
      connections.push(connect(kind, url, room, grant, docs[who]))
    }
    await Promise.all(connections.map((c) => c.synced))
    // The room's threads, as an editor would have added them over weeks (one per transaction).
    for (let i = 0; i < threads; i++) {
      addThread(docs.editor, {
        anchor,
        quote: 'Byene',
        author: authorOf(editor),
        text: `Innspill ${i}`,
      })
    }
    await Promise.all([threadsReach(docs.observer, threads), threadsReach(docs.reviewer, threads)])

    const sentAt = new Map<string, number>()
    const latencies: number[] = []
    docs.observer.getMap(THREADS).observe((event) => {
      const now = performance.now()
      for (const key of event.keysChanged) {
        const at = sentAt.get(key)
        if (at !== undefined) latencies.push(now - at)
      }
    })
    const before = await server.request<ServerStats>({ type: 'stats' })
    const started = performance.now()
    for (let i = 0; i < comments; i++) {
      const added = addThread(docs.reviewer, {
        anchor,
        quote: 'Byene',
        author: authorOf(reviewer),
        text: `Kommentar ${i}`,
      })
      if (added.ok) sentAt.set(added.value, performance.now())
      await new Promise((resolve) => setTimeout(resolve, 1000 / hz))
    }
    await threadsReach(docs.observer, threads + comments)
    const after = await server.request<ServerStats>({ type: 'stats' })
    return {
      kind,
      latencies: latencies.sort((a, b) => a - b),
      cpuMicros: after.cpuMicros - before.cpuMicros,
      seconds: (performance.now() - started) / 1000,
    }
  } finally {
    for (const c of connections) c.destroy()
    await server.request({ type: 'close' }).catch(() => undefined)
    await server.exited()
    rmSync(dir, { recursive: true, force: true })
  }
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      threads: { type: 'string', default: '1000' },
      comments: { type: 'string', default: '300' },
      hz: { type: 'string', default: '20' },
      servers: { type: 'string', default: SERVER_KINDS.join(',') },
    },
  })
  const threads = Number(values.threads)
  const comments = Number(values.comments)
  const hz = Number(values.hz)
  const servers = values.servers.split(',') as ServerKind[]
  console.log(
    `Relay comments benchmark: a reviewer adds ${comments} comments at ${hz} Hz to a room of ${threads} threads.`,
  )
  const rows: Row[] = []
  for (const kind of servers) rows.push(await run(kind, threads, comments, hz))
  const floor = rows.find((row) => row.kind === 'yws')
  const perComment = (row: Row) => row.cpuMicros / comments
  printTable(
    `Relay 5: a reviewer commenting in a room of ${threads} threads (${comments} comments at ${hz} Hz)`,
    rows.map((row) => ({
      server: SERVER_NAMES[row.kind],
      delivered: row.latencies.length,
      p50: ms(quantile(row.latencies, 0.5)),
      p99: ms(quantile(row.latencies, 0.99)),
      'server CPU per comment': `${(perComment(row) / 1000).toFixed(2)} ms`,
      'vs @y/websocket-server': floor ? ratio(perComment(row) / perComment(floor)) : 'n/a',
    })),
  )
}
