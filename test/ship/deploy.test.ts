import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, posix } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { startRelay, type RunningRelay } from '../../server/start-relay.ts'
import { useTempDir } from '../helpers/temp-dir.ts'
import { ROOT } from './helpers/relay-package.ts'

// The relay's production files, checked as far as this machine allows: no container engine runs
// here, so the Dockerfile and compose file are read and their parts run one by one (the package
// they install is tested in relay-package.test.ts); the systemd unit goes through systemd-analyze.

const DEPLOY = join(ROOT, 'deploy')
const yaml = createRequire(import.meta.url)('js-yaml') as { load: (text: string) => unknown }
const tempDir = useTempDir('samstemt-deploy-')
const relays: RunningRelay[] = []
afterEach(async () => {
  await Promise.all(relays.splice(0).map((relay) => relay.close()))
})

type Instruction = { op: string; args: string }

/** The Dockerfile's instructions, continuation lines joined and comments dropped. */
function dockerfile(): Instruction[] {
  const text = readFileSync(join(DEPLOY, 'Dockerfile'), 'utf8')
  const logical = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ')
  return logical
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const [op = '', ...rest] = line.split(/\s+/)
      return { op: op.toUpperCase(), args: rest.join(' ') }
    })
}

/** The instructions of the image that runs: after the last FROM. */
function runStage(): Instruction[] {
  const all = dockerfile()
  const last = all.map((i) => i.op).lastIndexOf('FROM')
  return all.slice(last)
}

const env = (stage: Instruction[]) =>
  Object.fromEntries(
    stage
      .filter((i) => i.op === 'ENV')
      .flatMap((i) => [...i.args.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1], m[2]])),
  ) as Record<string, string>

describe('deploy/Dockerfile', () => {
  test('runs the relay package on Node 24 as a user that is not root, with its data on a volume', () => {
    const stage = runStage()
    expect(stage[0]?.args).toMatch(/^node:24-/)
    const user = stage.filter((i) => i.op === 'USER').at(-1)?.args
    expect(user).toBeDefined()
    expect(['root', '0']).not.toContain(user)
    const volume = stage.find((i) => i.op === 'VOLUME')?.args
    expect(volume).toBe(posix.dirname(env(stage).SAMSTEMT_RELAY_DATA ?? ''))
    expect(stage.find((i) => i.op === 'EXPOSE')?.args).toBe(env(stage).SAMSTEMT_RELAY_PORT)
    expect(JSON.parse(stage.find((i) => i.op === 'CMD')?.args ?? '[]')).toEqual([
      'samstemt-relay',
      'serve',
    ])
  })

  test('installs the package that npm pack ./relay builds, and checks that it starts', () => {
    const all = dockerfile()
    const run = (stage: Instruction[]) => stage.filter((i) => i.op === 'RUN').map((i) => i.args)
    expect(run(all.slice(0, all.length - runStage().length)).join('\n')).toContain(
      'npm pack ./relay',
    )
    const installs = run(runStage()).join('\n')
    expect(installs).toMatch(/npm install --global .*samstemt-relay\.tgz/)
    expect(installs).toContain('samstemt-relay --version')
    for (const copy of all.filter((i) => i.op === 'COPY' && !i.args.startsWith('--from'))) {
      const sources = copy.args.split(/\s+/).slice(0, -1)
      for (const source of sources) expect(existsSync(join(ROOT, source)), source).toBe(true)
    }
    const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n')
    expect(ignored).toContain('node_modules')
    expect(ignored.filter((line) => /^(server|shared|relay)\/?$/.test(line))).toEqual([])
  })

  test('its HEALTHCHECK passes against a running relay and fails without one', async () => {
    const check = runStage().find((i) => i.op === 'HEALTHCHECK')?.args ?? ''
    const command = JSON.parse(check.slice(check.indexOf('CMD') + 3).trim()) as string[]
    expect(command[0]).toBe('node')
    const relay = await startRelay({ data: join(tempDir(), 'relay.sqlite'), port: 0, log: false })
    relays.push(relay)
    // Asynchronously: the relay answering it runs in this process.
    const probe = (port: number) =>
      new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, command.slice(1), {
          env: { ...process.env, SAMSTEMT_RELAY_PORT: String(port) },
          stdio: 'ignore',
        })
        child.on('exit', (code) => resolve(code))
      })
    expect(await probe(relay.port)).toBe(0)
    await relays.pop()?.close()
    expect(await probe(relay.port)).toBe(1)
  })
})

