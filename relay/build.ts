// Builds the relay's package: server/ and the shared/ modules it uses, compiled by tsc to plain
// JavaScript in relay/dist/ (Node does not strip types from files under node_modules, so an
// installed package cannot run the TypeScript). Checks that every package the output imports is
// a dependency of relay/package.json, at the version the app's package.json pins.
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, relative } from 'node:path'

const RELAY = import.meta.dirname
const ROOT = join(RELAY, '..')
const DIST = join(RELAY, 'dist')
/** Read from disk by name (shared/export-node/fonts.ts), so no import names them. */
const READ_AT_RUN_TIME = ['@fontsource/inter', '@fontsource/source-serif-4']

type Manifest = { dependencies: Record<string, string> }
const manifest = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Manifest

function compile(): void {
  rmSync(DIST, { recursive: true, force: true })
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
  const run = spawnSync(process.execPath, [tsc, '-p', join(RELAY, 'tsconfig.json')], {
    stdio: 'inherit',
  })
  if (run.status !== 0) throw new Error('tsc failed: the relay was not built.')
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
  )
}

/** The packages a module imports (`from 'x'`, `import('x')`), without node: built-ins. */
export function importedPackages(code: string): string[] {
  const statics = code.matchAll(
    /^\s*(?:import|export)\b[^'"`;]*?\bfrom\s*["']([^"'./][^"']*)["']/gm,
  )
  const dynamics = code.matchAll(/\bimport\(\s*["']([^"'./][^"']*)["']\s*\)/g)
  const specifiers = [...statics, ...dynamics]
  return specifiers
    .map((match) => match[1] ?? '')
    .filter((specifier) => !specifier.startsWith('node:'))
    .map((specifier) =>
      specifier
        .split('/')
        .slice(0, specifier.startsWith('@') ? 2 : 1)
        .join('/'),
    )
}

function checkDependencies(): string[] {
  const declared = manifest(join(RELAY, 'package.json')).dependencies
  const pinned = manifest(join(ROOT, 'package.json')).dependencies
  const problems: string[] = []
  const used = new Set(READ_AT_RUN_TIME)
  for (const file of files(DIST).filter((name) => name.endsWith('.js'))) {
    for (const pkg of importedPackages(readFileSync(file, 'utf8'))) {
      used.add(pkg)
      if (!(pkg in declared))
        problems.push(`${relative(RELAY, file)} imports ${pkg}, which is not a dependency`)
    }
  }
  for (const [pkg, version] of Object.entries(declared)) {
    if (!used.has(pkg)) problems.push(`${pkg} is a dependency that nothing imports`)
    if (pinned[pkg] !== version)
      problems.push(`${pkg} is ${version} here but ${pinned[pkg] ?? 'absent'} in the app`)
  }
  return [...new Set(problems)]
}

compile()
const problems = checkDependencies()
if (problems.length > 0) {
  console.error(
    `relay/package.json does not match what the relay imports:\n  ${problems.join('\n  ')}`,
  )
  process.exit(1)
}
process.stderr.write(
  `Built the relay into ${relative(ROOT, DIST)}/ (${files(DIST).length} files).\n`,
)
