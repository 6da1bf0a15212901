import { describe, expect, test } from 'vitest'
import { UpdateBatcher, type BatcherState } from './update-batcher.ts'

const bytes = (n: number) => new Uint8Array([n])

function setup(fail: () => boolean = () => false) {
  const tasks: (() => void)[] = []
  const stored: number[][] = []
  const states: BatcherState[] = []
  let release: (() => void)[] = []
  const batcher = new UpdateBatcher({
    schedule: (task) => tasks.push(task),
    retryMs: 0,
    onChange: (state) => states.push(state),
    append: (updates) =>
      new Promise<void>((resolve, reject) => {
        release.push(() => {
          if (fail()) return reject(new Error('disk full'))
          stored.push(updates.map((u) => u[0] ?? -1))
          resolve()
        })
      }),
  })
  const runFrame = () => tasks.splice(0).forEach((task) => task())
  const storeAll = async () => {
    const pending = release
    release = []
    pending.forEach((go) => go())
    await new Promise((resolve) => setTimeout(resolve, 0))
  }
  return { batcher, stored, states, runFrame, storeAll }
}

describe('the update batcher', () => {
  test('updates of one frame go to the store as one batch', async () => {
    const { batcher, stored, runFrame, storeAll } = setup()
    batcher.add(bytes(1))
    batcher.add(bytes(2))
    batcher.add(bytes(3))
    expect(batcher.storing).toBe(3)
    runFrame()
    await storeAll()
    expect(stored).toEqual([[1, 2, 3]])
    expect(batcher.storing).toBe(0)
  })

  test('a batch waits for the one before it, so the store receives updates in order', async () => {
    const { batcher, stored, runFrame, storeAll } = setup()
    batcher.add(bytes(1))
    runFrame()
    batcher.add(bytes(2))
    batcher.add(bytes(3))
    runFrame()
    expect(stored).toEqual([])
    await storeAll()
    runFrame()
    await storeAll()
    expect(stored).toEqual([[1], [2, 3]])
  })

  test('updates the store refused are kept, reported, and retried first', async () => {
    let failing = true
    const { batcher, stored, states, runFrame, storeAll } = setup(() => failing)
    batcher.add(bytes(1))
    runFrame()
    await storeAll()
    expect(batcher.storing).toBe(1)
    expect(states.at(-1)?.error).toBeInstanceOf(Error)
    batcher.add(bytes(2))
    failing = false
    await new Promise((resolve) => setTimeout(resolve, 5))
    await storeAll()
    expect(stored).toEqual([[1, 2]])
    expect(states.at(-1)).toEqual({ storing: 0, error: null })
  })

  test('flush resolves once everything added so far is stored', async () => {
    const { batcher, stored, storeAll } = setup()
    batcher.add(bytes(7))
    let flushed = false
    const done = batcher.flush().then(() => (flushed = true))
    await storeAll()
    await done
    expect(flushed).toBe(true)
    expect(stored).toEqual([[7]])
  })
})
