import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'

const yjs = fileURLToPath(import.meta.resolve('yjs'))

/**
 * The store's writer runs in a worker thread started from `./writer-thread.ts` next to the store
 * module. Bundled, that file is built as its own entry, `writer-thread.js` beside index.js.
 */
function storeWriterThread(): Plugin {
  return {
    name: 'samstemt-store-writer-thread',
    transform(code, id) {
      if (!id.endsWith('shared/store/update-store.ts')) return null
      const worker = /new URL\((['"])\.\/writer-thread\.ts\1, import\.meta\.url\)/
      if (!worker.test(code)) throw new Error('update-store.ts no longer starts ./writer-thread.ts')
      return code.replace(worker, "new URL('./writer-thread.js', import.meta.url)")
    },
  }
}

export default defineConfig({
  main: {
    plugins: [storeWriterThread()],
    build: {
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: 'electron/main/index.ts',
          'writer-thread': 'shared/store/writer-thread.ts',
        },
      },
    },
  },
  preload: {
    // A sandboxed preload can require nothing from node_modules: bundle everything into it.
    build: {
      externalizeDeps: false,
      rollupOptions: {
        input: { index: 'electron/preload/index.ts' },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    // One Yjs copy in the whole build: two copies break instanceof checks and corrupt docs.
    resolve: { alias: { yjs } },
    plugins: [react()],
    build: { rollupOptions: { input: { index: 'renderer/index.html' } } },
  },
})
