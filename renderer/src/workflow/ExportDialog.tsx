import { useEffect, useMemo, useRef, useState } from 'react'
import type * as Y from 'yjs'
import {
  FORMATS,
  FORMAT_IDS,
  currentSignatories,
  sourceFromDocs,
  sourceFromVersion,
  withoutSuggestions,
  type ExportFormat,
} from '../../../shared/export/index.ts'
import type { MessageKey } from '../../../shared/i18n/index.ts'
import type { ExportStage } from '../../../shared/ipc/contract.ts'
import { listTracked, readBodyJSON, today, type Workflow } from '../../../shared/model/index.ts'
import { useHost } from '../host/HostContext.tsx'
import { call, hostMessage } from '../host/host.ts'
import { useI18n } from '../i18n/I18nContext.tsx'
import { DateField } from '../ui/DateField.tsx'
import { errorText } from '../ui/error-text.ts'
import { useReturnFocus } from '../ui/use-return-focus.ts'

const FORMAT_LABEL = {
  docx: 'export.format.docx',
  pdf: 'export.format.pdf',
  html: 'export.format.html',
  md: 'export.format.md',
} as const satisfies Record<ExportFormat, MessageKey>
const STAGE_LABEL = {
  preparing: 'export.progress.preparing',
  rendering: 'export.progress.rendering',
  printing: 'export.progress.printing',
  writing: 'export.progress.writing',
  done: 'export.progress.done',
} as const satisfies Record<ExportStage, string>

type Outcome =
  { kind: 'saved'; path: string } | { kind: 'cancelled' } | { kind: 'failed'; text: string }

/**
 * The coordinator's export: the text now or a named version, in one of four formats, optionally as
 * a redline since an older version; the host asks where to save it and reports its progress.
 */
