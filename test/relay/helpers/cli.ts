import { execFile } from 'node:child_process'
import { join } from 'node:path'

const CLI = join(import.meta.dirname, '../../../server/cli.ts')

export type CliResult = { code: number; stdout: string; stderr: string }

/** Runs `samstemt-relay ...args` as a separate process. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: { ...process.env, ...env }, timeout: 20_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1
        resolve({ code, stdout, stderr })
      },
    )
  })
}

/** Runs a command with --json and parses its output. */
export async function runCliJson<T>(args: string[]): Promise<T> {
  const result = await runCli([...args, '--json'])
  if (result.code !== 0)
    throw new Error(`samstemt-relay ${args.join(' ')} failed: ${result.stdout}${result.stderr}`)
  return JSON.parse(result.stdout) as T
}
