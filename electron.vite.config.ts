import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig, externalizeDepsPlugin } from 'electron-vite'

const yjs = fileURLToPath(import.meta.resolve('yjs'))

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: { rollupOptions: { input: { index: 'electron/main/index.ts' } } },
  },
  preload: {
    plugins: [externalizeDepsPlugin()],
    // A sandboxed preload cannot be an ES module.
    build: {
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
