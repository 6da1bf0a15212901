import { useMemo, useState } from 'react'
import type { Written } from '../../../shared/model/index.ts'
import { useI18n } from '../i18n/I18nContext.tsx'
import { Icon } from '../ui/Icon.tsx'
import { problemsText } from '../ui/error-text.ts'
import { blockedProps, useWriteBlock } from '../workspace/write-block.ts'
import { GoneSuggestionCard, SuggestionCard, VanishedSuggestionCard } from './SuggestionCard.tsx'
import { groupWhich, type SuggestionGroup, type Suggestions } from './use-suggestions.ts'

/**
 * The paper's open suggestions in the side panel: how many, Accept all and Reject all (everyone's,
 * one member's or one organisation's), the cards the margin does not show, and the discussed
 * suggestions whose text was deleted meanwhile.
 */
export function SuggestionsPanel(props: {
  suggestions: Suggestions
  canDecide: boolean
  /** The margin shows the cards beside the text: only the totals and bulk actions are here. */
  cardsInMargin: boolean
}) {
  const { t, locale } = useI18n()
  const { suggestions } = props
  const blocked = blockedProps(useWriteBlock())
  const [group, setGroup] = useState('all')
  const [problem, setProblem] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const onProblem = (written: Written<unknown>) =>
    setProblem(written.ok ? null : t('review.failed', { reason: problemsText(written.problems) }))

  const { members, organisations } = useMemo(() => {
    const byMember = new Map<string, { memberId: string; name: string; organisation: string }>()
    for (const entry of suggestions.list) byMember.set(entry.author.memberId, entry.author)
    const collator = new Intl.Collator(locale)
    return {
      members: [...byMember.values()].sort((a, b) => collator.compare(a.name, b.name)),
      organisations: [...new Set([...byMember.values()].map((m) => m.organisation))].sort(
        collator.compare,
      ),
    }
  }, [suggestions.list, locale])

  const chosen: SuggestionGroup = group.startsWith('m:')
    ? { kind: 'member', memberId: group.slice(2) }
    : group.startsWith('o:')
      ? { kind: 'organisation', organisation: group.slice(2) }
      : { kind: 'all' }
  const which = groupWhich(chosen)
  const count = suggestions.list.filter((entry) => which(entry.author)).length

  const decideAll = (how: 'accept' | 'reject') => {
    const decided = suggestions.decide(which, how)
    setDone(
      decided === 0
        ? null
        : t(how === 'accept' ? 'suggesting.bulk.accepted' : 'suggesting.bulk.rejected', {
            count: decided,
          }),
    )
    setGroup('all')
  }

  const nothing =
    suggestions.list.length === 0 &&
    suggestions.gone.length === 0 &&
    suggestions.vanished.length === 0
  if (nothing && done === null) return null
  return (
    <section className="suggestions-panel" aria-labelledby="suggestions-title">
      <h3 id="suggestions-title" className="suggestions-title">
        <Icon name="suggest" size={16} />
        {t('suggesting.list.count', { count: suggestions.list.length })}
      </h3>
      {done !== null && (
        <p className="muted suggestions-done" role="status">
          {done}
        </p>
      )}
      {problem !== null && (
        <p className="notice notice-error" role="alert">
          {problem}
        </p>
      )}
      {props.canDecide && suggestions.list.length > 0 && (
        <div className="suggestions-bulk" role="group" aria-label={t('suggesting.bulk.label')}>
          <select
            className="input input-small"
            aria-label={t('suggesting.bulk.who')}
            value={group}
            onChange={(event) => setGroup(event.target.value)}
          >
            <option value="all">{t('suggesting.bulk.everyone')}</option>
            {members.map((member) => (
              <option key={member.memberId} value={`m:${member.memberId}`}>
                {t('suggesting.bulk.member', member)}
              </option>
            ))}
            {organisations.map((organisation) => (
              <option key={organisation} value={`o:${organisation}`}>
                {t('suggesting.bulk.organisation', { organisation })}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="btn btn-small btn-secondary"
            disabled={count === 0}
            {...blocked}
            onClick={() => decideAll('accept')}
          >
            {t('suggesting.bulk.accept', { count })}
          </button>
          <button
            type="button"
            className="btn btn-small btn-secondary"
            disabled={count === 0}
            {...blocked}
            onClick={() => decideAll('reject')}
          >
            {t('suggesting.bulk.reject', { count })}
          </button>
        </div>
      )}
      {suggestions.list.length > 0 && (
        <p className="muted suggestions-keys">{t('suggesting.keys')}</p>
      )}
      {!props.cardsInMargin && suggestions.list.length > 0 && (
        <ol className="thread-list">
          {suggestions.list.map((entry) => (
            <li key={entry.id}>
              <SuggestionCard
                entry={entry}
                suggestions={suggestions}
                canDecide={props.canDecide}
                onProblem={onProblem}
                onDecided={() => setDone(null)}
              />
            </li>
          ))}
        </ol>
      )}
      {suggestions.vanished.length > 0 && (
        <ol className="thread-list">
          {suggestions.vanished.map((entry) => (
            <li key={entry.id}>
              <VanishedSuggestionCard
                entry={entry}
                onDismiss={() => suggestions.dismissVanished(entry.id)}
              />
            </li>
          ))}
        </ol>
      )}
      {suggestions.gone.length > 0 && (
        <ol className="thread-list">
          {suggestions.gone.map((thread) => (
            <li key={thread.id}>
              <GoneSuggestionCard thread={thread} suggestions={suggestions} onProblem={onProblem} />
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
