import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import type { Author, Reply, Thread, Written } from '../../../shared/model/index.ts'
import { replyRights, threadRights, type Viewer } from '../../../shared/policy/index.ts'
import type { Role } from '../../../shared/protocol/index.ts'
import { useI18n } from '../i18n/I18nContext.tsx'
import { useMemberColor } from '../sync/member-colors.ts'
import { Avatar } from '../ui/Avatar.tsx'
import { Icon } from '../ui/Icon.tsx'
import { blockedProps, useWriteBlock } from '../workspace/write-block.ts'
import { SuggestionBlock } from './SuggestionBlock.tsx'
import type { PlacedThread } from './thread-order.ts'
import type { Review } from './use-review.ts'

/**
 * One thread: the quote it is on, the comment, its suggestion and replies. In the margin
 * (`compact`) an inactive card shows the comment only, as in Google Docs; activating it opens it.
 */
export function ThreadCard(props: {
  placed: PlacedThread
  review: Review
  role: Role
  bodyLocked: boolean
  /** Comments (`thread` and `thread/reply` ids) the relay has not got yet. */
  waiting: ReadonlySet<string>
  compact?: boolean
  onProblem(written: Written<unknown>): void
  /**
   * The thread was resolved, reopened (`state`) or deleted: its card may leave the list, and the
   * button used with it, so the list moves focus on.
   */
  onGone(threadId: string, change: 'state' | 'deleted'): void
}) {
  const { t, format } = useI18n()
  const { placed, review, onProblem } = props
  const { thread, placement } = placed
  const viewer: Viewer = { memberId: review.author.memberId, role: props.role }
  const rights = threadRights(viewer, thread, props.bodyLocked)
  // Revoked: the buttons stay where they were, turned off, pointing at the reason.
  const blocked = blockedProps(useWriteBlock())
  const active = review.active === thread.id
  const open = !props.compact || active
  const [editing, setEditing] = useState(false)
  const [confirmDelete, setConfirmDelete] = useState(false)
  const check = (written: Written<unknown>) => (onProblem(written), written.ok)
  const card = useRef<HTMLElement>(null)
  const editButton = useRef<HTMLButtonElement>(null)
  const deleteButton = useRef<HTMLButtonElement>(null)
  const wasEditing = useRef(false)

  useEffect(() => {
    if (review.focus?.target === thread.id) card.current?.focus()
  }, [review.focus, thread.id])
  // Leaving the edit form, or the delete question, focus goes back to the button that opened it.
  useEffect(() => {
    if (wasEditing.current && !editing) editButton.current?.focus()
    wasEditing.current = editing
  }, [editing])
  const cancelDelete = () => {
    setConfirmDelete(false)
    requestAnimationFrame(() => deleteButton.current?.focus())
  }
  const leaving = (written: Written<unknown>, change: 'state' | 'deleted') => {
    if (written.ok) props.onGone(thread.id, change)
    return check(written)
  }

  return (
    <article
      ref={card}
      tabIndex={-1}
      className={`thread-card${active ? ' is-active' : ''}${thread.state === 'resolved' ? ' is-resolved' : ''}${open ? '' : ' is-compact'}`}
      aria-label={t('review.thread.label', thread.author)}
      aria-current={active || undefined}
      data-thread-card={thread.id}
      onClick={() => {
        if (!active) review.activate(thread.id, { reveal: true })
      }}
    >
      <header className="thread-head">
        <AuthorLine author={thread.author} at={thread.createdAt} edited={thread.editedAt} />
      </header>
      {/* A closed card in the margin shows no replies: it says so for a waiting reply too. */}
      {(props.waiting.has(thread.id) ||
        (!open &&
          thread.replies.some((reply) => props.waiting.has(`${thread.id}/${reply.id}`)))) && (
        <NotSent />
      )}
      {open && (
        <blockquote className={`thread-quote placement-${placement}`}>
          {placement !== 'text' && (
            <span className="thread-badge">
              <Icon name={placement === 'removed' ? 'trash' : 'sync'} size={14} />
              {placement === 'removed' ? t('review.thread.removed') : t('review.thread.pending')}
            </span>
          )}
          <span className="thread-quote-text">{thread.quote}</span>
        </blockquote>
      )}
      {editing ? (
        <TextForm
          label={t('review.thread.editLabel')}
          initial={thread.text}
          submit={t('review.thread.save')}
          onSubmit={(text) => {
            const ok = check(review.edit(thread.id, null, text))
            if (ok) setEditing(false)
            return ok
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        thread.text.trim() !== '' && <p className="thread-text">{thread.text}</p>
      )}
      {thread.suggestion !== null && open && (
        <SuggestionBlock
          thread={thread}
          placement={placement}
          canDecide={rights.decide}
          review={review}
          onProblem={onProblem}
        />
      )}
      {thread.replies.length > 0 && !open && (
        <p className="thread-reply-count muted">
          {t('review.thread.replies', { count: thread.replies.length })}
        </p>
      )}
      {thread.replies.length > 0 && open && (
        <ol
          className="thread-replies"
          aria-label={t('review.thread.replies', { count: thread.replies.length })}
        >
          {thread.replies.map((reply) => (
            <ReplyItem
              key={reply.id}
              thread={thread}
              reply={reply}
              review={review}
              viewer={viewer}
              waiting={props.waiting.has(`${thread.id}/${reply.id}`)}
              onProblem={onProblem}
            />
          ))}
        </ol>
      )}
      {thread.state === 'resolved' && thread.resolvedBy !== null && thread.decision === null && (
        <p className="thread-resolved">
          <Icon name="check" size={14} />
          {t('review.thread.resolvedBy', {
            name: thread.resolvedBy.name,
            date: format.dateTime(thread.resolvedAt ?? 0),
          })}
        </p>
      )}
      {active && thread.state === 'open' && (
        <TextForm
          label={t('review.thread.replyLabel', { name: thread.author.name })}
          submit={t('review.thread.send')}
          initial=""
          clearOnSubmit
          onSubmit={(text) => check(review.reply(thread.id, text))}
        />
      )}
      {!open ? null : confirmDelete ? (
        <div
          className="thread-confirm"
          role="alertdialog"
          aria-label={t('review.thread.deleteConfirm')}
          onKeyDown={(event) => {
            if (event.key !== 'Escape') return
            event.stopPropagation()
            cancelDelete()
          }}
        >
          <p>{t('review.thread.deleteConfirm')}</p>
          <button
            type="button"
            className="btn btn-small btn-danger"
            autoFocus
            onClick={() => leaving(review.remove(thread.id, null), 'deleted')}
          >
            {t('review.thread.deleteConfirmButton')}
          </button>
          <button type="button" className="btn btn-small btn-quiet" onClick={cancelDelete}>
            {t('review.thread.cancel')}
          </button>
        </div>
      ) : (
        <Actions>
          {rights.resolve && thread.state === 'open' && (
            <button
              type="button"
              className="btn btn-small btn-secondary"
              {...blocked}
              onClick={() => leaving(review.resolve(thread.id), 'state')}
            >
              <Icon name="check" size={14} />
              {t('review.thread.resolve')}
            </button>
          )}
          {rights.resolve && thread.state === 'resolved' && (
            <button
              type="button"
              className="btn btn-small btn-quiet"
              {...blocked}
              onClick={() => leaving(review.reopen(thread.id), 'state')}
            >
              {t('review.thread.reopen')}
            </button>
          )}
          {rights.edit && !editing && (
            <button
              ref={editButton}
              type="button"
              className="btn btn-small btn-quiet"
              {...blocked}
              onClick={() => setEditing(true)}
            >
              {t('review.thread.edit')}
            </button>
          )}
          {rights.delete && (
            <button
              ref={deleteButton}
              type="button"
              className="btn btn-small btn-quiet"
              {...blocked}
              onClick={() => setConfirmDelete(true)}
            >
              {t('review.thread.delete')}
            </button>
          )}
        </Actions>
      )}
    </article>
  )
}

/**
 * On each card of a comment the relay does not have yet (stored on this computer); once access is
 * revoked it never will, and the card says so.
 */
function NotSent() {
  const { t } = useI18n()
  const revoked = useWriteBlock() !== null
  return (
    <p
      className={revoked ? 'thread-not-sent is-revoked' : 'thread-not-sent'}
      title={t(revoked ? 'review.thread.notSentRevokedHint' : 'review.thread.notSentHint')}
    >
      <Icon name="cloudOff" size={14} />
      {t(revoked ? 'review.thread.notSentRevoked' : 'review.thread.notSent')}
    </p>
  )
}

function Actions(props: { children: ReactNode }) {
  return <div className="thread-actions">{props.children}</div>
}

function AuthorLine(props: { author: Author; at: number; edited: number | null }) {
  const { t, format } = useI18n()
  const colorOf = useMemberColor()
  return (
    <>
      <Avatar name={props.author.name} color={colorOf(props.author.memberId)} size="small" />
      <span className="thread-author">
        <span className="thread-name">{props.author.name}</span>
        <span className="thread-org">{props.author.organisation}</span>
      </span>
      <time className="thread-time" dateTime={new Date(props.at).toISOString()}>
        {format.dateTime(props.at)}
        {props.edited !== null && ` · ${t('review.thread.edited')}`}
      </time>
    </>
  )
}

function ReplyItem(props: {
  thread: Thread
  reply: Reply
  review: Review
  viewer: Viewer
  waiting: boolean
  onProblem(written: Written<unknown>): void
}) {
  const { t } = useI18n()
  const { thread, reply, review } = props
  const [editing, setEditing] = useState(false)
  const own = replyRights(props.viewer, reply).edit
  const blocked = blockedProps(useWriteBlock())
  return (
    <li className="thread-reply">
      <div className="thread-head">
        <AuthorLine author={reply.author} at={reply.createdAt} edited={reply.editedAt} />
      </div>
      {props.waiting && <NotSent />}
      {editing ? (
        <TextForm
          label={t('review.thread.editLabel')}
          initial={reply.text}
          submit={t('review.thread.save')}
          onSubmit={(text) => {
            const written = review.edit(thread.id, reply.id, text)
            props.onProblem(written)
            if (written.ok) setEditing(false)
            return written.ok
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <p className="thread-text">{reply.text}</p>
      )}
      {own && !editing && (
        <Actions>
          <button
            type="button"
            className="btn btn-small btn-quiet"
            {...blocked}
            onClick={() => setEditing(true)}
          >
            {t('review.thread.edit')}
          </button>
          <button
            type="button"
            className="btn btn-small btn-quiet"
            {...blocked}
            onClick={() => props.onProblem(review.remove(thread.id, reply.id))}
          >
            {t('review.thread.delete')}
          </button>
        </Actions>
      )}
    </li>
  )
}

/** A text box with a submit button; Ctrl/⌘+Enter submits, Esc cancels. */
export function TextForm(props: {
  label: string
  initial: string
  submit: string
  clearOnSubmit?: boolean
  autoFocus?: boolean
  /** True when the text was taken (the form then clears or closes). */
  onSubmit(text: string): boolean
  onCancel?: () => void
}) {
  const { t } = useI18n()
  const [text, setText] = useState(props.initial)
  const block = useWriteBlock()
  const send = () => {
    if (text.trim() === '' || block !== null) return
    if (props.onSubmit(text.trim()) && props.clearOnSubmit) setText('')
  }
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault()
      send()
    } else if (event.key === 'Escape' && props.onCancel) {
      event.preventDefault()
      props.onCancel()
    }
  }
  return (
    <form
      className="thread-form"
      onClick={(event) => event.stopPropagation()}
      onSubmit={(event) => {
        event.preventDefault()
        send()
      }}
    >
      <textarea
        className="input thread-input"
        aria-label={props.label}
        placeholder={props.label}
        value={text}
        rows={2}
        autoFocus={props.autoFocus}
        {...blockedProps(block)}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="thread-actions">
        <button
          type="submit"
          className="btn btn-small btn-primary"
          disabled={text.trim() === '' || block !== null}
          aria-describedby={block?.reasonId}
        >
          {props.submit}
        </button>
        {props.onCancel && (
          <button type="button" className="btn btn-small btn-quiet" onClick={props.onCancel}>
            {t('review.thread.cancel')}
          </button>
        )}
      </div>
    </form>
  )
}
