import type { Editor } from '@tiptap/core'
import type { MessageKey } from '../../../shared/i18n/index.ts'
import type { IconName } from '../ui/Icon.tsx'
import type { Shortcut } from './text-tools.ts'

/**
 * The style menu's text styles. The paper's title is its only level-1 heading (as in the export,
 * where body headings start at level 2), so Heading 1 is a level-2 heading, as Word's Heading 1
 * is in the exported DOCX.
 */
export const TEXT_STYLES = ['paragraph', 'heading1', 'heading2', 'heading3'] as const
export type TextStyle = (typeof TEXT_STYLES)[number]
export const HEADING_LEVEL: Record<Exclude<TextStyle, 'paragraph'>, number> = {
  heading1: 2,
  heading2: 3,
  heading3: 4,
}

/** The style of the block the selection starts in; null for anything else (a code block). */
export function textStyleOf(editor: Editor): TextStyle | null {
  const { $from, $to } = editor.state.selection
  const style = (node: typeof $from.parent): TextStyle | null => {
    if (node.type.name === 'paragraph') return 'paragraph'
    if (node.type.name !== 'heading') return null
    const level = Number(node.attrs['level'])
    return level <= 2 ? 'heading1' : level === 3 ? 'heading2' : 'heading3'
  }
  const first = style($from.parent)
  return first === style($to.parent) ? first : null
}

/** Applies a text style to the blocks of the selection; `focus`: and goes back to the text. */
export function setTextStyle(editor: Editor, style: TextStyle, focus = true): boolean {
  const chained = focus ? editor.chain().focus() : editor.chain()
  return style === 'paragraph'
    ? chained.setParagraph().run()
    : chained.setHeading({ level: HEADING_LEVEL[style] as 2 | 3 | 4 }).run()
}

/** What the toolbar shows, read from the editor after each transaction. */
export type ToolbarState = {
  bold: boolean
  italic: boolean
  style: TextStyle | null
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
    style: textStyleOf(editor),
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
  label: Exclude<
    Extract<MessageKey, `toolbar.${string}`>,
    'toolbar.shortcut' | 'toolbar.textButton'
  >
  icon: IconName | { text: string }
  shortcut?: Shortcut
  /** Shown pressed (a toggle) when true; undefined for plain commands. */
  pressed?: (state: ToolbarState) => boolean
  disabled?: (state: ToolbarState) => boolean
  run(editor: Editor): void
}

const chain = (editor: Editor) => editor.chain().focus()

/** A heading button: that heading, or normal text again when the block already is one. */
function toggleStyle(editor: Editor, style: TextStyle): void {
  setTextStyle(editor, textStyleOf(editor) === style ? 'paragraph' : style)
}

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
      id: 'heading1',
      label: 'toolbar.style.heading1',
      icon: { text: 'H1' },
      shortcut: { key: '1', alt: true },
      pressed: (s) => s.style === 'heading1',
      run: (e) => toggleStyle(e, 'heading1'),
    },
    {
      id: 'heading2',
      label: 'toolbar.style.heading2',
      icon: { text: 'H2' },
      shortcut: { key: '2', alt: true },
      pressed: (s) => s.style === 'heading2',
      run: (e) => toggleStyle(e, 'heading2'),
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
  [
    {
      id: 'find',
      label: 'toolbar.find',
      icon: 'search',
      shortcut: { key: 'F' },
      run: () => undefined,
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
