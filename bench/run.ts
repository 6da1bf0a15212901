// npm run bench -- <name> [args]: runs one benchmark (or all) and prints its table.
export {}
const benches: Record<string, () => Promise<{ main: (args: string[]) => Promise<void> }>> = {
  store: () => import('./store.ts'),
  relay: () => import('./relay.ts'),
  'relay-comments': () => import('./relay-comments.ts'),
  'relay-suggest': () => import('./relay-suggest.ts'),
  import: () => import('./import.ts'),
  editor: () => import('./editor.ts'),
  export: () => import('./export.ts'),
  comments: () => import('./comments.ts'),
}

const [name = 'all', ...args] = process.argv.slice(2)
const chosen = name === 'all' ? Object.keys(benches) : [name]
for (const key of chosen) {
  const load = benches[key]
  if (!load) {
    console.error(
      `Unknown benchmark "${key}". Choose one of: ${Object.keys(benches).join(', ')}, all`,
    )
    process.exit(2)
  }
  await (await load()).main(args)
}
