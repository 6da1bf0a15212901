import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ExportRequest, ExportStage, SamstemtApi } from '../../shared/ipc/index.ts'
import { createBridgeApi } from '../../renderer/src/platform/bridge-client.ts'
import { fixturePaper } from '../export/fixture.ts'
import { CHROMIUM } from '../helpers/chromium.ts'
import { useTempDir } from '../helpers/temp-dir.ts'
import type { PreviewExportOptions } from '../../electron/preview/preview-exporter.ts'
import { fakeRenderer, startPreview } from './helpers/preview.ts'

const tempDir = useTempDir('samstemt-preview-export-')
const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function previewWithClient(exports: Partial<PreviewExportOptions> = {}) {
  const profile = tempDir()
  const preview = await startPreview(profile, fakeRenderer(tempDir()), {
    chromiumPath: CHROMIUM,
    ...exports,
  })
  cleanups.push(preview.stop)
  const api = createBridgeApi({ origin: preview.origin, token: preview.token })
  cleanups.push(api.close)
  return { profile, api }
}

function request(patch: Partial<ExportRequest> = {}): ExportRequest {
  return {
    format: 'pdf',
    source: fixturePaper(),
    compareWith: null,
    includeComments: true,
    suggestedName: 'Én stemme: byene',
    ...patch,
  }
}

/** The stages the page hears, up to `done`. */
function progress(api: SamstemtApi): Promise<ExportStage[]> {
  const stages: ExportStage[] = []
  return new Promise((resolve) => {
    const off = api.on('export/progress', ({ stage }) => {
      stages.push(stage)
      if (stage === 'done') {
        off()
        resolve(stages)
      }
    })
  })
}

describe('export/save through the preview bridge', () => {
  it('prints a PDF with headless Chromium into <profile>/exports, reporting each stage', async () => {
    const { profile, api } = await previewWithClient()
    const heard = progress(api)
    const result = await api.invoke('export/save', request())
    const path = join(profile, 'exports', 'Én stemme byene.pdf')
    expect(result).toEqual({ ok: true, value: { path } })
    expect(await heard).toEqual(['preparing', 'rendering', 'printing', 'writing', 'done'])
    expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-')
    const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' })
    expect(text).toContain('Norske byer og universiteter i EUs bymisjon:')
    expect(text).toContain('Kan vi nevne Bodø her også?')
  })

  it('keeps an earlier export: the same name again becomes "Name (2)"', async () => {
    const folder = join(tempDir(), 'chosen exports')
    const { api } = await previewWithClient({ folder })
    for (let i = 0; i < 2; i++) {
      expect(await api.invoke('export/save', request({ format: 'md' }))).toMatchObject({ ok: true })
    }
    expect(readdirSync(folder).sort()).toEqual(['Én stemme byene (2).md', 'Én stemme byene.md'])
  })

  it('says what to install when there is no Chromium to print with', async () => {
    const { profile, api } = await previewWithClient({ chromiumPath: join(tempDir(), 'chromium') })
    const result = await api.invoke('export/save', request())
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'no-printer', message: expect.stringContaining('Could not start Chromium') },
    })
    if (!result.ok) expect(result.error.message).toContain('Set SAMSTEMT_CHROMIUM to')
    expect(readdirSync(join(profile, 'exports'))).toEqual([])
  })

  it('refuses an invalid request over the bridge as over IPC', async () => {
    const { api } = await previewWithClient()
    const result = await api.invoke(
      'export/save',
      request({ format: 'md', compareWith: fixturePaper(), includeComments: false }),
    )
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-payload' } })
    if (!result.ok) expect(result.error.message).toContain('compareWith is for DOCX and PDF only')
  })
})
