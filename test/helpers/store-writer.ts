// Child process for the crash test: appends numbered updates as fast as it can and prints
// "ack <n>" for each one the store acknowledged. The parent kills it with SIGKILL at random.
import * as Y from 'yjs'
import { UpdateStore } from '../../shared/store/index.ts'

const [file, prefix, compactEvery] = process.argv.slice(2) as [string, string, string]
const store = UpdateStore.open(file, { compactionChunk: 50 })
const doc = new Y.Doc()
const keys = doc.getMap<number>('keys')
let sent = 0

function appendNext(): void {
  const n = sent++
  doc.transact(() => keys.set(`${prefix}-${n}`, n))
}

doc.on('update', (update: Uint8Array) => {
  const n = sent - 1
  store.append('crash/doc', update).then(
    () => process.stdout.write(`ack ${n}\n`),
    (error: unknown) => {
      process.stderr.write(`append failed: ${String(error)}\n`)
      process.exit(1)
    },
  )
})

process.stdout.write('ready\n')
const every = Number(compactEvery)
setInterval(() => {
  for (let i = 0; i < 20; i++) appendNext()
  if (every > 0 && sent % every < 20) void store.compact('crash/doc')
}, 0)