describe('deploy/compose.yaml with Caddy', () => {
  type Service = {
    build?: { context: string; dockerfile: string }
    command?: string[]
    ports?: string[]
    expose?: string[]
    volumes?: string[]
  }
  const compose = () =>
    yaml.load(readFileSync(join(DEPLOY, 'compose.yaml'), 'utf8')) as {
      services: Record<string, Service>
      volumes: Record<string, unknown>
    }

  test('publishes only Caddy; the relay is reached through it, with its data on a named volume', () => {
    const { services, volumes } = compose()
    const relay = services.relay
    const caddy = services.caddy
    expect(relay?.ports).toBeUndefined()
    expect(caddy?.ports).toContain('443:443')
    const context = join(DEPLOY, relay?.build?.context ?? '')
    expect(existsSync(join(context, relay?.build?.dockerfile ?? ''))).toBe(true)
    const [volume, target] = (relay?.volumes?.[0] ?? '').split(':')
    expect(volumes).toHaveProperty(volume ?? '')
    expect(target).toBe(runStage().find((i) => i.op === 'VOLUME')?.args)
    expect(relay?.command).toEqual(['samstemt-relay', 'serve', '--trust-proxy'])
  })

  test('Caddy proxies to the relay’s port, from a Caddyfile that exists, and keeps no access log', () => {
    const { services } = compose()
    const mount = services.caddy?.volumes?.find((v) => v.endsWith(':/etc/caddy/Caddyfile:ro'))
    const caddyfile = join(DEPLOY, mount?.split(':')[0] ?? '')
    expect(existsSync(caddyfile)).toBe(true)
    const text = readFileSync(caddyfile, 'utf8')
    const port = env(runStage()).SAMSTEMT_RELAY_PORT
    expect(text).toMatch(new RegExp(`^\\s*reverse_proxy relay:${port}$`, 'm'))
    expect(services.relay?.expose).toEqual([port])
    expect(text.split('\n').filter((line) => /^\s*log\b/.test(line))).toEqual([])
  })
})

describe('deploy/samstemt-relay.service', () => {
  const unit = () => readFileSync(join(DEPLOY, 'samstemt-relay.service'), 'utf8')

  test('is the unit docs/relay.md shows, word for word', () => {
    const docs = readFileSync(join(ROOT, 'docs/relay.md'), 'utf8')
    const block = /```ini\n(# \/etc\/systemd\/system\/samstemt-relay\.service\n[\s\S]*?)```/.exec(
      docs,
    )
    expect(block?.[1]).toBe(unit())
  })

  test('passes systemd-analyze verify, with the watchdog and readiness notification on', () => {
    expect(unit()).toMatch(/^Type=notify$/m)
    expect(unit()).toMatch(/^NotifyAccess=all$/m)
    expect(unit()).toMatch(/^WatchdogSec=\d+$/m)
    expect(unit()).toMatch(/^ExecStart=samstemt-relay serve /m)
    // systemd-analyze looks for the command as systemd would: here, the package's own bin.
    const dir = tempDir()
    const copy = join(dir, 'samstemt-relay.service')
    const bin = join(ROOT, 'relay/bin/samstemt-relay.js')
    writeFileSync(copy, unit().replace(/^ExecStart=samstemt-relay /m, `ExecStart=${bin} `))
    const verified = spawnSync('systemd-analyze', ['verify', copy], { encoding: 'utf8' })
    expect(verified.error).toBeUndefined()
    expect(verified.stderr).toBe('')
    expect(verified.status).toBe(0)
  })
})
