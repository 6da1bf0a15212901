import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTestProfiles } from '../../test/electron/helpers/profile.ts'
import { useTempDir } from '../../test/helpers/temp-dir.ts'

const tempDir = useTempDir('samstemt-save-text-')
const profile = useTestProfiles()

describe('saving a text the page made (unsent comments)', () => {
  it('writes Markdown and JSON under a safe name with their extension, never over an earlier file', async () => {
    const dir = tempDir()
    const host = profile(dir)
    const text = '# Kommentarer som ikke ble sendt\n\nÆrlig talt: «Bodø» mangler.\n'
    const first = await host.call('export/save-text', {
      format: 'md',
      text,
      suggestedName: 'Ikke sendte kommentarer – Byene/2026',
    })
    const second = await host.call('export/save-text', {
      format: 'md',
      text: 'second',
      suggestedName: 'Ikke sendte kommentarer – Byene/2026',
    })
    const json = await host.call('export/save-text', {
      format: 'json',
      text: '{"comments":[]}\n',
      suggestedName: 'Ikke sendte kommentarer – Byene/2026.json',
    })
    for (const result of [first, second, json]) expect(result).toMatchObject({ ok: true })
    expect(readdirSync(join(dir, 'exports')).sort()).toEqual([
      'Ikke sendte kommentarer – Byene 2026 (2).md',
      'Ikke sendte kommentarer – Byene 2026.json',
      'Ikke sendte kommentarer – Byene 2026.md',
    ])
    expect(
      readFileSync(join(dir, 'exports', 'Ikke sendte kommentarer – Byene 2026.md'), 'utf8'),
    ).toBe(text)
  })

  it('refuses another format, or a text past its limit, before writing anything', async () => {
    const dir = tempDir()
    const host = profile(dir)
    for (const request of [
      { format: 'exe', text: 'x', suggestedName: 'a' },
      { format: 'md', text: 'x'.repeat(4_000_001), suggestedName: 'a' },
      { format: 'md', text: 7, suggestedName: 'a' },
    ]) {
      expect(await host.raw('export/save-text', request)).toMatchObject({
        ok: false,
        error: { code: 'invalid-payload' },
      })
    }
  })
})
