import { Menu, shell, type MenuItemConstructorOptions } from 'electron'
import type { HostEvent, Settings } from '../../shared/ipc/index.ts'
import { MENU_LABELS } from './menu-labels.ts'

type MenuEvent = Extract<HostEvent, `menu/${string}`>

export type MenuOptions = {
  platform: NodeJS.Platform
  language: Settings['language']
  /** Reload and developer tools, for development builds only. */
  dev: boolean
  send: (event: MenuEvent) => void
  logFile: string
}

/** The application menu: File, Edit, View, Window, Help (and the app menu on macOS). */
export function menuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const t = MENU_LABELS[options.language]
  const mac = options.platform === 'darwin'
  const send = (event: MenuEvent) => () => options.send(event)
  const appMenu: MenuItemConstructorOptions = {
    role: 'appMenu',
    submenu: [
      { role: 'about', label: t.about },
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit', label: t.quit },
    ],
  }
  const file: MenuItemConstructorOptions = {
    label: t.file,
    submenu: [
      {
        id: 'new-paper',
        label: t.newPaper,
        accelerator: 'CmdOrCtrl+N',
        click: send('menu/new-paper'),
      },
      {
        id: 'import',
        label: t.importWord,
        accelerator: 'CmdOrCtrl+O',
        click: send('menu/import'),
      },
      {
        id: 'export',
        label: t.exportPaper,
        accelerator: 'CmdOrCtrl+Shift+E',
        click: send('menu/export'),
      },
      { type: 'separator' },
      { role: 'close', label: t.close, accelerator: 'CmdOrCtrl+W' },
      ...(mac ? [] : [{ role: 'quit', label: t.quit, accelerator: 'Ctrl+Q' } as const]),
    ],
  }
  // Undo and redo show their shortcuts but do not take them: the keys must reach the editor,
  // whose undo is Yjs's (per user), not the browser's.
  const edit: MenuItemConstructorOptions = {
    label: t.edit,
    submenu: [
      {
        id: 'undo',
        label: t.undo,
        accelerator: 'CmdOrCtrl+Z',
        registerAccelerator: false,
        click: send('menu/undo'),
      },
      {
        id: 'redo',
        label: t.redo,
        accelerator: mac ? 'Cmd+Shift+Z' : 'Ctrl+Y',
        registerAccelerator: false,
        click: send('menu/redo'),
      },
      { type: 'separator' },
      { role: 'cut', label: t.cut },
      { role: 'copy', label: t.copy },
      { role: 'paste', label: t.paste },
      { role: 'selectAll', label: t.selectAll },
    ],
  }
  const view: MenuItemConstructorOptions = {
    label: t.view,
    submenu: [
      ...(options.dev
        ? [
            { role: 'reload' } as const,
            { role: 'toggleDevTools' } as const,
            { type: 'separator' } as const,
          ]
        : []),
      { role: 'resetZoom', label: t.actualSize },
      { role: 'zoomIn', label: t.zoomIn },
      { role: 'zoomOut', label: t.zoomOut },
      { type: 'separator' },
      { role: 'togglefullscreen', label: t.fullScreen },
    ],
  }
  const window: MenuItemConstructorOptions = {
    label: t.window,
    role: 'windowMenu',
    submenu: [
      { role: 'minimize', label: t.minimize },
      ...(mac ? [{ role: 'zoom' } as const, { role: 'front' } as const] : []),
    ],
  }
  const help: MenuItemConstructorOptions = {
    label: t.help,
    role: 'help',
    submenu: [
      { id: 'show-log', label: t.showLog, click: () => shell.showItemInFolder(options.logFile) },
      ...(mac ? [] : [{ role: 'about', label: t.about } as const]),
    ],
  }
  return [...(mac ? [appMenu] : []), file, edit, view, window, help]
}

export function applyMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(options)))
}
