import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { within } from './wait.ts'

const CLI = join(import.meta.dirname, '../../../server/cli.ts')

/** A relay running as its own process, as in production. */
export type RelayProcess = {
  url: string
  port: number
  /** The watchdog thread's /healthz port, with --health-port. */
  healthPort: number | null
  /** GET /metrics, with --metrics-port. */
  metricsPort: number | null
  child: ChildProcess
  /** Everything the relay wrote to stderr (its JSON log). */
  log: () => string
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  /** SIGTERM and wait for the exit. */
  stop: () => Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/** Runs `samstemt-relay serve --json --port 0` on `data` and waits for its address. */
export async function spawnRelay(
  data: string,
  extraArgs: string[] = [],
  nodeArgs: string[] = [],
  env: NodeJS.ProcessEnv = {},
): Promise<RelayProcess> {
  const child = spawn(
    process.execPath,
    [...nodeArgs, CLI, 'serve', '--data', data, '--port', '0', '--json', ...extraArgs],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    },
  )
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }))
  })
  type Address = {
    url: string
    port: number
    healthPort: number | null
    metricsPort: number | null
  }
  const address = new Promise<Address>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) => {
      try {
        resolve(JSON.parse(line) as Address)
      } catch {
        reject(new Error(`relay printed ${line}`))
      }
    })
    void exited.then(({ code }) => reject(new Error(`relay exited with ${code}: ${stderr}`)))
  })
  const { url, port, healthPort, metricsPort } = await within(
    address,
    'the relay to listen',
    20_000,
  )
  return {
    url,
    port,
    healthPort,
    metricsPort,
    child,
    log: () => stderr,
    exited,
    stop: () => {
      child.kill('SIGTERM')
      return within(exited, 'the relay to exit', 20_000)
    },
  }
}
