import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { indexRoom } from '../../shared/protocol/index.ts'
import { useTempDir } from '../helpers/temp-dir.ts'
import { connectClient } from '../relay/helpers/clients.ts'
import { waitFor, within } from '../relay/helpers/wait.ts'
import { runLine, shellBlock, startLine } from './helpers/doc-commands.ts'
import { claimInvite, ROOT, shipEnv } from './helpers/relay-package.ts'

const tempDir = useTempDir('samstemt-readme-')

/** A user of a fresh clone: their own home, nothing of the relay's set in the environment. */
function freshUser(home: string): NodeJS.ProcessEnv {
  const env = Object.entries(shipEnv()).filter(([name]) => !name.startsWith('SAMSTEMT_RELAY_'))
  // Port 0 instead of 4455, so that tests running side by side do not collide.
  return { ...Object.fromEntries(env), HOME: home, XDG_DATA_HOME: '', SAMSTEMT_RELAY_PORT: '0' }
}

describe('README: Try it with a relay', () => {
  test('its lines, run as written in the clone, start a relay a stock client joins with the claimed invite', async () => {
    const home = tempDir()
    const env = freshUser(home)
    const lines = shellBlock('README.md', '## Try it with a relay')
    const serveLine = lines.pop() ?? ''
    expect(serveLine).toBe('npm run relay -- serve')
    let token = ''
    let link = ''
    for (const line of lines) {
      const ran = await runLine(line, ROOT, env)
      expect(ran.code, `${line}\n${ran.stdout}\n${ran.stderr}`).toBe(0)
      token = /^Token:\s+(\S+)$/m.exec(ran.stdout)?.[1] ?? token
      link = /^Invite link: (\S+)$/m.exec(ran.stdout)?.[1] ?? link
    }
    expect(link).toMatch(/^samstemt:\/\/join\?/)
    const served = startLine(serveLine, ROOT, env)
    try {
      await waitFor(
        () => /listening on ws:\/\//.test(served.output()),
        'the relay to listen',
        30_000,
      )
      expect(served.output()).toContain(join(home, '.local/share/samstemt-relay/relay.sqlite'))
      const url = /listening on (ws:\/\/\S+)/.exec(served.output())?.[1] ?? ''
      // The invite is claimed once, as the app's Join screen does; the member's key connects.
      const key = await claimInvite(url, token)
      const client = connectClient(url, indexRoom('smart-cities'), key, { durable: true })
      try {
        await client.synced()
        client.doc.getMap('papers').set('p1', 'Byene trenger forutsigbar finansiering')
        await waitFor(() => (client.committed()?.get(client.doc.clientID) ?? 0) > 0, 'the commit')
      } finally {
        client.destroy()
      }
    } finally {
      await within(served.stop(), 'the relay to stop', 20_000)
    }
    expect(served.output()).toContain('"event":"stopped"')
  })
})
