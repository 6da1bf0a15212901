import { useRef, useState } from 'react'
import {
  changeStatus,
  readPapers,
  statusMoves,
  upsertPaperSummary,
  type Author,
  type PaperStatus,
  type Workflow,
  type Written,
} from '../../../shared/model/index.ts'
import type { MessageKey } from '../../../shared/i18n/index.ts'
import { useI18n } from '../i18n/I18nContext.tsx'
import { StatusBadge } from '../library/StatusBadge.tsx'
import type { RoomSession } from '../sync/room-session.ts'
import { SignOff } from './SignOff.tsx'
import { Versions, type VersionActions } from './Versions.tsx'
import { problemsText } from '../ui/error-text.ts'

const MOVE_LABEL = {
  draft: 'workflow.move.draft',
  review: 'workflow.move.review',
  final: 'workflow.move.final',
  sent: 'workflow.move.sent',
} as const satisfies Record<PaperStatus, MessageKey>

/**
 * The coordinator's side of a paper: its status and history, named versions, and which
 * organisations endorsed which version. Others see all of it; only the coordinator moves it.
 */
export function WorkflowPanel(props: {
  workflow: Workflow
  workflowSession: RoomSession | null
  index: RoomSession | null
  paperId: string
  author: Author
  coordinator: boolean
  recipients: string[]
  currentHash: string | null
  actions: VersionActions
}) {
  const { t, format } = useI18n()
  const { workflow, author } = props
  const [problem, setProblem] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const [reopening, setReopening] = useState(false)
  // After a move (or a cancelled one) the button pressed may be gone: focus goes to the status.
  const statusLine = useRef<HTMLParagraphElement>(null)
  const backToStatus = () => requestAnimationFrame(() => statusLine.current?.focus())

  const record = (written: Written): boolean => {
    setProblem(written.ok ? null : t('workflow.failed', { reason: problemsText(written.problems) }))
    return written.ok
  }

  const move = (status: PaperStatus, extra: { recipients?: string[]; sentOn?: string } = {}) => {
    const session = props.workflowSession
    if (session === null) return
    if (!record(changeStatus(session.doc, { status, by: author, ...extra }))) return
    // The library shows the status too; the relay trusts only the workflow doc.
    const index = props.index
    const listed = index && readPapers(index.doc).value.find((p) => p.id === props.paperId)
    if (index && listed) upsertPaperSummary(index.doc, { ...listed, status, updatedAt: Date.now() })
    setSending(false)
    setReopening(false)
    backToStatus()
  }

  const last = workflow.history.at(-1)
  return (
    <section className="workflow-panel" aria-labelledby="workflow-title">
      <h2 id="workflow-title" className="visually-hidden">
        {t('workflow.tab')}
      </h2>
      <section className="workflow-section" aria-labelledby="workflow-status">
        <h3 id="workflow-status" className="section-title">
          {t('workflow.status.title')}
        </h3>
        <p className="workflow-current" ref={statusLine} tabIndex={-1}>
          <StatusBadge status={workflow.status} />
          {last && (
            <span className="muted">
              {t('workflow.status.change', {
                name: last.by.name,
                organisation: last.by.organisation,
                date: format.dateTime(last.at),
              })}
            </span>
          )}
        </p>
        {last?.status === 'sent' && last.sentOn !== null && (
          <p className="workflow-sent">
            {t('workflow.status.sentTo', {
              recipients: format.list(last.recipients),
              date: format.isoDate(last.sentOn),
            })}
          </p>
        )}
        {props.coordinator ? (
          <div className="thread-actions">
            {statusMoves(workflow.status).map((status) => (
              <button
                key={status}
                type="button"
                className={`btn btn-small ${status === 'draft' ? 'btn-quiet' : 'btn-secondary'}`}
                onClick={() => {
                  if (status === 'sent') setSending(true)
                  else if (status === 'draft') setReopening(true)
                  else move(status)
                }}
              >
                {t(MOVE_LABEL[status])}
              </button>
            ))}
          </div>
        ) : (
          <p className="field-hint">{t('workflow.move.onlyCoordinator')}</p>
        )}
        {props.coordinator && workflow.status === 'review' && (
          <p className="field-hint">{t('workflow.move.finalHint')}</p>
        )}
        {sending && (
          <SentForm
            recipients={props.recipients}
            onCancel={() => {
              setSending(false)
              backToStatus()
            }}
            onSubmit={(recipients, sentOn) => move('sent', { recipients, sentOn })}
          />
        )}
        {reopening && (
          <div
            className="thread-confirm"
            role="alertdialog"
            aria-label={t('workflow.reopen.confirm')}
          >
            <p>{t('workflow.reopen.confirm')}</p>
            <button
              type="button"
              className="btn btn-small btn-primary"
              autoFocus
              onClick={() => move('draft')}
            >
              {t('workflow.move.draft')}
            </button>
            <button
              type="button"
              className="btn btn-small btn-quiet"
              onClick={() => {
                setReopening(false)
                backToStatus()
              }}
            >
              {t('workflow.cancel')}
            </button>
          </div>
        )}
        {problem !== null && (
          <p className="notice notice-error" role="alert">
            {problem}
          </p>
        )}
        {workflow.history.length > 0 ? (
          <details className="workflow-history">
            <summary>{t('workflow.status.history')}</summary>
            <ol>
              {[...workflow.history].reverse().map((change, i) => (
                <li key={`${change.at}-${i}`}>
                  <StatusBadge status={change.status} />{' '}
                  <span className="muted">
                    {t('workflow.status.change', {
                      name: change.by.name,
                      organisation: change.by.organisation,
                      date: format.dateTime(change.at),
                    })}
                  </span>
                </li>
              ))}
            </ol>
          </details>
        ) : (
          <p className="field-hint">{t('workflow.status.noHistory')}</p>
        )}
      </section>
      <Versions
        workflow={workflow}
        workflowSession={props.workflowSession}
        author={author}
        coordinator={props.coordinator}
        currentHash={props.currentHash}
        actions={props.actions}
      />
      <SignOff
        workflow={workflow}
        workflowSession={props.workflowSession}
        author={author}
        currentHash={props.currentHash}
      />
    </section>
  )
}

function SentForm(props: {
  recipients: string[]
  onCancel(): void
  onSubmit(recipients: string[], sentOn: string): void
}) {
  const { t } = useI18n()
  const [recipients, setRecipients] = useState(props.recipients.join(', '))
  const [date, setDate] = useState(new Date().toISOString().slice(0, 10))
  const list = recipients
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean)
  return (
    <form
      className="workflow-form"
      onSubmit={(event) => {
        event.preventDefault()
        if (list.length > 0 && date !== '') props.onSubmit(list, date)
      }}
    >
      <label className="field-label" htmlFor="sent-recipients">
        {t('workflow.sent.recipients')}
      </label>
      <input
        id="sent-recipients"
        className="input"
        value={recipients}
        onChange={(event) => setRecipients(event.target.value)}
      />
      <label className="field-label" htmlFor="sent-date">
        {t('workflow.sent.date')}
      </label>
      <input
        id="sent-date"
        className="input"
        type="date"
        value={date}
        onChange={(event) => setDate(event.target.value)}
      />
      <div className="thread-actions">
        <button
          type="submit"
          className="btn btn-small btn-primary"
          disabled={list.length === 0 || date === ''}
        >
          {t('workflow.sent.confirm')}
        </button>
        <button type="button" className="btn btn-small btn-quiet" onClick={props.onCancel}>
          {t('workflow.cancel')}
        </button>
      </div>
    </form>
  )
}
