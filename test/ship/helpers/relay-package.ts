import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
export const ROOT = join(import.meta.dirname, '../../..')

/** The environment the relay's tests run commands in: this Node first on PATH. */
export function shipEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: [dirname(process.execPath), process.env.PATH ?? ''].join(delimiter),
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    ...extra,
  }
}

/** Runs npm with `args` in `cwd`; rejects with npm's output when it fails. */
export async function npm(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = shipEnv(),
): Promise<string> {
  try {
    // npm's shebang runs the first node on PATH: shipEnv puts this one there.
    const { stdout } = await run('npm', args, {
      cwd,
      env,
      shell: process.platform === 'win32',
      maxBuffer: 64 * 1024 * 1024,
      timeout: 280_000,
    })
    return stdout
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string }
    throw new Error(`npm ${args.join(' ')} failed:\n${stdout}\n${stderr}`, { cause: error })
  }
}

/** npm's own script (what the `npm` on PATH runs), to run it under a Node made to look older. */
export function npmCliScript(): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'npm')
    if (!existsSync(candidate)) continue
    const real = realpathSync(candidate)
    if (real.endsWith('npm-cli.js')) return real
  }
  throw new Error('npm-cli.js was not found behind the npm on PATH')
}

/** A module for `node --import` that makes this Node report `version` (v20.20.0, say). */
export function posingAs(version: string): string {
  const bare = version.replace(/^v/, '')
  return `data:text/javascript,Object.defineProperty(process,'version',{value:'v${bare}'});Object.defineProperty(process.versions,'node',{value:'${bare}'})`
}

/** The oldest Node the relay package supports (relay/package.json engines). */
export const OLDEST_NODE = '22.14.0'

/**
 * The folder holding that Node's `node`, installed from the npm registry's `node` package into
 * a cache of its own the first time (about 30 MB), as .ci/run installs Node 24.
 */
export async function oldestNodeDir(): Promise<string> {
  const cache = join(homedir(), '.cache', `node${OLDEST_NODE}`)
  const bin = join(cache, 'node_modules', '.bin')
  if (existsSync(join(bin, 'node'))) return bin
  mkdirSync(cache, { recursive: true })
  // Its preinstall fetches the platform's binary package: allowed here, and nothing else.
  writeFileSync(
    join(cache, 'package.json'),
    JSON.stringify({ private: true, allowScripts: { node: true } }),
  )
  await npm(['install', '--no-save', `node@${OLDEST_NODE}`], cache)
  return bin
}

/**
 * Claims an invite token at the relay listening on `wsUrl` (`POST /invite/claim`), as the app's
 * Join screen does, and returns the member's own key, which a stock client connects with.
 */
export async function claimInvite(wsUrl: string, invite: string): Promise<string> {
  const claim = await fetch(`${wsUrl.replace(/^ws/, 'http')}/invite/claim`, {
    method: 'POST',
    headers: { authorization: `Bearer ${invite}`, 'content-type': 'application/json' },
    body: '{}',
  })
  if (claim.status !== 200)
    throw new Error(`claiming the invite: ${claim.status} ${await claim.text()}`)
  return ((await claim.json()) as { token: string }).token
}
