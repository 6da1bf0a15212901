import { mkdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, posix, win32 } from 'node:path'
import type { Values } from './cli-args.ts'

/**
 * Where the relay keeps its database when neither --data nor SAMSTEMT_RELAY_DATA says: the user's
 * data folder, so a trial needs no flags and no root. A service names its file (systemd, Docker).
 */
export function defaultDataFile(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (platform === 'win32') {
    const local = env.LOCALAPPDATA || win32.join(home, 'AppData', 'Local')
    return win32.join(local, 'samstemt-relay', 'relay.sqlite')
  }
  if (platform === 'darwin') {
    return posix.join(home, 'Library', 'Application Support', 'samstemt-relay', 'relay.sqlite')
  }
  // The XDG Base Directory spec: a relative XDG_DATA_HOME is invalid and must be ignored.
  const xdg = env.XDG_DATA_HOME
  const data = xdg && posix.isAbsolute(xdg) ? xdg : posix.join(home, '.local', 'share')
  return posix.join(data, 'samstemt-relay', 'relay.sqlite')
}

/**
 * Fills in --data with the default file when the command line and the environment named none,
 * creating its folder, and says so on stderr (stdout stays the command's answer).
 */
export function useDefaultData(values: Values, say: (line: string) => void): void {
  if (typeof values.data === 'string' && values.data.trim() !== '') return
  const file = defaultDataFile()
  mkdirSync(dirname(file), { recursive: true })
  values.data = file
  if (values.json !== true)
    say(`Relay database: ${file} (the default; --data FILE or SAMSTEMT_RELAY_DATA choose another)`)
}
