import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './relay-package.ts'

/**
 * The commands of the first ```sh block under `heading` in a Markdown file, as a reader would
 * type them: continuation lines joined, nothing else changed (comments stay; the shell drops them).
 */
export function shellBlock(file: string, heading: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8')
  const at = text.indexOf(`\n${heading}\n`)
  if (at < 0) throw new Error(`${file} has no heading "${heading}"`)
  const block = /```sh\n([\s\S]*?)```/.exec(text.slice(at))?.[1]
  if (block === undefined) throw new Error(`${file} has no sh block under "${heading}"`)
  return block
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .filter((line) => line.trim() !== '')
}

export type Ran = { code: number | null; stdout: string; stderr: string }

/** Runs one documented line in bash, as typed at a prompt in `cwd`. */
export function runLine(line: string, cwd: string, env: NodeJS.ProcessEnv): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', line], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('exit', (code) => resolve({ code, stdout, stderr }))
  })
}

/** A documented line that keeps running (a server): started in its own process group. */
export type Running = {
  child: ChildProcess
  output: () => string
  stop: () => Promise<number | null>
}

export function startLine(line: string, cwd: string, env: NodeJS.ProcessEnv): Running {
  const child = spawn('bash', ['-c', line], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
  return {
    child,
    output: () => output,
    stop: () => {
      // The whole group, as Ctrl+C at the prompt would: npm and the relay under it.
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGINT')
      return exited
    },
  }
}
