import type { Log } from './peer.ts'

/** The formats of `serve --log-format`. */
export const LOG_FORMATS = ['json', 'text'] as const
export type LogFormat = (typeof LOG_FORMATS)[number]

/**
 * One line per event for people reading a terminal: `time event key=value ...`, with values
 * quoted as JSON strings where they hold spaces, quotes or `=` (logfmt, as journald and Loki read
 * it). The fields are those of the JSON log, which never hold a token.
 */
export function textLog(write: (line: string) => void = (line) => process.stderr.write(line)): Log {
  return (event, fields = {}) => {
    const pairs = Object.entries(fields)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => `${key}=${logfmtValue(value)}`)
    write([new Date().toISOString(), event, ...pairs].join(' ') + '\n')
  }
}

function logfmtValue(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return /^[^\s"=]+$/.test(text) ? text : JSON.stringify(text)
}
