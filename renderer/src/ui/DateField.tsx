import { useEffect, useId, useState } from 'react'
import type { CalendarDate } from '../../../shared/model/index.ts'
import { useI18n } from '../i18n/I18nContext.tsx'
import { addDays, formatDateText, parseDateText } from './date-text.ts'

/**
 * A date typed in the UI's language and format (nb: dd.mm.åååå), not the browser's: Chromium's
 * `<input type="date">` follows the operating system's locale and ignores the page's `lang`, so
 * a Norwegian UI showed mm/dd/yyyy. The format is shown under the field; ↑ and ↓ move a day.
 */
export function DateField(props: {
  id: string
  label: string
  /** `YYYY-MM-DD`, or '' for none. */
  value: CalendarDate
  disabled?: boolean
  readOnly?: boolean
  /** Called with the date once the text is one, or null when it is empty or no date. */
  onChange(value: CalendarDate | null, valid: boolean): void
}) {
  const { t, locale } = useI18n()
  const hintId = useId()
  const errorId = useId()
  const shown = (value: string) => (value === '' ? '' : formatDateText(value, locale))
  const [text, setText] = useState(() => shown(props.value))
  const [focused, setFocused] = useState(false)
  const invalid = text.trim() !== '' && parseDateText(text, locale) === null

  // A value changed elsewhere (a partner, a reset) shows unless the user is typing in the field.
  useEffect(() => {
    if (!focused) setText(shown(props.value))
  }, [props.value, locale, focused])

  const commit = (next: string) => {
    setText(next)
    if (next.trim() === '') props.onChange(null, true)
    else {
      const parsed = parseDateText(next, locale)
      props.onChange(parsed, parsed !== null)
    }
  }

  return (
    <div className="date-field">
      <label className="field-label" htmlFor={props.id}>
        {props.label}
      </label>
      <input
        id={props.id}
        className="input"
        inputMode="numeric"
        autoComplete="off"
        value={text}
        placeholder={t('date.format')}
        disabled={props.disabled}
        readOnly={props.readOnly}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${hintId} ${errorId}` : hintId}
        onFocus={() => setFocused(true)}
        onBlur={() => {
          setFocused(false)
          const parsed = parseDateText(text, locale)
          if (parsed !== null) setText(formatDateText(parsed, locale))
        }}
        onChange={(event) => commit(event.target.value)}
        onKeyDown={(event) => {
          if (props.readOnly || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return
          const current = parseDateText(text, locale)
          if (current === null) return
          event.preventDefault()
          commit(formatDateText(addDays(current, event.key === 'ArrowUp' ? 1 : -1), locale))
        }}
      />
      <p id={hintId} className="field-hint">
        {t('date.hint', { format: t('date.format') })}
      </p>
      {invalid && (
        <p id={errorId} className="field-error" role="alert">
          {t('date.invalid', {
            format: t('date.format'),
            example: formatDateText('2026-12-03', locale),
          })}
        </p>
      )}
    </div>
  )
}