export function ExportDialog(props: {
  paper: Y.Doc
  comments: Y.Doc | null
  workflow: Workflow
  /** A version's id to preselect, or null for the text now. */
  initialVersion: string | null
  onClose(): void
}) {
  const { t, language } = useI18n()
  const api = useHost()
  const dialog = useRef<HTMLDialogElement>(null)
  useReturnFocus()
  const [format, setFormat] = useState<ExportFormat>('docx')
  const [what, setWhat] = useState(props.initialVersion ?? '')
  const [compare, setCompare] = useState('')
  const [comments, setComments] = useState(false)
  const [showSuggestions, setShowSuggestions] = useState(true)
  // The paper's open suggestions now (a version has none: it is what was agreed).
  const suggestionCount = useMemo(
    () => listTracked(readBodyJSON(props.paper).value).length,
    [props.paper],
  )
  const [date, setDate] = useState(() => today())
  const [place, setPlace] = useState('')
  const [stage, setStage] = useState<ExportStage | null>(null)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const busy = stage !== null && stage !== 'done' && outcome === null
  const redlines = FORMATS[format].redline

  useEffect(() => {
    const element = dialog.current
    if (element !== null && !element.open) element.showModal()
    return api.on('export/progress', (progress) => setStage(progress.stage))
  }, [api])

  const { workflow } = props
  const versionById = (id: string) => workflow.versions.find((v) => v.id === id) ?? null

  const run = async () => {
    setOutcome(null)
    setStage('preparing')
    const details = { date, place: place.trim() || null }
    const version = versionById(what)
    const source = version
      ? sourceFromVersion(version, workflow, details).value
      : sourceFromDocs(
          props.paper,
          { ...details, signatories: currentSignatories(workflow, props.paper) },
          comments && props.comments ? { doc: props.comments } : undefined,
        ).value
    const older = redlines ? versionById(compare) : null
    const shown =
      version === null && older === null && !(redlines && showSuggestions)
        ? withoutSuggestions(source)
        : source
    const result = await call(api, 'export/save', {
      format,
      source: shown,
      compareWith: older ? sourceFromVersion(older, workflow, details).value : null,
      includeComments: comments && older === null && version === null,
      suggestedName: version ? `${source.title} – ${version.name}` : source.title,
    })
    setStage(null)
    if (!result.ok) {
      const text = errorText(t, result.error)
      setOutcome({
        kind: 'failed',
        text: `${text.title}. ${text.body} ${hostMessage(result.error, language)}`,
      })
    } else if ('cancelled' in result.value) {
      setOutcome({ kind: 'cancelled' })
    } else {
      setOutcome({ kind: 'saved', path: result.value.path })
    }
  }

  return (
    <dialog
      ref={dialog}
      className="dialog export-dialog"
      aria-labelledby="export-title"
      onClose={props.onClose}
      onCancel={(event) => {
        if (busy) event.preventDefault()
      }}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault()
          if (!busy) void run()
        }}
      >
        <h2 id="export-title" className="dialog-title">
          {t('export.title')}
        </h2>
        <fieldset className="export-formats" disabled={busy}>
          <legend className="field-label">{t('export.format')}</legend>
          {FORMAT_IDS.map((value) => (
            <label key={value} className="checkbox">
              <input
                type="radio"
                name="export-format"
                value={value}
                checked={format === value}
                onChange={() => setFormat(value)}
              />
              {t(FORMAT_LABEL[value])}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label className="field-label" htmlFor="export-what">
            {t('export.what')}
          </label>
          <select
            id="export-what"
            className="input"
            value={what}
            disabled={busy}
            onChange={(event) => setWhat(event.target.value)}
          >
            <option value="">{t('export.what.current')}</option>
            {[...workflow.versions].reverse().map((version) => (
              <option key={version.id} value={version.id}>
                {version.name}
              </option>
            ))}
          </select>
        </div>
        {redlines && workflow.versions.length > 0 && (
          <div className="field">
            <label className="field-label" htmlFor="export-compare">
              {t('export.compare')}
            </label>
            <select
              id="export-compare"
              className="input"
              value={compare}
              disabled={busy}
              onChange={(event) => setCompare(event.target.value)}
            >
              <option value="">{t('export.compare.none')}</option>
              {[...workflow.versions]
                .reverse()
                .filter((version) => version.id !== what)
                .map((version) => (
                  <option key={version.id} value={version.id}>
                    {version.name}
                  </option>
                ))}
            </select>
          </div>
        )}
        <div className="field-row">
          <div className="field">
            <DateField
              id="export-date"
              label={t('export.date')}
              value={date}
              disabled={busy}
              onChange={(value) => setDate(value ?? '')}
            />
          </div>
          <div className="field">
            <label className="field-label" htmlFor="export-place">
              {t('export.place')}
            </label>
            <input
              id="export-place"
              className="input"
              value={place}
              disabled={busy}
              onChange={(event) => setPlace(event.target.value)}
            />
          </div>
        </div>
        {what === '' && compare === '' && (
          <label className="checkbox">
            <input
              type="checkbox"
              checked={comments}
              disabled={busy}
              onChange={(event) => setComments(event.target.checked)}
            />
            {t('export.comments')}
          </label>
        )}
        {what === '' && compare === '' && redlines && suggestionCount > 0 && (
          <div className="field">
            <label className="checkbox">
              <input
                type="checkbox"
                checked={showSuggestions}
                disabled={busy}
                aria-describedby="export-suggestions-hint"
                onChange={(event) => setShowSuggestions(event.target.checked)}
              />
              {t('suggesting.export.show', { count: suggestionCount })}
            </label>
            <p id="export-suggestions-hint" className="field-hint">
              {t('suggesting.export.hint')}
            </p>
          </div>
        )}
        {busy && stage !== null && (
          <p className="loading" role="status">
            <span className="spinner" aria-hidden="true" />
            {t(STAGE_LABEL[stage])}
          </p>
        )}
        {outcome?.kind === 'saved' && (
          <p className="notice notice-info export-saved" role="status">
            {t('export.saved', { path: outcome.path })}
          </p>
        )}
        {outcome?.kind === 'cancelled' && (
          <p className="notice notice-info" role="status">
            {t('export.cancelled')}
          </p>
        )}
        {outcome?.kind === 'failed' && (
          <p className="notice notice-error" role="alert">
            {t('export.failed', { reason: outcome.text })}
          </p>
        )}
        <div className="actions">
          <button
            type="submit"
            className="btn btn-primary"
            disabled={busy || date === ''}
            aria-busy={busy}
          >
            {t('export.submit')}
          </button>
          <button
            type="button"
            className="btn btn-quiet"
            disabled={busy}
            onClick={() => dialog.current?.close()}
          >
            {t('view.close')}
          </button>
        </div>
      </form>
    </dialog>
  )
}
