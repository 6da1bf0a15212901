import type { MenuItemConstructorOptions } from 'electron'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { applyMenu, menuTemplate, type MenuOptions } from '../../electron/main/menu.ts'
import { electron, resetElectron } from './electron-mock.ts'

vi.mock('electron', async () => (await import('./electron-mock.ts')).electronModule)

type Item = MenuItemConstructorOptions

function options(overrides: Partial<MenuOptions> = {}): MenuOptions & { sent: string[] } {
  const sent: string[] = []
  return {
    platform: 'linux',
    language: 'en',
    dev: false,
    send: (event) => sent.push(event),
    logFile: '/profile/logs/samstemt.log',
    sent,
    ...overrides,
  }
}

function submenu(template: Item[], label: string): Item[] {
  const menu = template.find((item) => item.label === label)
  if (!menu) throw new Error(`no ${label} menu`)
  return menu.submenu as Item[]
}

function click(item: Item | undefined): void {
  ;(item?.click as (() => void) | undefined)?.()
}

describe('the application menu', () => {
  beforeEach(resetElectron)

  it('has File, Edit, View, Window and Help', () => {
    const labels = menuTemplate(options()).map((item) => item.label)
    expect(labels).toEqual(['File', 'Edit', 'View', 'Window', 'Help'])
  })

  it('File has New paper, Import from Word…, Export… and Close with their usual shortcuts', () => {
    const file = submenu(menuTemplate(options()), 'File')
    const entries = file.filter((item) => item.type !== 'separator')
    expect(entries.map((item) => [item.label, item.accelerator])).toEqual([
      ['New paper', 'CmdOrCtrl+N'],
      ['Import from Word…', 'CmdOrCtrl+O'],
      ['Export…', 'CmdOrCtrl+Shift+E'],
      ['Close', 'CmdOrCtrl+W'],
      ['Quit Samstemt', 'Ctrl+Q'],
    ])
    expect(file.find((item) => item.label === 'Close')?.role).toBe('close')
  })

  it('New paper, Import from Word… and Export… send their menu events to the page', () => {
    const opts = options()
    const file = submenu(menuTemplate(opts), 'File')
    click(file.find((item) => item.id === 'new-paper'))
    click(file.find((item) => item.id === 'import'))
    click(file.find((item) => item.id === 'export'))
    expect(opts.sent).toEqual(['menu/new-paper', 'menu/import', 'menu/export'])
  })

  it("Undo and Redo leave their keys to the editor's own undo", () => {
    const opts = options()
    const edit = submenu(menuTemplate(opts), 'Edit')
    const undo = edit.find((item) => item.id === 'undo')
    expect(undo).toMatchObject({ accelerator: 'CmdOrCtrl+Z', registerAccelerator: false })
    expect(edit.find((item) => item.id === 'redo')?.registerAccelerator).toBe(false)
    click(undo)
    expect(opts.sent).toEqual(['menu/undo'])
    expect(edit.map((item) => item.role).filter(Boolean)).toEqual([
      'cut',
      'copy',
      'paste',
      'selectAll',
    ])
  })

  it('speaks Norwegian when the app does', () => {
    const template = menuTemplate(options({ language: 'nb' }))
    expect(template.map((item) => item.label)).toEqual(['Fil', 'Rediger', 'Vis', 'Vindu', 'Hjelp'])
    expect(submenu(template, 'Fil')[0]?.label).toBe('Nytt notat')
  })

  it('offers reload and developer tools only in development', () => {
    const roles = (dev: boolean) =>
      submenu(menuTemplate(options({ dev })), 'View').map((i) => i.role)
    expect(roles(false)).not.toContain('toggleDevTools')
    expect(roles(false)).not.toContain('reload')
    expect(roles(true)).toContain('toggleDevTools')
  })

  it('adds the app menu on macOS, with Quit there instead of in File', () => {
    const template = menuTemplate(options({ platform: 'darwin' }))
    expect(template[0]?.role).toBe('appMenu')
    expect(submenu(template, 'File').map((item) => item.role)).not.toContain('quit')
  })

  it('Help > Show log file reveals the log in the file manager', () => {
    applyMenu(options())
    const help = submenu(electron().menu?.template as Item[], 'Help')
    click(help.find((item) => item.id === 'show-log'))
    expect(electron().showItemInFolder).toHaveBeenCalledWith('/profile/logs/samstemt.log')
  })
})
