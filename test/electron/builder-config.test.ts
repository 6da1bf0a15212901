import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { Ajv } from 'ajv'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '../..')
const require = createRequire(import.meta.url)
// js-yaml comes with electron-builder (which parses this file with it) and has no types.
const yaml = require('js-yaml') as { load: (text: string) => unknown }

type BuilderConfig = {
  files: string[]
  npmRebuild: boolean
  electronFuses: Record<string, boolean>
  protocols: { schemes: string[] }[]
  linux: { target: string[]; mimeTypes: string[] }
  appImage: { artifactName: string }
  publish: unknown
  win: { target: string[] }
  mac: { target: string[] }
}

function config(): BuilderConfig {
  return yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig
}

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own JSON schema", () => {
    const schemaFile = join(ROOT, 'node_modules/app-builder-lib/scheme.json')
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as object
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema)
    const valid = validate(config())
    expect(validate.errors ?? []).toEqual([])
    expect(valid).toBe(true)
    expect(validate({ ...config(), electronFuses: { runAsNod: false } })).toBe(false)
    expect(validate({ ...config(), npmRebuild: 'no' })).toBe(false)
    // As the desktop workflow builds for partners: --config.publish.* names the update server.
    const withServer = { provider: 'generic', url: 'https://updates.uis.no/samstemt/' }
    expect(validate({ ...config(), publish: withServer })).toBe(true)
  })

  it('builds AppImage and deb, NSIS, and dmg with the zip that macOS updates install', () => {
    const { linux, win, mac } = config()
    expect(linux.target).toEqual(['AppImage', 'deb'])
    expect(win.target).toEqual(['nsis'])
    expect(mac.target).toEqual(['dmg', 'zip'])
  })

  it('names the AppImage without its version, so an update replaces it where launchers point', () => {
    const { appImage } = config()
    expect(appImage.artifactName).not.toContain('${version}')
    expect(appImage.artifactName).toBe('${productName}-${os}-${arch}.${ext}')
  })

  it('names no update server itself: a build for partners passes its organisation’s', () => {
    expect(config().publish).toBeNull()
  })

  it('sets the fuses that close Node and debugging paths into the packaged app', () => {
    expect(config().electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    })
  })

  it('registers samstemt:// for invite links', () => {
    const { protocols, linux } = config()
    expect(protocols.flatMap((protocol) => protocol.schemes)).toEqual(['samstemt'])
    expect(linux.mimeTypes).toContain('x-scheme-handler/samstemt')
  })

  it('ships only this platform’s better-sqlite3 prebuild, and never rebuilds it', () => {
    const { files, npmRebuild } = config()
    expect(npmRebuild).toBe(false)
    expect(files).toContain('!node_modules/better-sqlite3/prebuilds/**')
    const include = files.find((pattern) => pattern.includes('${platform}-${arch}'))
    const here = include?.replace('${platform}', process.platform).replace('${arch}', process.arch)
    expect(here && existsSync(join(ROOT, here)), here).toBe(true)
  })
})
