import { useEffect, useRef } from 'react'
import {
  trackedById,
  type PlacedSuggestion,
  type Thread,
  type Written,
} from '../../../shared/model/index.ts'
import { useI18n } from '../i18n/I18nContext.tsx'
import { Icon } from '../ui/Icon.tsx'
import { blockedProps, useWriteBlock } from '../workspace/write-block.ts'
import { AuthorLine, TextForm } from './ThreadCard.tsx'
import type { SuggestionEntry, Suggestions } from './use-suggestions.ts'

/** Longest quote a card shows of a suggestion's text; the rest is in the paper. */
const QUOTE_CHARS = 160

const clip = (text: string) =>
  text.length > QUOTE_CHARS ? `${text.slice(0, QUOTE_CHARS - 1)}…` : text

/**
 * One suggestion (tracked change) in the margin or the side panel, as in Google Docs: who
 * suggested what and when, Accept and Reject for those who may decide, and a conversation.
 */
export function SuggestionCard(props: {
  entry: SuggestionEntry
  suggestions: Suggestions
  /** Editors and the coordinator, while the text can change. */
  canDecide: boolean
  compact?: boolean
  onProblem(written: Written<unknown>): void
  onDecided(id: string): void
}) {
  const { t } = useI18n()
  const { entry, suggestions } = props
  const blocked = blockedProps(useWriteBlock())
  const active = suggestions.active === entry.id
  const open = !props.compact || active
  const card = useRef<HTMLElement>(null)
  useEffect(() => {
    if (active) card.current?.focus({ preventScroll: true })
  }, [active])

  const decide = (how: 'accept' | 'reject') => {
    if (suggestions.decide(trackedById(entry.id), how) > 0) props.onDecided(entry.id)
  }

  return (
    <article
      ref={card}
      tabIndex={-1}
      className={`thread-card suggestion-card${active ? ' is-active' : ''}${open ? '' : ' is-compact'}`}
      aria-label={t('suggesting.card.label', { name: entry.author.name })}
      aria-current={active || undefined}
      data-suggestion-card={entry.id}
      data-member={entry.author.memberId}
      onClick={() => {
        if (!active) suggestions.activate(entry.id, { reveal: true })
      }}
    >
      <header className="thread-head">
        <AuthorLine author={entry.author} at={entry.author.at} edited={null} />
      </header>
      <SuggestionSummary entry={entry} />
      {props.canDecide && (
        <div className="thread-actions suggestion-actions">
          <button
            type="button"
            className="btn btn-small btn-primary"
            aria-label={t('suggesting.acceptNamed', { name: entry.author.name })}
            {...blocked}
            onClick={(event) => {
              event.stopPropagation()
              decide('accept')
            }}
          >
            <Icon name="check" size={14} />
            {t('suggesting.accept')}
          </button>
          <button
            type="button"
            className="btn btn-small btn-secondary"
            aria-label={t('suggesting.rejectNamed', { name: entry.author.name })}
            {...blocked}
            onClick={(event) => {
              event.stopPropagation()
              decide('reject')
            }}
          >
            <Icon name="close" size={14} />
            {t('suggesting.reject')}
          </button>
        </div>
      )}
      {entry.thread !== null && <Conversation thread={entry.thread} open={open} />}
      {active && (
        <TextForm
          label={t('suggesting.replyLabel', { name: entry.author.name })}
          submit={t('review.thread.send')}
          initial=""
          clearOnSubmit
          onSubmit={(text) => {
            const written = suggestions.reply(entry, text)
            props.onProblem(written)
            return written.ok
          }}
        />
      )}
    </article>
  )
}

