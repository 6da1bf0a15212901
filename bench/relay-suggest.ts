// npm run bench -- relay-suggest [--paragraphs 200] [--keys 300] [--hz 20]
// What refereeing suggestions costs the relay per keystroke (issue 13): a paper of --paragraphs
// paragraphs; a member types --keys characters at --hz into one of them while an observer
// watches. Our relay with an editor typing plain text (checked for authorship only), with a
// reviewer typing suggestions (each keystroke checked: the touched paragraph with the reviewer's
// suggestions rejected must be what it was), and @y/websocket-server with the same reviewer
// keystrokes (it checks nothing: the floor). Each server runs alone in its own process
// (bench/relay-server.ts); server CPU is over the typing window only.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import * as Y from 'yjs'
import { paperBody, SUGGEST_INSERT } from '../shared/model/index.ts'
import { Child, SERVER_NAMES, WORKSPACE, type ServerKind, type ServerStats } from './relay-ipc.ts'
import type { Grant } from './relay-server.ts'
import { ms, printTable, quantile, ratio } from './table.ts'
import { connectYws } from './yws-client.ts'

type Scenario = { kind: ServerKind; typist: 'editor' | 'reviewer'; name: string }

const SCENARIOS: Scenario[] = [
  { kind: 'samstemt', typist: 'editor', name: `${SERVER_NAMES.samstemt}, an editor typing` },
  {
    kind: 'samstemt',
    typist: 'reviewer',
    name: `${SERVER_NAMES.samstemt}, a reviewer suggesting`,
  },
  { kind: 'yws', typist: 'reviewer', name: `${SERVER_NAMES.yws}, the same suggestions` },
]

const SENTENCE =
  'Byene trenger forutsigbar finansiering for å kunne planlegge omstillingen over flere år, '

const connect = connectYws

/** The text of the paragraph being typed into, as `doc` has it. */
const target = (doc: Y.Doc) => {
  const paragraph = paperBody(doc).get(0)
  return paragraph instanceof Y.XmlElement ? (paragraph.get(0) as Y.XmlText) : null
}

function reaches(doc: Y.Doc, length: number): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if ((target(doc)?.length ?? 0) < length) return
      doc.off('update', check)
      resolve()
    }
    doc.on('update', check)
    check()
  })
}

type Row = { scenario: Scenario; latencies: number[]; cpuMicros: number }

async function run(scenario: Scenario, paragraphs: number, keys: number, hz: number) {
  const dir = mkdtempSync(join(tmpdir(), 'samstemt-bench-suggest-'))
  const server = new Child('relay-server.ts', [scenario.kind, join(dir, 'relay.sqlite')])
  const connections: { destroy(): void; synced: Promise<void> }[] = []
  try {
    const ready = await server.next()
    if (ready.type !== 'ready' || !ready.url) throw new Error('the server did not start')
    const [editor, typist, observer] = await server.request<Grant[]>({
      type: 'members',
      roles: ['editor', scenario.typist, 'reviewer'],
    })
    if (!editor || !typist || !observer) throw new Error('no members')
    const room = `${WORKSPACE}/paper/suggest`
    const docs = { editor: new Y.Doc(), typist: new Y.Doc(), observer: new Y.Doc() }
    connections.push(connect(ready.url, room, editor, docs.editor))
    await connections[0]!.synced
    // The paper, as its editor wrote it.
    docs.editor.transact(() => {
      const body = paperBody(docs.editor)
      for (let i = 0; i < paragraphs; i++) {
        const paragraph = new Y.XmlElement('paragraph')
        paragraph.insert(0, [new Y.XmlText(SENTENCE.repeat(3))])
        body.insert(body.length, [paragraph])
      }
    })
    connections.push(connect(ready.url, room, typist, docs.typist))
    connections.push(connect(ready.url, room, observer, docs.observer))
    await Promise.all(connections.map((c) => c.synced))
    const start = SENTENCE.length * 3
    await Promise.all([reaches(docs.typist, start), reaches(docs.observer, start)])

    const latencies: number[] = []
    const sentAt: number[] = []
    docs.observer.on('update', () => {
      const length = target(docs.observer)?.length ?? 0
      const at = sentAt[length - start - 1]
      if (at !== undefined && latencies.length < length - start)
        latencies.push(performance.now() - at)
    })
    const author = {
      id: 'bench-suggestion',
      memberId: typist.memberId,
      name: typist.name,
      organisation: typist.organisation,
      at: Date.now(),
    }
    const before = await server.request<ServerStats>({ type: 'stats' })
    for (let k = 0; k < keys; k++) {
      const text = target(docs.typist)
      if (text === null) throw new Error('no paragraph to type into')
      const letter = 'abcdefghijklmnopqrstuvwxyz '[k % 27] ?? 'x'
      sentAt.push(performance.now())
      // As y-tiptap writes a typed character: plain, or marked as this member's suggestion.
      if (scenario.typist === 'reviewer') {
        text.insert(start + k, letter, { [SUGGEST_INSERT]: author })
      } else {
        text.insert(start + k, letter)
      }
      await new Promise((resolve) => setTimeout(resolve, 1000 / hz))
    }
    await reaches(docs.observer, start + keys)
    const after = await server.request<ServerStats>({ type: 'stats' })
    return {
      scenario,
      latencies: latencies.sort((a, b) => a - b),
      cpuMicros: after.cpuMicros - before.cpuMicros,
    } satisfies Row
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
      paragraphs: { type: 'string', default: '200' },
      keys: { type: 'string', default: '300' },
      hz: { type: 'string', default: '20' },
    },
  })
  const paragraphs = Number(values.paragraphs)
  const keys = Number(values.keys)
  const hz = Number(values.hz)
  console.log(
    `Relay suggestions benchmark: ${keys} keystrokes at ${hz} Hz into a paper of ${paragraphs} paragraphs.`,
  )
  const rows: Row[] = []
  for (const scenario of SCENARIOS) rows.push(await run(scenario, paragraphs, keys, hz))
  const perKey = (row: Row) => row.cpuMicros / keys
  const editing = rows[0]!
  const floor = rows[2]!
  printTable(
    `Relay: refereeing suggestions, per keystroke (${keys} at ${hz} Hz, ${paragraphs} paragraphs)`,
    rows.map((row) => ({
      scenario: row.scenario.name,
      delivered: row.latencies.length,
      p50: ms(quantile(row.latencies, 0.5)),
      p99: ms(quantile(row.latencies, 0.99)),
      'server CPU per keystroke': `${(perKey(row) / 1000).toFixed(3)} ms`,
      'vs editor typing': ratio(perKey(row) / perKey(editing)),
      'vs @y/websocket-server': ratio(perKey(row) / perKey(floor)),
    })),
  )
}
