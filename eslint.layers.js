// @ts-check
// The one-way import rule of docs/architecture.md, as lint rules that fail CI:
//   shared (but shared/store and shared/export-node) imports libraries only: no node:*, no DOM
//   host, no electron;
//   shared/store and shared/export-node are Node-only and may import node:* and shared;
//   server and electron import shared; renderer never imports electron, server,
//   shared/store, shared/export-node or node:*.

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'worker_threads',
]
const nodeOnlyLibraries = ['better-sqlite3', 'ws', 'electron', 'electron/*', 'y-leveldb']

/** @param {string} message @param {string[]} group */
const forbid = (message, group) => ({ group, message })

export const layerRules = [
  {
    files: ['shared/**/*.{ts,tsx}'],
    ignores: ['shared/store/**', 'shared/export-node/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            forbid('shared is isomorphic: no Node built-ins or Node-only libraries.', [
              ...nodeBuiltins,
              ...nodeOnlyLibraries,
            ]),
            forbid('shared imports libraries only, never an outer layer.', [
              '**/server/**',
              '**/electron/**',
              '**/renderer/**',
            ]),
            forbid('shared/store is Node-only; isomorphic shared code must not import it.', [
              '**/store',
              '**/store/**',
            ]),
            forbid('shared/export-node is Node-only; isomorphic shared code must not import it.', [
              '**/export-node',
              '**/export-node/**',
            ]),
          ],
        },
      ],
    },
  },
  {
    files: ['shared/store/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            forbid('shared/store imports libraries and shared only.', [
              '**/server/**',
              '**/electron/**',
              '**/renderer/**',
            ]),
          ],
        },
      ],
    },
  },
  {
    files: ['shared/export-node/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            forbid('shared/export-node imports libraries and shared only.', [
              '**/server/**',
              '**/electron/**',
              '**/renderer/**',
            ]),
          ],
        },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            forbid('server imports shared and libraries, never the app.', [
              '**/electron/**',
              '**/renderer/**',
              'electron',
            ]),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            forbid('electron imports shared and libraries, never the relay or the UI.', [
              '**/server/**',
              '**/renderer/**',
            ]),
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            forbid('The renderer reaches the host only through window.samstemt.', [
              ...nodeBuiltins,
              ...nodeOnlyLibraries,
              '**/electron/**',
              '**/server/**',
              '**/shared/store',
              '**/shared/store/**',
              '**/shared/export-node',
              '**/shared/export-node/**',
            ]),
          ],
        },
      ],
    },
  },
]
