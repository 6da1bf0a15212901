import { EventEmitter } from 'node:events'
import { request as httpRequest, type RequestOptions } from 'node:http'
import { createRequire } from 'node:module'
import { vi } from 'vitest'

// The one Electron mock of the test suite: just enough of each module for main and preload to
// run in plain Node, recording what they asked Electron to do. Use it with
//   vi.mock('electron', async () => (await import('./electron-mock.ts')).electronModule)
// and read the recordings through `electron()`. The state lives on globalThis so that it
// survives vi.resetModules(), which tests use to start main afresh.

type Handler = (...args: never[]) => unknown

/** An Electron-style event: carries its details and remembers preventDefault(). */
export function electronEvent<T extends object>(details: T = {} as T) {
  return {
    ...details,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true
    },
  }
}

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null
  readonly sent: { channel: string; payload: unknown }[] = []
  readonly reload = vi.fn()
  readonly replaceMisspelling = vi.fn((_word: string) => undefined)
  /** webContents.printToPDF: what the test set in `electron().printToPDF`. */
  readonly printToPDF = vi.fn((options: Record<string, unknown>) =>
    electron().printToPDF(this, options),
  )
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler
  }
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload })
  }
  isDestroyed() {
    return false
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents()
  readonly options: Record<string, unknown>
  bounds: { x: number; y: number; width: number; height: number }
  maximized = false
  minimized = false
  url = ''
  /** What a window of a FakeSession was served by the session's protocol handler. */
  served: { status: number; headers: Headers; body: string } | null = null
  readonly loadURL = vi.fn(async (url: string) => {
    this.url = url
    // A window in a session of its own loads through that session's protocol handler.
    const ses = (this.options.webPreferences as { session?: unknown } | undefined)?.session
    const handler =
      ses instanceof FakeSession ? ses.protocolHandlers.get(url.split(':', 1)[0] ?? '') : undefined
    if (!handler) return
    const response = await handler(new Request(url))
    this.served = {
      status: response.status,
      headers: response.headers,
      body: await response.text(),
    }
    if (!response.ok) throw new Error(`ERR_HTTP_RESPONSE_CODE_FAILURE (-379) loading '${url}'`)
  })
  readonly show = vi.fn()
  readonly focus = vi.fn()
  readonly restore = vi.fn(() => (this.minimized = false))
  destroyed = false
  readonly destroy = vi.fn(() => {
    this.destroyed = true
  })
  constructor(options: Record<string, unknown>) {
    super()
    this.options = options
    const { x = 0, y = 0, width = 800, height = 600 } = options as Record<string, number>
    this.bounds = { x, y, width, height }
    electron().windows.push(this)
    electron().app.emit('web-contents-created', electronEvent(), this.webContents)
  }
  maximize() {
    this.maximized = true
  }
  isMaximized() {
    return this.maximized
  }
  isMinimized() {
    return this.minimized
  }
  isDestroyed() {
    return this.destroyed
  }
  getNormalBounds() {
    return { ...this.bounds }
  }
  static fromWebContents(contents: unknown) {
    return electron().windows.find((window) => window.webContents === contents) ?? null
  }
}

/** A session of `session.fromPartition`, recording what main set on it. */
export class FakeSession {
  readonly partition: string
  readonly protocolHandlers = new Map<string, (request: Request) => Response | Promise<Response>>()
  beforeRequest: Handler | null = null
  permissionRequest: Handler | null = null
  permissionCheck: Handler | null = null
  readonly protocol = {
    handle: (scheme: string, handler: (request: Request) => Response | Promise<Response>) =>
      this.protocolHandlers.set(scheme, handler),
  }
  readonly webRequest = {
    onBeforeRequest: (listener: Handler) => (this.beforeRequest = listener),
  }
  constructor(partition: string) {
    this.partition = partition
  }
  setPermissionRequestHandler(handler: Handler) {
    this.permissionRequest = handler
  }
  setPermissionCheckHandler(handler: Handler) {
    this.permissionCheck = handler
  }
}

