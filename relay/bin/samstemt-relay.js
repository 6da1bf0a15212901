#!/usr/bin/env node
// Plain JavaScript that any Node parses, so that an older Node is told which one the relay needs
// instead of failing inside better-sqlite3: its binding needs N-API 10 (Node 22.14), and on
// 22.12 it crashes the process without a word.
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number)
if (major < 22 || (major === 22 && minor < 14)) {
  console.error(
    `samstemt-relay needs Node.js 22.14 or newer (24 LTS recommended); this is Node ${process.versions.node}.`,
  )
  process.exit(1)
}
if (process.argv[2] === '--version' || process.argv[2] === 'version') {
  const { readFileSync } = await import('node:fs')
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
  console.log(manifest.version)
} else {
  await import('../dist/server/cli.js')
}
