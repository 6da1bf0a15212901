import {
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs'
import { randomBytes } from 'node:crypto'
import { dirname } from 'node:path'

/** What reading a JSON file found; a damaged file is moved aside, never overwritten. */
export type JsonRead =
  { status: 'missing' } | { status: 'ok'; value: unknown } | { status: 'damaged'; movedTo: string }

export function readJsonFile(file: string, now: () => number = Date.now): JsonRead {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return { status: 'missing' }
    throw error
  }
  try {
    return { status: 'ok', value: JSON.parse(text) as unknown }
  } catch {
    const movedTo = `${file}.damaged-${now()}`
    renameSync(file, movedTo)
    return { status: 'damaged', movedTo }
  }
}

/**
 * Writes `value` so that the file holds either the old or the new content after a crash or a
 * power cut: a temp file beside it is written and synced, then renamed over it.
 */
export function writeJsonFileAtomic(file: string, value: unknown): void {
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`
  try {
    const fd = openSync(temp, 'w', 0o600)
    try {
      writeSync(fd, JSON.stringify(value, null, 2) + '\n')
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(temp, file)
  } catch (error) {
    rmSync(temp, { force: true })
    throw error
  }
  syncDirectory(dirname(file))
}

function syncDirectory(dir: string): void {
  // Makes the rename itself durable; Windows cannot open a directory, and needs no such step.
  if (process.platform === 'win32') return
  const fd = openSync(dir, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}
