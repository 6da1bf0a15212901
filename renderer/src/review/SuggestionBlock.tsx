import { useState } from 'react'
import type { Thread, Written } from '../../../shared/model/index.ts'
import { useI18n } from '../i18n/I18nContext.tsx'
import { Icon } from '../ui/Icon.tsx'
import { blockedProps, useWriteBlock } from '../workspace/write-block.ts'
import type { Placement } from './thread-order.ts'
import type { Review } from './use-review.ts'

/**
 * A thread's suggested wording: old struck through beside the new, Accept and Reject for those
 * who may decide, and both versions side by side when the text changed since it was suggested.
 */
export function SuggestionBlock(props: {
  thread: Thread
  placement: Placement
  canDecide: boolean
  review: Review
  onProblem(written: Written<unknown>): void
}) {
  const { t, format } = useI18n()
  const { thread, review } = props
  const suggestion = thread.suggestion
  const [changed, setChanged] = useState<string | null>(null)
  const [gone, setGone] = useState(false)
  const blocked = blockedProps(useWriteBlock())
  if (suggestion === null) return null
  const decision = thread.decision

  const accept = (force: boolean) => {
    const result = review.accept(thread, force)
    setGone(result.kind === 'gone')
    setChanged(result.kind === 'changed' ? result.current : null)
    if (result.kind === 'failed') {
      props.onProblem({ ok: false, problems: [{ path: '', message: result.reason }] })
    }
  }

  return (
    <section className="suggestion" aria-label={t('review.suggestion.label')}>
      <p className="suggestion-label">{t('review.suggestion.label')}</p>
      <p className="suggestion-diff">
        <del className="suggestion-diff-old">{decision?.replaced ?? thread.quote}</del>{' '}
        <ins className="suggestion-diff-new">{suggestion.text}</ins>
      </p>
      {decision !== null && (
        <p className={`suggestion-decision decision-${decision.outcome}`}>
          <Icon name={decision.outcome === 'accepted' ? 'check' : 'alert'} size={14} />
          {t(
            decision.outcome === 'accepted'
              ? 'review.suggestion.accepted'
              : 'review.suggestion.rejected',
            { name: decision.by.name, date: format.dateTime(decision.at) },
          )}
        </p>
      )}
      {changed !== null && (
        <div className="suggestion-changed" role="alert">
          <p>{t('review.suggestion.changed')}</p>
          <dl>
            <dt>{t('review.suggestion.then')}</dt>
            <dd>{thread.quote}</dd>
            <dt>{t('review.suggestion.current')}</dt>
            <dd>{changed}</dd>
          </dl>
          <div className="thread-actions">
            <button
              type="button"
              className="btn btn-small btn-primary"
              {...blocked}
              onClick={() => accept(true)}
            >
              {t('review.suggestion.applyAnyway')}
            </button>
            <button
              type="button"
              className="btn btn-small btn-quiet"
              onClick={() => setChanged(null)}
            >
              {t('review.thread.cancel')}
            </button>
          </div>
        </div>
      )}
      {gone && (
        <p className="suggestion-changed" role="alert">
          {t('review.suggestion.gone')}
        </p>
      )}
      {props.canDecide && changed === null && (
        <div className="thread-actions">
          <button
            type="button"
            className="btn btn-small btn-primary"
            {...blocked}
            onClick={(event) => {
              event.stopPropagation()
              accept(false)
            }}
          >
            <Icon name="check" size={14} />
            {t('review.suggestion.accept')}
          </button>
          <button
            type="button"
            className="btn btn-small btn-secondary"
            {...blocked}
            onClick={(event) => {
              event.stopPropagation()
              props.onProblem(review.reject(thread.id))
            }}
          >
            {t('review.suggestion.reject')}
          </button>
        </div>
      )}
    </section>
  )
}
