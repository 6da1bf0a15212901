import type { Editor } from '@tiptap/core'
import type { MessageKey } from '../../../shared/i18n/index.ts'
import type { IconName } from '../ui/Icon.tsx'
import type { Shortcut } from './text-tools.ts'

/** What the toolbar shows, read from the editor after each transaction. */
export type ToolbarState = {
  bold: boolean
  italic: boolean
  heading2: boolean
  heading3: boolean
  bulletList: boolean
  orderedList: boolean
  link: boolean
  table: boolean
  canUndo: boolean
  canRedo: boolean
}

export function readToolbarState(editor: Editor): ToolbarState {
  return {
    bold: editor.isActive('bold'),
    italic: editor.isActive('italic'),
    heading2: editor.isActive('heading', { level: 2 }),
    heading3: editor.isActive('heading', { level: 3 }),
    bulletList: editor.isActive('bulletList'),
    orderedList: editor.isActive('orderedList'),
    link: editor.isActive('link'),
    table: editor.isActive('table'),
    canUndo: editor.can().undo(),
    canRedo: editor.can().redo(),
  }
}

export type ToolbarAction = {
  id: string
  label: Exclude<Extract<MessageKey, `toolbar.${string}`>, 'toolbar.shortcut'>
  icon: IconName | { text: string }
  shortcut?: Shortcut
  /** Shown pressed (a toggle) when true; undefined for plain commands. */
  pressed?: (state: ToolbarState) => boolean
  disabled?: (state: ToolbarState) => boolean
  run(editor: Editor): void
}

const chain = (editor: Editor) => editor.chain().focus()

/** The groups of the toolbar, in order; the keyboard shortcuts are StarterKit's and ours. */
export const TOOLBAR_GROUPS: ToolbarAction[][] = [
  [
    {
      id: 'undo',
      label: 'toolbar.undo',
      icon: 'undo',
      shortcut: { key: 'Z' },
      disabled: (s) => !s.canUndo,
      run: (e) => chain(e).undo().run(),
    },
    {
      id: 'redo',
      label: 'toolbar.redo',
      icon: 'redo',
      shortcut: { key: 'Z', shift: true },
      disabled: (s) => !s.canRedo,
      run: (e) => chain(e).redo().run(),
    },
  ],
  [
    {
      id: 'heading2',
      label: 'toolbar.heading2',
      icon: { text: 'H2' },
      shortcut: { key: '2', alt: true },
      pressed: (s) => s.heading2,
      run: (e) => chain(e).toggleHeading({ level: 2 }).run(),
    },
    {
      id: 'heading3',
      label: 'toolbar.heading3',
      icon: { text: 'H3' },
      shortcut: { key: '3', alt: true },
      pressed: (s) => s.heading3,
      run: (e) => chain(e).toggleHeading({ level: 3 }).run(),
    },
  ],
  [
    {
      id: 'bold',
      label: 'toolbar.bold',
      icon: 'bold',
      shortcut: { key: 'B' },
      pressed: (s) => s.bold,
      run: (e) => chain(e).toggleBold().run(),
    },
    {
      id: 'italic',
      label: 'toolbar.italic',
      icon: 'italic',
      shortcut: { key: 'I' },
      pressed: (s) => s.italic,
      run: (e) => chain(e).toggleItalic().run(),
    },
    {
      id: 'link',
      label: 'toolbar.link',
      icon: 'link',
      shortcut: { key: 'K' },
      pressed: (s) => s.link,
      run: () => undefined,
    },
  ],
  [
    {
      id: 'bulletList',
      label: 'toolbar.bulletList',
      icon: 'bulletList',
      shortcut: { key: '8', shift: true },
      pressed: (s) => s.bulletList,
      run: (e) => chain(e).toggleBulletList().run(),
    },
    {
      id: 'orderedList',
      label: 'toolbar.orderedList',
      icon: 'orderedList',
      shortcut: { key: '7', shift: true },
      pressed: (s) => s.orderedList,
      run: (e) => chain(e).toggleOrderedList().run(),
    },
    {
      id: 'table',
      label: 'toolbar.table',
      icon: 'table',
      disabled: (s) => s.table,
      run: (e) => chain(e).insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
    },
  ],
]

/** Shown only while the caret is in a table. */
export const TABLE_ACTIONS: ToolbarAction[] = [
  {
    id: 'addRow',
    label: 'toolbar.addRow',
    icon: 'addRow',
    run: (e) => chain(e).addRowAfter().run(),
  },
  {
    id: 'addColumn',
    label: 'toolbar.addColumn',
    icon: 'addColumn',
    run: (e) => chain(e).addColumnAfter().run(),
  },
  {
    id: 'deleteRow',
    label: 'toolbar.deleteRow',
    icon: 'deleteRow',
    run: (e) => chain(e).deleteRow().run(),
  },
  {
    id: 'deleteColumn',
    label: 'toolbar.deleteColumn',
    icon: 'deleteColumn',
    run: (e) => chain(e).deleteColumn().run(),
  },
  {
    id: 'deleteTable',
    label: 'toolbar.deleteTable',
    icon: 'trash',
    run: (e) => chain(e).deleteTable().run(),
  },
]
