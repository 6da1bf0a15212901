import { useState } from 'react'
import type { Written } from '../../../shared/model/index.ts'
import { useI18n } from '../i18n/I18nContext.tsx'
import { blockedProps, useWriteBlock } from '../workspace/write-block.ts'
import type { Review } from './use-review.ts'

/** The new-comment form: the quoted text, the comment, and optionally new wording for it. */
export function CommentComposer(props: {
  review: Review
  onProblem(written: Written<unknown>): void
  /** In the margin beside the text (the side panel otherwise). */
  inMargin?: boolean
}) {
  const { t } = useI18n()
  const { review } = props
  // Each field starts from, and writes through to, the draft: a form drawn again keeps them.
  const form = review.draft?.form ?? null
  const [text, setTextState] = useState(form?.text ?? '')
  const [suggesting, setSuggestingState] = useState(form?.suggesting ?? false)
  const [suggestion, setSuggestionState] = useState(form?.suggestion ?? '')
  const setText = (value: string) => {
    if (form !== null) form.text = value
    setTextState(value)
  }
  const setSuggesting = (value: boolean) => {
    if (form !== null) form.suggesting = value
    setSuggestingState(value)
  }
  const setSuggestion = (value: string) => {
    if (form !== null) form.suggestion = value
    setSuggestionState(value)
  }
  const [empty, setEmpty] = useState(false)
  // Access revoked while the comment was being written: the text stays, nothing is sent.
  const block = useWriteBlock()
  if (review.draft === null) return null

  const submit = () => {
    if (block !== null) return
    const wording = suggesting && suggestion.trim() !== '' ? suggestion : null
    if (text.trim() === '' && wording === null) {
      setEmpty(true)
      return
    }
    props.onProblem(review.add(text.trim(), wording))
  }

  return (
    <form
      className={props.inMargin ? 'composer composer-margin' : 'composer'}
      data-composer
      aria-labelledby="composer-title"
      onSubmit={(event) => {
        event.preventDefault()
        submit()
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault()
          review.cancelDraft()
        } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault()
          submit()
        }
      }}
    >
      <h3 id="composer-title" className="composer-title">
        {t('review.composer.title')}
      </h3>
      <p className="visually-hidden">{t('review.composer.on')}</p>
      <blockquote className="thread-quote">
        <span className="thread-quote-text">{review.draft.quote}</span>
      </blockquote>
      <label className="field-label" htmlFor="composer-text">
        {t('review.composer.text')}
      </label>
      <textarea
        id="composer-text"
        className="input thread-input"
        rows={3}
        autoFocus
        value={text}
        readOnly={block !== null}
        aria-invalid={empty || undefined}
        aria-describedby={empty ? 'composer-empty' : undefined}
        onChange={(event) => {
          setText(event.target.value)
          setEmpty(false)
        }}
      />
      <label className="checkbox">
        <input
          type="checkbox"
          checked={suggesting}
          onChange={(event) => setSuggesting(event.target.checked)}
        />
        {t('review.composer.suggest')}
      </label>
      {suggesting && (
        <>
          <label className="field-label" htmlFor="composer-suggestion">
            {t('review.composer.suggestion')}
          </label>
          <textarea
            id="composer-suggestion"
            className="input thread-input"
            rows={2}
            value={suggestion}
            onChange={(event) => {
              setSuggestion(event.target.value)
              setEmpty(false)
            }}
          />
        </>
      )}
      {empty && (
        <p id="composer-empty" className="field-error" role="alert">
          {t('review.composer.empty')}
        </p>
      )}
      <div className="thread-actions">
        <button type="submit" className="btn btn-small btn-primary" {...blockedProps(block)}>
          {suggesting ? t('review.composer.submitSuggestion') : t('review.composer.submit')}
        </button>
        <button type="button" className="btn btn-small btn-quiet" onClick={review.cancelDraft}>
          {t('review.composer.cancel')}
        </button>
      </div>
    </form>
  )
}
