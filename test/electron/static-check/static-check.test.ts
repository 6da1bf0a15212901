import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkElectronSources, type Source } from './electron-checks.ts'

const ROOT = join(import.meta.dirname, '../../..')

function shellSources(): Source[] {
  return readdirSync(join(ROOT, 'electron'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .map((file) => ({
      file: relative(ROOT, join(ROOT, 'electron', file)),
      text: readFileSync(join(ROOT, 'electron', file), 'utf8'),
    }))
}

/** The shell's own sources, with `snippet` added as one more file. */
function findingsWith(snippet: string): string[] {
  return checkElectronSources([...shellSources(), { file: 'snippet.ts', text: snippet }])
    .filter((finding) => finding.file === 'snippet.ts')
    .map((finding) => finding.rule)
}

describe('the static security check of electron/**', () => {
  it('finds nothing in the shell as it is', () => {
    expect(checkElectronSources(shellSources())).toEqual([])
  })

  it('fails on insecure webPreferences', () => {
    const rules = findingsWith(`new BrowserWindow({ webPreferences: {
      nodeIntegration: true, contextIsolation: false, sandbox: false, webSecurity: false,
      allowRunningInsecureContent: true, webviewTag: true, enableBlinkFeatures: 'X' } })`)
    expect(rules).toEqual(
      expect.arrayContaining([
        'INSECURE_PREFERENCE_nodeIntegration',
        'INSECURE_PREFERENCE_contextIsolation',
        'INSECURE_PREFERENCE_sandbox',
        'INSECURE_PREFERENCE_webSecurity',
        'INSECURE_PREFERENCE_allowRunningInsecureContent',
        'INSECURE_PREFERENCE_webviewTag',
        'BLINK_FEATURES',
      ]),
    )
  })

  it('fails on a window whose preferences are left to the defaults', () => {
    expect(findingsWith('new BrowserWindow({ width: 800 })')).toEqual(['WEB_PREFERENCES_MISSING'])
    expect(findingsWith('new BrowserWindow({ webPreferences: { preload } })')).toEqual(
      expect.arrayContaining([
        'PREFERENCE_NOT_EXPLICIT_contextIsolation',
        'PREFERENCE_NOT_EXPLICIT_sandbox',
      ]),
    )
  })

  it('fails on shell.openExternal without the https check', () => {
    expect(findingsWith('shell.openExternal(url)')).toEqual(['OPEN_EXTERNAL_UNCHECKED'])
    expect(findingsWith('if (!isSafeExternalUrl(url)) shell.openExternal(url)')).toEqual([
      'OPEN_EXTERNAL_UNCHECKED',
    ])
    expect(findingsWith('if (isSafeExternalUrl(url)) shell.openExternal(url)')).toEqual([])
  })

  it('fails on IPC listeners that do not check the sender', () => {
    expect(findingsWith("ipcMain.handle('x', (event, p) => run(p))")).toEqual([
      'IPC_SENDER_UNCHECKED',
    ])
    expect(findingsWith("ipcMain.on('x', (e) => { if (!isTrusted(e)) return })")).toEqual([])
  })

  it('fails when the preload hands the page ipcRenderer, require or process', () => {
    expect(findingsWith("contextBridge.exposeInMainWorld('ipc', ipcRenderer)")).toEqual([
      'CONTEXT_BRIDGE_LEAK',
    ])
    expect(findingsWith("contextBridge.exposeInMainWorld('x', { ipcRenderer })")).toEqual([
      'CONTEXT_BRIDGE_LEAK',
    ])
    expect(
      findingsWith("contextBridge.exposeInMainWorld('x', { send: ipcRenderer.send })"),
    ).toEqual(['CONTEXT_BRIDGE_LEAK'])
  })

  it('fails on file://, eval, devtools and certificate overrides', () => {
    expect(findingsWith("win.loadFile('index.html')")).toEqual(['FILE_PROTOCOL'])
    expect(findingsWith("win.loadURL('file:///app/index.html')")).toEqual(['INSECURE_LOAD_URL'])
    expect(findingsWith("eval('1'); new Function('return 1')")).toEqual(['EVAL', 'EVAL'])
    expect(findingsWith('win.webContents.openDevTools()')).toEqual(['DEVTOOLS'])
    expect(findingsWith("app.commandLine.appendSwitch('ignore-certificate-errors')")).toEqual([
      'INSECURE_SWITCH',
    ])
    expect(findingsWith("app.on('certificate-error', (e, w, u, er, c, cb) => cb(true))")).toEqual([
      'CERTIFICATE_ERROR_HANDLER',
    ])
  })

  it('fails when a checklist item is missing from the shell altogether', () => {
    const rules = checkElectronSources([{ file: 'empty.ts', text: 'export {}' }]).map((f) => f.rule)
    expect(rules).toEqual(
      expect.arrayContaining([
        'MISSING_PERMISSION_REQUEST_HANDLER',
        'MISSING_WINDOW_OPEN_HANDLER',
        'MISSING_CUSTOM_PROTOCOL',
        'MISSING_CSP',
        'MISSING_EVENT_GUARD',
      ]),
    )
  })
})
