import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: {
    // One Yjs copy in the whole build: two copies break instanceof checks and corrupt docs.
    alias: { yjs: fileURLToPath(import.meta.resolve('yjs')) },
  },
  test: {
    include: ['{shared,server,electron,renderer,test}/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', 'test/fixtures/**'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
})