/** What a suggestion does, in words and with its text: insert, delete, replace, format, break. */
function SuggestionSummary(props: { entry: PlacedSuggestion }) {
  const { t } = useI18n()
  const { kinds, inserted, deleted } = props.entry
  const lines: { key: string; label: string; text?: string; kind: 'ins' | 'del' | 'other' }[] = []
  if (inserted !== '' && deleted !== '') {
    lines.push({ key: 'del', label: t('suggesting.card.replace'), text: deleted, kind: 'del' })
    lines.push({ key: 'ins', label: t('suggesting.card.with'), text: inserted, kind: 'ins' })
  } else if (inserted !== '') {
    lines.push({ key: 'ins', label: t('suggesting.card.insert'), text: inserted, kind: 'ins' })
  } else if (deleted !== '') {
    lines.push({ key: 'del', label: t('suggesting.card.delete'), text: deleted, kind: 'del' })
  }
  if (kinds.includes('format')) {
    lines.push({ key: 'format', label: t('suggesting.card.format'), kind: 'other' })
  }
  if (kinds.includes('split')) {
    lines.push({ key: 'split', label: t('suggesting.card.split'), kind: 'other' })
  }
  if (kinds.includes('join')) {
    lines.push({ key: 'join', label: t('suggesting.card.join'), kind: 'other' })
  }
  return (
    <ul className="suggestion-summary">
      {lines.map((line) => (
        <li key={line.key}>
          <span className="suggestion-kind">{line.label}</span>
          {line.text !== undefined &&
            (line.kind === 'ins' ? (
              <ins className="suggestion-text">{clip(line.text)}</ins>
            ) : (
              <del className="suggestion-text">{clip(line.text)}</del>
            ))}
        </li>
      ))}
    </ul>
  )
}

function Conversation(props: { thread: Thread; open: boolean }) {
  const { t } = useI18n()
  const { thread } = props
  const messages = [
    { id: thread.id, author: thread.author, at: thread.createdAt, text: thread.text },
    ...thread.replies.map((reply) => ({
      id: reply.id,
      author: reply.author,
      at: reply.createdAt,
      text: reply.text,
    })),
  ].filter((message) => message.text.trim() !== '')
  if (messages.length === 0) return null
  if (!props.open) {
    return (
      <p className="thread-reply-count muted">
        {t('review.thread.replies', { count: messages.length })}
      </p>
    )
  }
  return (
    <ol
      className="thread-replies"
      aria-label={t('review.thread.replies', { count: messages.length })}
    >
      {messages.map((message) => (
        <li key={message.id} className="thread-reply">
          <div className="thread-head">
            <AuthorLine author={message.author} at={message.at} edited={null} />
          </div>
          <p className="thread-text">{message.text}</p>
        </li>
      ))}
    </ol>
  )
}

/** A discussed suggestion whose text someone deleted meanwhile: nothing is left to decide. */
export function GoneSuggestionCard(props: {
  thread: Thread
  suggestions: Suggestions
  onProblem(written: Written<unknown>): void
}) {
  const { t } = useI18n()
  const { thread } = props
  const blocked = blockedProps(useWriteBlock())
  return (
    <article
      className="thread-card suggestion-card is-gone"
      aria-label={t('suggesting.gone.label', { name: thread.author.name })}
      data-gone-suggestion={thread.tracked ?? ''}
    >
      <p className="thread-badge">
        <Icon name="trash" size={14} />
        {t('suggesting.gone')}
      </p>
      <blockquote className="thread-quote">
        <span className="thread-quote-text">{thread.quote}</span>
      </blockquote>
      <Conversation thread={thread} open />
      <div className="thread-actions">
        <button
          type="button"
          className="btn btn-small btn-quiet"
          {...blocked}
          onClick={() => props.onProblem(props.suggestions.dismiss(thread.id))}
        >
          {t('suggesting.dismiss')}
        </button>
      </div>
    </article>
  )
}

/** A suggestion a partner's change took out of the text without a decision, this session. */
export function VanishedSuggestionCard(props: { entry: PlacedSuggestion; onDismiss(): void }) {
  const { t } = useI18n()
  const { entry } = props
  return (
    <article
      className="thread-card suggestion-card is-gone"
      aria-label={t('suggesting.gone.label', { name: entry.author.name })}
      data-vanished-suggestion={entry.id}
      data-member={entry.author.memberId}
    >
      <header className="thread-head">
        <AuthorLine author={entry.author} at={entry.author.at} edited={null} />
      </header>
      <p className="thread-badge">
        <Icon name="trash" size={14} />
        {t('suggesting.vanished')}
      </p>
      <SuggestionSummary entry={entry} />
      <div className="thread-actions">
        <button type="button" className="btn btn-small btn-quiet" onClick={props.onDismiss}>
          {t('suggesting.dismiss')}
        </button>
      </div>
    </article>
  )
}
