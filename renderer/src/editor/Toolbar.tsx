import type { Editor } from '@tiptap/core'
import { useEditorState } from '@tiptap/react'
import { useRef, useState, type KeyboardEvent } from 'react'
import { useI18n } from '../i18n/I18nContext.tsx'
import { Icon } from '../ui/Icon.tsx'
import type { EditMode } from './suggesting.ts'
import { ariaShortcut, isMac, shortcutLabel } from './text-tools.ts'
import {
  TABLE_ACTIONS,
  TEXT_STYLES,
  TOOLBAR_GROUPS,
  readToolbarState,
  setTextStyle,
  type TextStyle,
  type ToolbarAction,
} from './toolbar-actions.ts'

const MAC = isMac()
const STYLE_KEYS = `${shortcutLabel({ key: '0', alt: true }, MAC)}–3`
const SUGGEST_KEYS = shortcutLabel({ key: 'X', alt: true, shift: true }, MAC)
const EDIT_KEYS = shortcutLabel({ key: 'Z', alt: true, shift: true }, MAC)

/** The tools that change a paper's structure, which suggesting mode cannot carry. */
const STRUCTURE_TOOLS = new Set([
  'heading1',
  'heading2',
  'bulletList',
  'orderedList',
  'table',
  ...TABLE_ACTIONS.map((action) => action.id),
])

/**
 * The formatting toolbar, as the WAI-ARIA toolbar pattern has it: one tab stop, arrow keys, Home
 * and End move between its controls, Esc returns to the text (Alt+F10 in the text comes here).
 * Unavailable buttons stay focusable with aria-disabled, so the arrow keys never skip silently.
 */
export function Toolbar(props: {
  editor: Editor
  mode: EditMode
  /** The member suggests and cannot choose otherwise (a reviewer, a paper set so). */
  modeForced: boolean
  onMode(mode: EditMode): void
  onLink(): void
  onFind(): void
}) {
  const { t } = useI18n()
  const { editor } = props
  const state = useEditorState({ editor, selector: ({ editor }) => readToolbarState(editor) })
  // What a suggestion cannot carry (lists, tables, text styles) stays out of reach meanwhile.
  const structureOff = props.mode === 'suggesting'
  const groups = state.table ? [...TOOLBAR_GROUPS, TABLE_ACTIONS] : TOOLBAR_GROUPS
  const actions = groups.flat()
  const [focusId, setFocusId] = useState('undo')
  const tabStop =
    focusId === 'style' || focusId === 'mode' || actions.some((a) => a.id === focusId)
      ? focusId
      : 'undo'
  const byPointer = useRef(false)

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault()
      editor.commands.focus()
      return
    }
    const controls = [...event.currentTarget.querySelectorAll<HTMLElement>('button, select')]
    const current = controls.indexOf(document.activeElement as HTMLElement)
    const next = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: -1 }[event.key]
    if (next === undefined || current === -1) return
    event.preventDefault()
    controls.at(next % controls.length)?.focus()
  }

  const button = (action: ToolbarAction) => {
    const label = t(action.label)
    const keys = action.shortcut && shortcutLabel(action.shortcut, MAC)
    const structural = structureOff && STRUCTURE_TOOLS.has(action.id)
    const disabled = (action.disabled?.(state) ?? false) || structural
    const text = typeof action.icon === 'string' ? null : action.icon.text
    // A button that shows text is named by that text first (WCAG 2.5.3, label in name).
    const name = text === null ? label : t('toolbar.textButton', { text, label })
    return (
      <button
        key={action.id}
        type="button"
        className="tool"
        data-tool={action.id}
        tabIndex={action.id === tabStop ? 0 : -1}
        aria-label={name}
        aria-pressed={action.pressed?.(state)}
        aria-disabled={disabled || undefined}
        aria-keyshortcuts={action.shortcut && ariaShortcut(action.shortcut, MAC)}
        title={
          structural
            ? t('suggesting.toolOff', { label })
            : keys
              ? t('toolbar.shortcut', { label, keys })
              : label
        }
        onMouseDown={(event) => event.preventDefault()}
        onFocus={() => setFocusId(action.id)}
        onClick={() => {
          if (disabled) return
          if (action.id === 'link') props.onLink()
          else if (action.id === 'find') props.onFind()
          else action.run(editor)
        }}
      >
        {text === null ? (
          <Icon name={action.icon as Exclude<ToolbarAction['icon'], { text: string }>} />
        ) : (
          <span className="tool-text" aria-hidden="true">
            {text}
          </span>
        )}
      </button>
    )
  }

  const styleMenu = (
    <select
      key="style"
      className="tool-style"
      data-tool="style"
      aria-label={t('toolbar.style')}
      aria-disabled={structureOff || undefined}
      title={
        structureOff
          ? t('suggesting.toolOff', { label: t('toolbar.style') })
          : t('toolbar.shortcut', { label: t('toolbar.style'), keys: STYLE_KEYS })
      }
      tabIndex={tabStop === 'style' ? 0 : -1}
      value={state.style ?? 'mixed'}
      onFocus={() => setFocusId('style')}
      onPointerDown={() => (byPointer.current = true)}
      onKeyDown={() => (byPointer.current = false)}
      onChange={(event) => {
        if (structureOff) return
        // Chosen with the mouse: back to the text, as in Google Docs. With the keyboard the menu
        // keeps focus, so the arrow keys can go on through the styles.
        setTextStyle(editor, event.target.value as TextStyle, byPointer.current)
      }}
    >
      {state.style === null && (
        <option value="mixed" disabled>
          {t('toolbar.style.mixed')}
        </option>
      )}
      {TEXT_STYLES.map((style) => (
        <option key={style} value={style}>
          {t(`toolbar.style.${style}`)}
        </option>
      ))}
    </select>
  )

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
          {i === 1 && styleMenu}
          {group.map(button)}
        </div>
      ))}
      <div className="tool-group tool-group-mode">
        {props.modeForced ? (
          <span
            className="tool-mode tool-mode-forced"
            data-mode="suggesting"
            title={t('suggesting.mode.forced')}
          >
            <Icon name="suggest" size={16} />
            {t('suggesting.mode.suggesting')}
          </span>
        ) : (
          <select
            className="tool-mode"
            data-tool="mode"
            data-mode={props.mode}
            aria-label={t('suggesting.mode.label')}
            title={t('suggesting.mode.hint', { suggest: SUGGEST_KEYS, edit: EDIT_KEYS })}
            tabIndex={tabStop === 'mode' ? 0 : -1}
            value={props.mode}
            onFocus={() => setFocusId('mode')}
            onChange={(event) => props.onMode(event.target.value as EditMode)}
          >
            <option value="editing">{t('suggesting.mode.editing')}</option>
            <option value="suggesting">{t('suggesting.mode.suggesting')}</option>
          </select>
        )}
      </div>
    </div>
  )
}
