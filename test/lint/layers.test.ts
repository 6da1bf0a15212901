import { ESLint } from 'eslint'
import { describe, expect, test } from 'vitest'

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname })

/** Lints `code` as if it were the file at `filePath` and returns the import-rule messages. */
async function importViolations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message)
}

describe('the one-way import rule', () => {
  test.each([
    ['renderer/App.tsx', "import { UpdateStore } from '../shared/store/index.ts'"],
    ['renderer/App.tsx', "import { readFileSync } from 'node:fs'"],
    ['renderer/App.tsx', "import { ipcRenderer } from 'electron'"],
    ['renderer/App.tsx', "import { startRelay } from '../server/relay.ts'"],
    ['renderer/App.tsx', "import { createMainWindow } from '../electron/main/window.ts'"],
    ['shared/model/paper.ts', "import { join } from 'node:path'"],
    ['shared/model/paper.ts', "import { UpdateStore } from '../store/index.ts'"],
    ['shared/protocol/rooms.ts', "import { startRelay } from '../../server/relay.ts'"],
    ['shared/store/update-store.ts', "import { startRelay } from '../../server/relay.ts'"],
    ['server/relay.ts', "import { App } from '../renderer/App.tsx'"],
    ['electron/host/store.ts', "import { startRelay } from '../../server/relay.ts'"],
    ['shared/export/html.ts', "import { loadExportFonts } from '../export-node/fonts.ts'"],
    ['shared/export-node/pdf.ts', "import { CommandError } from '../../server/cli-args.ts'"],
    ['shared/export-node/pdf.ts', "import { app } from '../../electron/main/index.ts'"],
    ['renderer/App.tsx', "import { printPdf } from '../shared/export-node/pdf.ts'"],
  ])('%s may not: %s', async (filePath, code) => {
    expect(await importViolations(filePath, `${code}\nexport {}\n`)).toHaveLength(1)
  })

  test.each([
    ['renderer/App.tsx', "import { readPaperMeta } from '../shared/model/index.ts'"],
    ['shared/store/update-store.ts', "import { readFileSync } from 'node:fs'"],
    ['server/relay.ts', "import { UpdateStore } from '../shared/store/index.ts'"],
    ['electron/host/store.ts', "import { UpdateStore } from '../../shared/store/index.ts'"],
    ['shared/export-node/fonts.ts', "import { readFileSync } from 'node:fs'"],
    ['shared/export-node/pdf.ts', "import { chromium } from 'playwright-core'"],
    ['shared/export-node/fonts.ts', "import type { ExportFont } from '../export/index.ts'"],
    ['electron/host/x.ts', "import { loadExportFonts } from '../../shared/export-node/fonts.ts'"],
    ['server/cli-export.ts', "import { printPdf } from '../shared/export-node/pdf.ts'"],
  ])('%s may: %s', async (filePath, code) => {
    expect(await importViolations(filePath, `${code}\nexport {}\n`)).toEqual([])
  })
})
