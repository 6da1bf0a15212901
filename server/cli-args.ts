import { parseArgs, type ParseArgsConfig } from 'node:util'

/** A mistake in the command line: printed with the usage hint, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

/** A request the data cannot satisfy (no such workspace, say): exit code 1. */
export class CommandError extends Error {
  override readonly name = 'CommandError'
}

type Options = NonNullable<ParseArgsConfig['options']>
export type Values = Record<string, string | boolean | undefined>

/** `--data` and `--json` are accepted by every command. */
export const COMMON: Options = {
  data: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
}

/** Environment variables that stand in for flags (flags win). */
const ENV: Record<string, string> = {
  host: 'SAMSTEMT_RELAY_HOST',
  port: 'SAMSTEMT_RELAY_PORT',
  data: 'SAMSTEMT_RELAY_DATA',
  url: 'SAMSTEMT_RELAY_URL',
  'tls-cert': 'SAMSTEMT_RELAY_TLS_CERT',
  'tls-key': 'SAMSTEMT_RELAY_TLS_KEY',
  'log-format': 'SAMSTEMT_RELAY_LOG_FORMAT',
}

/** Parses a command's flags strictly; unknown flags and stray words are usage errors. */
export function parseFlags(args: string[], options: Options, env: NodeJS.ProcessEnv): Values {
  let values: Values
  try {
    const parsed = parseArgs({
      args,
      options: { ...COMMON, ...options },
      strict: true,
      allowPositionals: false,
    })
    values = parsed.values as Values
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
  for (const [flag, variable] of Object.entries(ENV)) {
    const fromEnv = env[variable]
    if (
      values[flag] === undefined &&
      fromEnv !== undefined &&
      fromEnv !== '' &&
      flag in { ...COMMON, ...options }
    ) {
      values[flag] = fromEnv
    }
  }
  return values
}

export function requireString(values: Values, flag: string, hint = ''): string {
  const value = values[flag]
  if (typeof value !== 'string' || value.trim() === '') {
    throw new UsageError(`Missing --${flag}${hint ? ` (${hint})` : ''}.`)
  }
  return value.trim()
}

export function optionalString(values: Values, flag: string): string | undefined {
  const value = values[flag]
  return typeof value === 'string' && value !== '' ? value : undefined
}

/** A whole number in [min, max], or `fallback` when the flag is absent. */
export function integer(
  values: Values,
  flag: string,
  fallback: number,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const raw = values[flag]
  if (raw === undefined) return fallback
  const value = typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : NaN
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(
      `--${flag} must be a whole number from ${min} to ${max}, not "${String(raw)}".`,
    )
  }
  return value
}
