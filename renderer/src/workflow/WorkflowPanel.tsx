import { useRef, useState } from 'react'
import type * as Y from 'yjs'
import {
  changeStatus,
  readPapers,
  setSuggestionsOnly,
  statusMoves,
  today,
  upsertPaperSummary,
  type Author,
  type Finding,
  type Override,
  type PaperCreated,
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
import { DateField } from '../ui/DateField.tsx'
import { PreSendCheck, checkBeforeMove, overrideText } from './PreSendCheck.tsx'

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
  /** The paper and its comments, for the check before final and sent. */
  paper: Y.Doc | null
  comments: Y.Doc | null
  /** Who made the paper and when (paper meta); null for papers made before it was recorded. */
  created: PaperCreated | null
  /** Everyone suggests instead of editing (the coordinator sets it, e.g. during review). */
  suggestionsOnly: boolean
}) {
  const { t, format, language } = useI18n()
  const { workflow, author } = props
  const [problem, setProblem] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const [reopening, setReopening] = useState(false)
  // What the check found before a move to final or sent, until the coordinator decides.
  const [checking, setChecking] = useState<{
    target: 'final' | 'sent'
    findings: Finding[]
  } | null>(null)
  // Findings the coordinator chose to go on with, recorded with the move to sent.
  const [overrides, setOverrides] = useState<Override[]>([])
  // After a move (or a cancelled one) the button pressed may be gone: focus goes to the status.
  const statusLine = useRef<HTMLParagraphElement>(null)
  const backToStatus = () => requestAnimationFrame(() => statusLine.current?.focus())

  const record = (written: Written): boolean => {
    setProblem(
      written.ok
        ? null
        : t('workflow.failed', { reason: problemsText(written.problems, language) }),
    )
    return written.ok
  }

  const move = (
    status: PaperStatus,
    extra: { recipients?: string[]; sentOn?: string; overrides?: Override[] } = {},
  ) => {
    const session = props.workflowSession
    if (session === null) return
    if (!record(changeStatus(session.doc, { status, by: author, ...extra }))) return
    // The library shows the status too; the relay trusts only the workflow doc.
    const index = props.index
    const listed = index && readPapers(index.doc).value.find((p) => p.id === props.paperId)
    if (index && listed) upsertPaperSummary(index.doc, { ...listed, status, updatedAt: Date.now() })
    setSending(false)
    setReopening(false)
    setChecking(null)
    setOverrides([])
    backToStatus()
  }

  /** Final and sent go through the check first; with nothing left they go on at once. */
  const startMove = (target: 'final' | 'sent') => {
    const findings =
      props.paper === null ? [] : checkBeforeMove(target, props.paper, props.comments, workflow)
    if (findings.length > 0) setChecking({ target, findings })
    else if (target === 'sent') setSending(true)
    else move('final')
  }

  const goOn = () => {
    if (checking === null) return
    const left = checking.findings.map(({ check, count }) => ({ check, count }))
    if (checking.target === 'final') move('final', { overrides: left })
    else {
      setOverrides(left)
      setChecking(null)
      setSending(true)
    }
  }

  const createdOn = props.created?.at ?? listedCreatedAt(props.index, props.paperId)

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
        <label className="checkbox suggestions-only">
          <input
            type="checkbox"
            checked={props.suggestionsOnly}
            disabled={!props.coordinator || props.workflowSession === null}
            aria-describedby="suggestions-only-hint"
            onChange={(event) => {
              if (props.workflowSession === null) return
              const written = setSuggestionsOnly(props.workflowSession.doc, event.target.checked)
              setProblem(written.ok ? null : problemsText(written.problems))
            }}
          />
          {t('suggesting.only.label')}
        </label>
        <p id="suggestions-only-hint" className="field-hint">
          {t('suggesting.only.hint')}
        </p>
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
                  if (status === 'sent' || status === 'final') startMove(status)
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
        {checking !== null && (
          <PreSendCheck
            target={checking.target}
            findings={checking.findings}
            onBack={() => setChecking(null)}
            onGoOn={goOn}
          />
        )}
        {sending && (
          <SentForm
            recipients={props.recipients}
            onCancel={() => {
              setSending(false)
              setOverrides([])
              backToStatus()
            }}
            onSubmit={(recipients, sentOn) => move('sent', { recipients, sentOn, overrides })}
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
        {workflow.history.length === 0 && (
          <p className="field-hint">{t('workflow.status.noHistory')}</p>
        )}
        {(workflow.history.length > 0 || createdOn !== null) && (
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
                  {change.overrides !== undefined && change.overrides.length > 0 && (
                    <p className="workflow-override">
                      {t('workflow.status.override', {
                        list: format.list(change.overrides.map((o) => overrideText(t, o))),
                      })}
                    </p>
                  )}
                </li>
              ))}
              {createdOn !== null && (
                <li className="workflow-created">
                  <span className="muted">
                    {props.created
                      ? t('workflow.status.created', {
                          name: props.created.by.name,
                          organisation: props.created.by.organisation,
                          date: format.dateTime(props.created.at),
                        })
                      : t('workflow.status.createdOn', { date: format.dateTime(createdOn) })}
                  </span>
                </li>
              )}
            </ol>
          </details>
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

/** When the library says the paper was made: the history's first line for older papers. */
function listedCreatedAt(index: RoomSession | null, paperId: string): number | null {
  if (index === null) return null
  const listed = readPapers(index.doc).value.find((paper) => paper.id === paperId)
  return listed !== undefined && listed.createdAt > 0 ? listed.createdAt : null
}

function SentForm(props: {
  recipients: string[]
  onCancel(): void
  onSubmit(recipients: string[], sentOn: string): void
}) {
  const { t } = useI18n()
  const [recipients, setRecipients] = useState(props.recipients.join(', '))
  const [date, setDate] = useState(() => today())
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
      <DateField
        id="sent-date"
        label={t('workflow.sent.date')}
        value={date}
        onChange={(value) => setDate(value ?? '')}
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
