import type { Editor } from '@tiptap/core'
import { TextSelection } from '@tiptap/pm/state'
import { useEditorState } from '@tiptap/react'
import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { useI18n } from '../i18n/I18nContext.tsx'
import { Icon } from '../ui/Icon.tsx'
import {
  findState,
  replaceAll,
  replaceCurrent,
  setFind,
  stepFind,
  type FindQuery,
} from './find-replace.ts'

export type FindMode = 'find' | 'replace'

/**
 * Word's find and replace, inside the paper: every match highlighted, the current one stronger.
 * Enter and Shift+Enter (or F3 and Shift+F3) go to the next and previous match, Enter in the
 * replace field replaces the current one, Esc closes the bar and selects the match in the text.
 * "Replace all" is one change, so one undo takes it back.
 */
export function FindBar(props: {
  editor: Editor
  mode: FindMode
  /** Bumped on each Ctrl+F / Ctrl+H, so the bar takes focus again while open. */
  opened: number
  initial: string
  editable: boolean
  onMode(mode: FindMode): void
  onClose(): void
}) {
  const { t } = useI18n()
  const { editor } = props
  const view = editor.view
  const [query, setQuery] = useState<FindQuery>({
    text: props.initial,
    matchCase: false,
    wholeWord: false,
  })
  const [replacement, setReplacement] = useState('')
  const [replaced, setReplaced] = useState<number | null>(null)
  const found = useEditorState({
    editor,
    selector: ({ editor }) => {
      const state = findState(editor.state)
      return { total: state.matches.length, current: state.current }
    },
  })
  const findInput = useRef<HTMLInputElement>(null)
  const replaceInput = useRef<HTMLInputElement>(null)

  useEffect(() => {
    setFind(view, query.text === '' ? null : query)
  }, [view, query])
  useEffect(() => () => setFind(view, null), [view])
  useEffect(() => {
    const input = props.mode === 'replace' && props.editable ? replaceInput : findInput
    input.current?.focus()
    input.current?.select()
  }, [props.mode, props.opened, props.editable])
  useEffect(() => {
    if (found.current < 0) return
    // After the decorations are drawn: bring the current match into view.
    const frame = requestAnimationFrame(() =>
      view.dom.querySelector('.find-match.is-current')?.scrollIntoView({ block: 'center' }),
    )
    return () => cancelAnimationFrame(frame)
  }, [view, found.current, found.total])

  const close = () => {
    const { matches, current } = findState(view.state)
    const match = matches[current]
    props.onClose()
    if (match !== undefined) {
      view.dispatch(
        view.state.tr.setSelection(TextSelection.create(view.state.doc, match.from, match.to)),
      )
    }
    view.focus()
  }

  const step = (direction: 1 | -1) => {
    setReplaced(null)
    stepFind(view, direction)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault()
      close()
    } else if (event.key === 'F3') {
      event.preventDefault()
      step(event.shiftKey ? -1 : 1)
    }
  }

  const status =
    replaced !== null
      ? t('find.replaced', { count: replaced })
      : query.text === ''
        ? ''
        : found.total === 0
          ? t('find.none')
          : t('find.count', { current: found.current + 1, total: found.total })
  const replacing = props.mode === 'replace' && props.editable

  return (
    <div
      role="search"
      className="find-bar"
      aria-label={t('find.title')}
      onKeyDown={onKeyDown}
      onMouseDown={(event) => event.stopPropagation()}
    >
      <div className="find-row">
        <input
          ref={findInput}
          className="input input-small find-input"
          type="search"
          aria-label={t('find.label')}
          placeholder={t('find.label')}
          value={query.text}
          onChange={(event) => {
            setReplaced(null)
            setQuery({ ...query, text: event.target.value })
          }}
          onKeyDown={(event) => {
            if (event.key !== 'Enter') return
            event.preventDefault()
            step(event.shiftKey ? -1 : 1)
          }}
        />
        <span className="find-count" role="status">
          {status}
        </span>
        <button
          type="button"
          className="btn btn-small btn-quiet icon-button"
          aria-label={t('find.previous')}
          title={`${t('find.previous')} (Shift+F3)`}
          disabled={found.total === 0}
          onClick={() => step(-1)}
        >
          <Icon name="chevronUp" size={16} />
        </button>
        <button
          type="button"
          className="btn btn-small btn-quiet icon-button"
          aria-label={t('find.next')}
          title={`${t('find.next')} (F3)`}
          disabled={found.total === 0}
          onClick={() => step(1)}
        >
          <Icon name="chevronDown" size={16} />
        </button>
        <button
          type="button"
          className="btn btn-small btn-quiet icon-button find-close"
          aria-label={t('find.close')}
          title={`${t('find.close')} (Esc)`}
          onClick={close}
        >
          <Icon name="close" size={16} />
        </button>
      </div>
      {replacing && (
        <div className="find-row">
          <input
            ref={replaceInput}
            className="input input-small find-input"
            aria-label={t('find.replaceLabel')}
            placeholder={t('find.replaceLabel')}
            value={replacement}
            onChange={(event) => setReplacement(event.target.value)}
            onKeyDown={(event) => {
              if (event.key !== 'Enter') return
              event.preventDefault()
              setReplaced(null)
              replaceCurrent(view, replacement)
            }}
          />
          <button
            type="button"
            className="btn btn-small btn-secondary"
            disabled={found.total === 0}
            onClick={() => {
              setReplaced(null)
              replaceCurrent(view, replacement)
            }}
          >
            {t('find.replace')}
          </button>
          <button
            type="button"
            className="btn btn-small btn-secondary"
            disabled={found.total === 0}
            onClick={() => setReplaced(replaceAll(view, replacement))}
          >
            {t('find.replaceAll')}
          </button>
        </div>
      )}
      <div className="find-row find-options">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={query.matchCase}
            onChange={(event) => setQuery({ ...query, matchCase: event.target.checked })}
          />
          {t('find.matchCase')}
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={query.wholeWord}
            onChange={(event) => setQuery({ ...query, wholeWord: event.target.checked })}
          />
          {t('find.wholeWord')}
        </label>
        {props.editable && !replacing && (
          <button
            type="button"
            className="btn btn-small btn-quiet"
            onClick={() => props.onMode('replace')}
          >
            {t('find.showReplace')}
          </button>
        )}
      </div>
      {props.mode === 'replace' && !props.editable && (
        <p className="find-note muted">{t('find.readOnly')}</p>
      )}
    </div>
  )
}
