import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { build } from 'vite'

const ROOT = join(import.meta.dirname, '../..')
/** Where `npm run preview` builds: one folder per running preview, `<pid>-<time>`. */
export const PREVIEW_BUILDS = join(ROOT, 'out/preview')

/**
 * Builds the renderer as `npm run build` does (the same root, plugins and single Yjs copy) into
 * `outDir`, for the preview and the end-to-end tests.
 */
export async function buildRenderer(outDir: string): Promise<string> {
  await build({
    root: join(ROOT, 'renderer'),
    configFile: false,
    logLevel: 'warn',
    // One Yjs copy in the whole build: two copies break instanceof checks and corrupt docs.
    resolve: { alias: { yjs: fileURLToPath(import.meta.resolve('yjs')) } },
    plugins: [react()],
    // A desktop app loads its chunks from disk: their size is no download to warn about.
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 8192 },
  })
  return outDir
}

/**
 * A build of this preview's own, so that starting another preview (which builds too) never
 * replaces the files this one serves. Builds left by previews that are gone are removed first.
 */
export async function buildOwnRenderer(): Promise<{ dir: string; remove: () => void }> {
  removeAbandonedBuilds()
  const dir = join(PREVIEW_BUILDS, `${process.pid}-${Date.now()}`)
  mkdirSync(dir, { recursive: true })
  const remove = () => rmSync(dir, { recursive: true, force: true })
  try {
    await buildRenderer(dir)
  } catch (error) {
    remove()
    throw error
  }
  return { dir, remove }
}

function removeAbandonedBuilds(): void {
  if (!existsSync(PREVIEW_BUILDS)) return
  for (const name of readdirSync(PREVIEW_BUILDS)) {
    const pid = Number(/^(\d+)-\d+$/.exec(name)?.[1])
    if (Number.isInteger(pid) && pid !== process.pid && !isRunning(pid))
      rmSync(join(PREVIEW_BUILDS, name), { recursive: true, force: true })
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but is another user's.
    return (error as { code?: string }).code === 'EPERM'
  }
}
