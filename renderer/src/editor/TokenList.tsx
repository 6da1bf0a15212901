import { useState } from 'react'
import { useI18n } from '../i18n/I18nContext.tsx'

/** A list of short texts (recipients, organisations): chips with a remove button, and an input. */
export function TokenList(props: {
  id: string
  label: string
  hint: string
  values: readonly string[]
  disabled: boolean
  suggestions?: readonly string[]
  onChange(values: string[]): void
}) {
  const { t, locale } = useI18n()
  const [draft, setDraft] = useState('')
  const { id, values } = props

  const add = () => {
    const value = draft.trim().replace(/\s+/g, ' ')
    if (value === '') return
    const known = values.some(
      (existing) => existing.toLocaleLowerCase(locale) === value.toLocaleLowerCase(locale),
    )
    if (!known) props.onChange([...values, value])
    setDraft('')
  }

  return (
    <div className="field">
      <label htmlFor={`${id}-input`} className="field-label">
        {props.label}
      </label>
      {values.length > 0 && (
        <ul className="tokens" aria-label={props.label}>
          {values.map((value) => (
            <li key={value} className="token">
              <span>{value}</span>
              {!props.disabled && (
                <button
                  type="button"
                  className="token-remove"
                  aria-label={t('meta.remove', { item: value })}
                  title={t('meta.remove', { item: value })}
                  onClick={() => props.onChange(values.filter((other) => other !== value))}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!props.disabled && (
        <div className="token-input">
          <input
            id={`${id}-input`}
            className="input"
            value={draft}
            list={props.suggestions ? `${id}-suggestions` : undefined}
            aria-describedby={`${id}-hint`}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => {
              if (event.key !== 'Enter') return
              event.preventDefault()
              add()
            }}
          />
          <button type="button" className="btn btn-secondary btn-small" onClick={add}>
            {t('meta.add')}
          </button>
          {props.suggestions && (
            <datalist id={`${id}-suggestions`}>
              {props.suggestions.map((suggestion) => (
                <option key={suggestion} value={suggestion} />
              ))}
            </datalist>
          )}
        </div>
      )}
      {!props.disabled && (
        <p id={`${id}-hint`} className="field-hint">
          {props.hint}
        </p>
      )}
    </div>
  )
}
