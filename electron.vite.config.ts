import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'

const yjs = fileURLToPath(import.meta.resolve('yjs'))

export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
      rollupOptions: {
        // The store's writer thread is its own entry, started by URL from beside index.js.
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
