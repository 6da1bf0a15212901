import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import * as prng from 'lib0/prng'
import { expect, test } from 'vitest'
import { UpdateStore } from '../../shared/store/index.ts'
import { useTempDir } from '../helpers/temp-dir.ts'

const tempDir = useTempDir('samstemt-crash-')
const writerScript = join(import.meta.dirname, '../helpers/store-writer.ts')
const ROUNDS = 25

/** Runs the writer until it has acknowledged `killAfter` appends, then SIGKILLs it. */
function runAndKill(file: string, prefix: string, killAfter: number, compactEvery: number) {
  return new Promise<number[]>((resolve, reject) => {
    const child = spawn(process.execPath, [writerScript, file, prefix, String(compactEvery)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const acked: number[] = []
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith('ack ')) return
      acked.push(Number(line.slice(4)))
      if (acked.length === killAfter) child.kill('SIGKILL')
    })
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(acked)
      else reject(new Error(`writer exited with ${code}: ${stderr}`))
    })
  })
}

test(`every acknowledged update survives SIGKILL at a random moment (${ROUNDS} rounds)`, async () => {
  const seed = Number(process.env.SAMSTEMT_SEED ?? Date.now() % 100_000)
  const gen = prng.create(seed)
  const file = join(tempDir(), 'crash.sqlite')
  const expected: string[] = []
  for (let round = 0; round < ROUNDS; round++) {
    const killAfter = prng.int32(gen, 1, 3000)
    const compactEvery = prng.oneOf(gen, [0, 200, 1000])
    const acked = await runAndKill(file, `r${round}`, killAfter, compactEvery)
    expected.push(...acked.map((n) => `r${round}-${n}`))

    const store = UpdateStore.open(file)
    const keys = store.load('crash/doc').getMap('keys')
    const missing = expected.filter((key) => !keys.has(key))
    expect(store.recovery, `seed ${seed}`).toBeNull()
    expect(missing, `seed ${seed}, round ${round}: acknowledged but lost`).toEqual([])
    await store.close()
  }
}, 120_000)