function createState() {
  return {
    app: Object.assign(new EventEmitter(), {
      isPackaged: true,
      whenReady: () => Promise.resolve(),
      requestSingleInstanceLock: vi.fn(() => electron().singleInstance),
      setAsDefaultProtocolClient: vi.fn((..._args: unknown[]) => true),
      getPath: vi.fn((_name: string) => electron().userData),
      setPath: vi.fn((_name: string, path: string) => (electron().userData = path)),
      getVersion: () => '0.1.0',
      getName: () => 'Samstemt',
      getAppPath: () => '/nonexistent/app',
      relaunch: vi.fn(),
      quit: vi.fn(),
    }),
    /** Electron's own autoUpdater, which electron-updater tells before it quits to install. */
    nativeUpdater: new EventEmitter(),
    singleInstance: true,
    userData: '/nonexistent',
    windows: [] as FakeBrowserWindow[],
    handlers: new Map<string, Handler>(),
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
    privilegedSchemes: [] as { scheme: string; privileges: Record<string, boolean> }[],
    permissionRequest: null as Handler | null,
    permissionCheck: null as Handler | null,
    devicePermission: null as Handler | null,
    openExternal: vi.fn(async (_url: string) => undefined),
    showItemInFolder: vi.fn((_path: string) => undefined),
    menu: null as { template: unknown[] } | null,
    exposed: new Map<string, unknown>(),
    ipcRenderer: Object.assign(new EventEmitter(), {
      invoke: vi.fn(async (..._args: unknown[]) => undefined as unknown),
    }),
    encryption: { available: true, backend: 'gnome_libsecret' },
    errorBoxes: [] as string[][],
    /** dialog.showSaveDialog: cancelled unless a test answers otherwise. */
    saveDialog: vi.fn(
      async (..._args: unknown[]): Promise<{ canceled: boolean; filePath: string }> => ({
        canceled: true,
        filePath: '',
      }),
    ),
    /** dialog.showOpenDialog: cancelled unless a test answers otherwise. */
    openDialog: vi.fn(
      async (..._args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }> => ({
        canceled: true,
        filePaths: [],
      }),
    ),
    printToPDF: async (
      _contents: FakeWebContents,
      _options: Record<string, unknown>,
    ): Promise<Buffer> => Buffer.from('%PDF-1.7\n% printed by the mock\n'),
    sessions: new Map<string, FakeSession>(),
    /** The default session's spell checker, as main set it up. */
    spelling: {
      available: ['en-GB', 'en-US', 'nb', 'sv'] as string[],
      languages: [] as string[],
      downloadUrl: null as string | null,
      added: [] as string[],
    },
    /** Context menus main popped up, with their templates. */
    popups: [] as { template: unknown[]; options: unknown }[],
  }
}

export type ElectronState = ReturnType<typeof createState>
const holder = globalThis as { samstemtElectronMock?: ElectronState }

/** What main and preload did to Electron in this test. */
export function electron(): ElectronState {
  holder.samstemtElectronMock ??= createState()
  return holder.samstemtElectronMock
}

export function resetElectron(): void {
  holder.samstemtElectronMock = createState()
}

export const electronModule = {
  get app() {
    return electron().app
  },
  BrowserWindow: FakeBrowserWindow,
  ipcMain: {
    handle: (channel: string, handler: Handler) => electron().handlers.set(channel, handler),
  },
  protocol: {
    registerSchemesAsPrivileged: (schemes: ElectronState['privilegedSchemes']) =>
      electron().privilegedSchemes.push(...schemes),
    handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
      electron().protocolHandlers.set(scheme, handler),
  },
  session: {
    fromPartition: (partition: string) => {
      const sessions = electron().sessions
      const existing = sessions.get(partition)
      if (existing) return existing
      const created = new FakeSession(partition)
      sessions.set(partition, created)
      return created
    },
    defaultSession: {
      setPermissionRequestHandler: (handler: Handler) => (electron().permissionRequest = handler),
      setPermissionCheckHandler: (handler: Handler) => (electron().permissionCheck = handler),
      setDevicePermissionHandler: (handler: Handler) => (electron().devicePermission = handler),
      get availableSpellCheckerLanguages() {
        return [...electron().spelling.available]
      },
      setSpellCheckerLanguages: (languages: string[]) =>
        (electron().spelling.languages = languages),
      setSpellCheckerDictionaryDownloadURL: (url: string) =>
        (electron().spelling.downloadUrl = url),
      addWordToSpellCheckerDictionary: (word: string) => {
        electron().spelling.added.push(word)
        return true
      },
    },
  },
  shell: {
    openExternal: (url: string) => electron().openExternal(url),
    showItemInFolder: (path: string) => electron().showItemInFolder(path),
  },
  Menu: {
    buildFromTemplate: (template: unknown[]) => ({
      template,
      popup: (options: unknown) => electron().popups.push({ template, options }),
    }),
    setApplicationMenu: (menu: { template: unknown[] }) => (electron().menu = menu),
  },
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
  dialog: {
    showSaveDialog: (...args: unknown[]) => electron().saveDialog(...args),
    showOpenDialog: (...args: unknown[]) => electron().openDialog(...args),
    showErrorBox: (title: string, text: string) => electron().errorBoxes.push([title, text]),
  },
  safeStorage: {
    isEncryptionAvailable: () => electron().encryption.available,
    getSelectedStorageBackend: () => electron().encryption.backend,
    encryptString: (plain: string) => Buffer.from(plain, 'utf8').map((b) => b ^ 0x3c),
    decryptString: (sealed: Buffer) => Buffer.from(sealed.map((b) => b ^ 0x3c)).toString('utf8'),
  },
  /**
   * net.request over Node's http, for electron-updater's downloads (it asks Electron's network
   * stack; its requests and responses behave as Node's do for what it reads).
   */
  net: {
    // Node ignores the options only Electron knows (session, redirect).
    request: (options: RequestOptions) => httpRequest(options),
  },
  get autoUpdater() {
    return electron().nativeUpdater
  },
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => electron().exposed.set(key, api),
  },
  get ipcRenderer() {
    return electron().ipcRenderer
  },
}

/**
 * Makes `require('electron')` in CommonJS libraries (electron-updater) return this mock too:
 * vi.mock reaches only the modules Vitest loads itself.
 */
export function provideElectronToRequire(): void {
  const require = createRequire(import.meta.url)
  const filename = require.resolve('electron')
  require.cache[filename] = {
    id: filename,
    filename,
    loaded: true,
    exports: electronModule,
    children: [],
    paths: [],
  } as unknown as NodeJS.Module
}
