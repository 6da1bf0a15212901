import { useEffect, useRef, useState } from 'react'
import type { Written } from '../../../shared/model/index.ts'
import type { Role } from '../../../shared/protocol/index.ts'
import { useI18n } from '../i18n/I18nContext.tsx'
import { Icon } from '../ui/Icon.tsx'
import { problemsText } from '../ui/error-text.ts'
import { blockedProps, useWriteBlock } from '../workspace/write-block.ts'
import { CommentComposer } from './CommentComposer.tsx'
import { REVIEW_KEYS, keysLabel } from './review-keys.ts'
import { filterThreads, organisationsOf, type ThreadFilter } from './thread-order.ts'
import { ThreadCard } from './ThreadCard.tsx'
import { ADD_COMMENT, nextFocus, type Review } from './use-review.ts'

/**
 * The paper's threads in document order, with filters, the new-comment form and navigation. On a
 * wide window the threads in the text are in the margin beside it (`inMargin`), and this list
 * holds the rest: those whose text is gone or not here yet, and resolved ones when asked for.
 */
export function ReviewPanel(props: {
  review: Review
  role: Role
  bodyLocked: boolean
  waiting: ReadonlySet<string>
  filter: ThreadFilter
  onFilter(filter: ThreadFilter): void
  /** Ids of the threads the margin shows; empty without a margin. */
  inMargin: ReadonlySet<string>
  /** The margin writes new comments beside the text: the form is not here then. */
  composerInMargin: boolean
}) {
  const { t, locale } = useI18n()
  const { review, filter } = props
  const [problem, setProblem] = useState<string | null>(null)
  const filtered = filterThreads(review.threads, filter, review.author.memberId)
  const shown = filtered.filter((placed) => !props.inMargin.has(placed.thread.id))
  const organisations = organisationsOf(review.threads, locale)
  const onProblem = (written: Written<unknown>) =>
    setProblem(written.ok ? null : t('review.failed', { reason: problemsText(written.problems) }))
  const addButton = useRef<HTMLButtonElement>(null)
  const block = useWriteBlock()
  useEffect(() => {
    if (review.focus?.target === ADD_COMMENT) addButton.current?.focus()
  }, [review.focus])
  // A card that stays (resolved while all are shown) keeps focus; otherwise the next one takes it.
  const onGone = (id: string, change: 'state' | 'deleted') =>
    review.requestFocus(
      change === 'state' && filter.state === 'all' && !props.inMargin.has(id)
        ? id
        : nextFocus(
            shown.map((placed) => placed.thread.id),
            id,
          ),
    )

  return (
    <section className="review-panel" aria-labelledby="review-title">
      <div className="review-head">
        <h2 id="review-title" className="visually-hidden">
          {t('review.title')}
        </h2>
        <div className="review-nav">
          <button
            type="button"
            className="btn btn-small btn-quiet icon-button"
            title={t('review.previous', { keys: keysLabel(REVIEW_KEYS.previous) })}
            aria-label={t('review.previous', { keys: keysLabel(REVIEW_KEYS.previous) })}
            onClick={() => review.step(-1)}
          >
            <Icon name="chevronUp" size={16} />
          </button>
          <button
            type="button"
            className="btn btn-small btn-quiet icon-button"
            title={t('review.next', { keys: keysLabel(REVIEW_KEYS.next) })}
            aria-label={t('review.next', { keys: keysLabel(REVIEW_KEYS.next) })}
            onClick={() => review.step(1)}
          >
            <Icon name="chevronDown" size={16} />
          </button>
          <button
            ref={addButton}
            type="button"
            className="btn btn-small btn-secondary"
            title={t('review.addHint', { keys: keysLabel(REVIEW_KEYS.add) })}
            {...blockedProps(block)}
            onMouseDown={(event) => event.preventDefault()}
            onClick={review.startDraft}
          >
            <Icon name="comment" size={16} />
            {t('review.add')}
          </button>
        </div>
      </div>
      {review.needsSelection && (
        <p className="notice notice-info review-hint" role="status">
          {t('review.selectFirst')}
        </p>
      )}
      {review.draft !== null && !props.composerInMargin && (
        <CommentComposer review={review} onProblem={onProblem} />
      )}
      {problem !== null && (
        <p className="notice notice-error" role="alert">
          {problem}
        </p>
      )}
      <div className="review-filters" role="group" aria-label={t('review.filter.label')}>
        <div className="segmented" role="radiogroup" aria-label={t('review.filter.label')}>
          {(['open', 'resolved', 'all'] as const).map((state) => (
            <button
              key={state}
              type="button"
              role="radio"
              aria-checked={filter.state === state}
              className={filter.state === state ? 'is-selected' : undefined}
              onClick={() => props.onFilter({ ...filter, state })}
            >
              {t(`review.filter.${state}`)}
            </button>
          ))}
        </div>
        <select
          className="input input-small"
          aria-label={t('review.filter.organisation')}
          value={filter.organisation}
          onChange={(event) => props.onFilter({ ...filter, organisation: event.target.value })}
        >
          <option value="">{t('review.filter.allOrganisations')}</option>
          {organisations.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={filter.mine}
            onChange={(event) => props.onFilter({ ...filter, mine: event.target.checked })}
          />
          {t('review.filter.mine')}
        </label>
      </div>
      {props.inMargin.size > 0 && (
        <p className="review-margin-note muted">
          {t('review.margin.elsewhere', { count: props.inMargin.size })}
        </p>
      )}
      {shown.length === 0 ? (
        props.inMargin.size === 0 && (
          <p className="review-empty muted">
            {review.threads.length === 0
              ? t('review.empty', { keys: keysLabel(REVIEW_KEYS.add) })
              : t('review.emptyFiltered')}
          </p>
        )
      ) : (
        <ol className="thread-list">
          {shown.map((placed) => (
            <li key={placed.thread.id}>
              <ThreadCard
                placed={placed}
                review={review}
                role={props.role}
                bodyLocked={props.bodyLocked}
                waiting={props.waiting}
                onProblem={onProblem}
                onGone={onGone}
              />
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
