#!/usr/bin/env node
import { CommandError, parseFlags, UsageError, type Values } from './cli-args.ts'
import {
  compact,
  invite,
  listMembers,
  recover,
  revoke,
  setRole,
  workspaceCreate,
  workspaceList,
  type Output,
} from './cli-admin.ts'
import { backup, BACKUP_FLAGS, restore, RESTORE_FLAGS } from './cli-backup.ts'
import { serve, SERVE_FLAGS } from './cli-serve.ts'
import { useDefaultData } from './data-dir.ts'
import { exportPaper, EXPORT_FLAGS, EXPORT_USAGE } from './cli-export.ts'
import { importDocx, IMPORT_FLAGS, IMPORT_USAGE } from './cli-import.ts'

const USAGE = `Usage: samstemt-relay <command> [options]   (every command takes --data FILE and --json)

  serve             [--host 127.0.0.1] [--port 4455] [--tls-cert F --tls-key F] [--trust-proxy]
                    [--quiet] [--max-message-bytes N] [--max-connections-per-ip N]
                    [--max-connections-per-member N] [--max-buffered-bytes N]
                    [--idle-unload-ms N] [--compact-after N] [--max-messages-per-second N]
                    [--max-bytes-per-second N] [--max-burst-bytes N] [--recover]
                    [--watchdog-seconds N] [--health-port P] [--health-host H]
                    [--metrics-port P] [--metrics-host H] [--log-format json|text]
                    [--allow-workspace-creation]
  workspace create  --name NAME [--id ID]
  workspace list
  invite            --workspace ID --name NAME --org ORG --role coordinator|editor|reviewer
                    --url wss://relay.example.org [--expires 7d] [--reusable]
  members           --workspace ID
  revoke            --member ID
  role              --member ID --role coordinator|editor|reviewer
  compact           [--room NAME]
  recover           moves a damaged database aside and keeps every row that can be read
  backup            --out FILE [--force]   a consistent copy, safe while the relay serves
  restore           --from FILE   puts a backup in place (stop the relay first)
${EXPORT_USAGE}
${IMPORT_USAGE}

Without --data, the database is relay.sqlite in the user's data folder (on Linux
$XDG_DATA_HOME/samstemt-relay, by default ~/.local/share/samstemt-relay).

Environment: SAMSTEMT_RELAY_DATA, SAMSTEMT_RELAY_HOST, SAMSTEMT_RELAY_PORT, SAMSTEMT_RELAY_URL,
SAMSTEMT_RELAY_TLS_CERT, SAMSTEMT_RELAY_TLS_KEY, SAMSTEMT_RELAY_LOG_FORMAT (flags win).
See docs/relay.md.`

type Command = {
  flags: Parameters<typeof parseFlags>[1]
  run: (values: Values) => Promise<Output | null>
}

const COMMANDS: Record<string, Command> = {
  serve: { flags: SERVE_FLAGS, run: async (values) => (await serve(values), null) },
  'workspace create': {
    flags: { name: { type: 'string' }, id: { type: 'string' } },
    run: workspaceCreate,
  },
  'workspace list': { flags: {}, run: workspaceList },
  invite: {
    flags: {
      workspace: { type: 'string' },
      name: { type: 'string' },
      org: { type: 'string' },
      role: { type: 'string' },
      url: { type: 'string' },
      expires: { type: 'string' },
      reusable: { type: 'boolean' },
    },
    run: invite,
  },
  role: { flags: { member: { type: 'string' }, role: { type: 'string' } }, run: setRole },
  members: { flags: { workspace: { type: 'string' } }, run: listMembers },
  revoke: { flags: { member: { type: 'string' } }, run: revoke },
  compact: { flags: { room: { type: 'string' } }, run: compact },
  recover: { flags: {}, run: recover },
  export: { flags: EXPORT_FLAGS, run: exportPaper },
  backup: { flags: BACKUP_FLAGS, run: backup },
  restore: { flags: RESTORE_FLAGS, run: restore },
  import: { flags: IMPORT_FLAGS, run: importDocx },
}

async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json')
  const [first = '', second = ''] = argv
  const name = first === 'workspace' ? `${first} ${second}` : first
  const rest = argv.slice(first === 'workspace' ? 2 : 1)
  try {
    if (first === '' || first === 'help' || first === '--help' || first === '-h') {
      console.log(USAGE)
      return first === '' ? 2 : 0
    }
    const command = COMMANDS[name]
    if (command === undefined) throw new UsageError(`Unknown command "${name.trim()}".`)
    const values = parseFlags(rest, command.flags, process.env)
    if (values.help === true) {
      console.log(USAGE)
      return 0
    }
    useDefaultData(values, (line) => console.error(line))
    const output = await command.run(values)
    if (output) console.log(json ? JSON.stringify(output.json) : output.text)
    return 0
  } catch (error) {
    return fail(error, json)
  }
}

function fail(error: unknown, json: boolean): number {
  const usage = error instanceof UsageError
  const known =
    usage ||
    error instanceof CommandError ||
    (error instanceof Error && error.name === 'StoreError')
  const message = error instanceof Error ? error.message : String(error)
  if (json) console.log(JSON.stringify({ error: message, kind: usage ? 'usage' : 'failed' }))
  else
    console.error(
      usage ? `${message}\nRun "samstemt-relay help" for the commands and options.` : message,
    )
  if (!known && error instanceof Error && error.stack) console.error(error.stack)
  return usage ? 2 : 1
}

const code = await main(process.argv.slice(2))
if (code !== 0) process.exit(code)
