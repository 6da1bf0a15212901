import { randomBytes } from 'node:crypto'
import { open, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/** The file operations an export needs; tests replace them to play a full or read-only disk. */
export type ExportFiles = {
  /** Creates `path` (it must not exist), writes `bytes` and syncs them to disk. */
  create(path: string, bytes: Uint8Array, mode: number): Promise<void>
  rename(from: string, to: string): Promise<void>
  remove(path: string): Promise<void>
  /** The mode of an existing file, or null when there is none. */
  modeOf(path: string): Promise<number | null>
}

export const nodeFiles: ExportFiles = {
  async create(path, bytes, mode) {
    const handle = await open(path, 'wx', mode)
    try {
      await handle.writeFile(bytes)
      await handle.sync()
    } finally {
      await handle.close()
    }
  },
  rename,
  remove: (path) => rm(path, { force: true }),
  async modeOf(path) {
    try {
      return (await stat(path)).mode & 0o777
    } catch {
      return null
    }
  },
}

/**
 * Writes `bytes` to `path` so that it holds either its old content or the whole export, never
 * a part: a temp file in the same folder (so the rename stays on one file system) is written
 * and synced, then renamed over `path`. On failure the temp file is removed and `path` is left
 * as it was. A file being replaced keeps its permissions.
 */
export async function writeAtomically(
  path: string,
  bytes: Uint8Array,
  files: ExportFiles = nodeFiles,
): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  const mode = (await files.modeOf(path)) ?? 0o644
  try {
    await files.create(temp, bytes, mode)
    await files.rename(temp, path)
  } catch (error) {
    // The temp file may hold part of the export; removing it is all the cleaning up there is.
    await files.remove(temp).catch(() => undefined)
    throw error
  }
}
