import type { Editor } from '@tiptap/core'
import { useEditorState } from '@tiptap/react'
import { useState, type KeyboardEvent } from 'react'
import { useI18n } from '../i18n/I18nContext.tsx'
import { Icon } from '../ui/Icon.tsx'
import { ariaShortcut, isMac, shortcutLabel } from './text-tools.ts'
import {
  TABLE_ACTIONS,
  TOOLBAR_GROUPS,
  readToolbarState,
  type ToolbarAction,
} from './toolbar-actions.ts'

const MAC = isMac()

/**
 * The formatting toolbar, as the WAI-ARIA toolbar pattern has it: one tab stop, arrow keys, Home
 * and End move between buttons, Esc returns to the text (Alt+F10 in the text comes here).
 * Unavailable buttons stay focusable with aria-disabled, so the arrow keys never skip silently.
 */
export function Toolbar(props: { editor: Editor; onLink(): void }) {
  const { t } = useI18n()
  const { editor } = props
  const state = useEditorState({ editor, selector: ({ editor }) => readToolbarState(editor) })
  const groups = state.table ? [...TOOLBAR_GROUPS, TABLE_ACTIONS] : TOOLBAR_GROUPS
  const actions = groups.flat()
  const [focusId, setFocusId] = useState('undo')
  const tabStop = actions.some((action) => action.id === focusId) ? focusId : 'undo'

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault()
      editor.commands.focus()
      return
    }
    const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button')]
    const current = buttons.indexOf(document.activeElement as HTMLButtonElement)
    const next = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: -1 }[event.key]
    if (next === undefined || current === -1) return
    event.preventDefault()
    buttons.at(next % buttons.length)?.focus()
  }

  const button = (action: ToolbarAction) => {
    const label = t(action.label)
    const keys = action.shortcut && shortcutLabel(action.shortcut, MAC)
    const disabled = action.disabled?.(state) ?? false
    return (
      <button
        key={action.id}
        type="button"
        className="tool"
        data-tool={action.id}
        tabIndex={action.id === tabStop ? 0 : -1}
        aria-label={label}
        aria-pressed={action.pressed?.(state)}
        aria-disabled={disabled || undefined}
        aria-keyshortcuts={action.shortcut && ariaShortcut(action.shortcut, MAC)}
        title={keys ? t('toolbar.shortcut', { label, keys }) : label}
        onMouseDown={(event) => event.preventDefault()}
        onFocus={() => setFocusId(action.id)}
        onClick={() => {
          if (disabled) return
          if (action.id === 'link') props.onLink()
          else action.run(editor)
        }}
      >
        {typeof action.icon === 'string' ? (
          <Icon name={action.icon} />
        ) : (
          <span className="tool-text" aria-hidden="true">
            {action.icon.text}
          </span>
        )}
      </button>
    )
  }

  return (
    <div
      className="toolbar"
      role="toolbar"
      aria-label={t('toolbar.label')}
      aria-controls="paper-body"
      onKeyDown={onKeyDown}
    >
      {groups.map((group, i) => (
        <div
          key={group === TABLE_ACTIONS ? 'table' : i}
          className={group === TABLE_ACTIONS ? 'tool-group tool-group-table' : 'tool-group'}
        >
          {group.map(button)}
        </div>
      ))}
    </div>
  )
}
