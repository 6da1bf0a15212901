import { useState } from 'react'
import type * as Y from 'yjs'
import {
  type Author,
  type Version,
  type Workflow,
  type Written,
} from '../../../shared/model/index.ts'
import { useI18n } from '../i18n/I18nContext.tsx'
import type { RoomSession } from '../sync/room-session.ts'
import { problemsText } from '../ui/error-text.ts'

/** What the editor screen does with a version: show it, compare it, restore it, export it. */
export type VersionActions = {
  open(version: Version): void
  compare(version: Version): void
  /** The redline from one named version to another. */
  compareVersions(from: Version, to: Version): void
  restore(version: Version): Written
  export(version: Version): void
  /** Saves the paper's text now as a named version. */
  saveCurrent(workflowDoc: Y.Doc, name: string, by: Author): Written<string>
  /** The body is locked (final or sent): no restoring. */
  locked: boolean
}

/** Named versions, newest first; the coordinator saves and restores them. */
export function Versions(props: {
  workflow: Workflow
  workflowSession: RoomSession | null
  author: Author
  coordinator: boolean
  currentHash: string | null
  actions: VersionActions
}) {
  const { t, format, language } = useI18n()
  const [name, setName] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [restoring, setRestoring] = useState<Version | null>(null)
  const versions = [...props.workflow.versions].reverse()

  const report = (written: Written<unknown>) =>
    setProblem(
      written.ok
        ? null
        : t('workflow.failed', { reason: problemsText(written.problems, language) }),
    )

  return (
    <section className="workflow-section" aria-labelledby="workflow-versions">
      <h3 id="workflow-versions" className="section-title">
        {t('workflow.versions.title')}
      </h3>
      {props.coordinator && (
        <form
          className="version-form"
          onSubmit={(event) => {
            event.preventDefault()
            const session = props.workflowSession
            if (session === null || name.trim() === '') return
            const written = props.actions.saveCurrent(session.doc, name.trim(), props.author)
            report(written)
            if (written.ok) setName('')
          }}
        >
          <label className="visually-hidden" htmlFor="version-name">
            {t('workflow.versions.name')}
          </label>
          <input
            id="version-name"
            className="input"
            value={name}
            placeholder={t('workflow.versions.namePlaceholder')}
            onChange={(event) => setName(event.target.value)}
          />
          <button type="submit" className="btn btn-small btn-primary" disabled={name.trim() === ''}>
            {t('workflow.versions.save')}
          </button>
        </form>
      )}
      {problem !== null && (
        <p className="notice notice-error" role="alert">
          {problem}
        </p>
      )}
      {notice !== null && (
        <p className="notice notice-info" role="status">
          {notice}
        </p>
      )}
      {versions.length >= 2 && <CompareForm versions={versions} actions={props.actions} />}
      {versions.length === 0 ? (
        <p className="field-hint">{t('workflow.versions.none')}</p>
      ) : (
        <ol className="version-list">
          {versions.map((version) => (
            <li key={version.id} className="version-item" data-version={version.name}>
              <div className="version-head">
                <span className="version-name">{version.name}</span>
                {version.hash === props.currentHash && (
                  <span className="version-current">{t('workflow.versions.current')}</span>
                )}
              </div>
              <p className="muted version-meta">
                {t('workflow.versions.savedBy', {
                  name: version.by.name,
                  date: format.dateTime(version.at),
                })}
                <span className="version-hash" title={version.hash}>
                  {t('workflow.versions.hash', { hash: version.hash.slice(0, 12) })}
                </span>
              </p>
              {version.openSuggestions > 0 && (
                <p className="muted version-suggestions">
                  {t('suggesting.version.open', { count: version.openSuggestions })}
                </p>
              )}
              <div className="thread-actions">
                <button
                  type="button"
                  className="btn btn-small btn-quiet"
                  onClick={() => props.actions.open(version)}
                >
                  {t('workflow.versions.open')}
                </button>
                {version.hash !== props.currentHash && (
                  <button
                    type="button"
                    className="btn btn-small btn-quiet"
                    onClick={() => props.actions.compare(version)}
                  >
                    {t('workflow.versions.compare')}
                  </button>
                )}
                {props.coordinator && (
                  <button
                    type="button"
                    className="btn btn-small btn-quiet"
                    onClick={() => props.actions.export(version)}
                  >
                    {t('workflow.versions.export')}
                  </button>
                )}
                {props.coordinator && version.hash !== props.currentHash && (
                  <button
                    type="button"
                    className="btn btn-small btn-quiet"
                    disabled={props.actions.locked}
                    title={props.actions.locked ? t('workflow.versions.locked') : undefined}
                    onClick={() => setRestoring(version)}
                  >
                    {t('workflow.versions.restore')}
                  </button>
                )}
              </div>
              {restoring?.id === version.id && (
                <div
                  className="thread-confirm"
                  role="alertdialog"
                  aria-label={t('workflow.versions.restore')}
                >
                  <p>{t('workflow.versions.restoreConfirm', { name: version.name })}</p>
                  <button
                    type="button"
                    className="btn btn-small btn-primary"
                    onClick={() => {
                      const written = props.actions.restore(version)
                      report(written)
                      setNotice(
                        written.ok ? t('workflow.versions.restored', { name: version.name }) : null,
                      )
                      setRestoring(null)
                    }}
                  >
                    {t('workflow.versions.restore')}
                  </button>
                  <button
                    type="button"
                    className="btn btn-small btn-quiet"
                    onClick={() => setRestoring(null)}
                  >
                    {t('workflow.cancel')}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}

/** Picks two named versions and shows the changes from the older to the newer. */
function CompareForm(props: { versions: Version[]; actions: VersionActions }) {
  const { t } = useI18n()
  const newest = props.versions[0]
  const [from, setFrom] = useState(props.versions[1]?.id ?? '')
  const [to, setTo] = useState(newest?.id ?? '')
  const find = (id: string) => props.versions.find((version) => version.id === id)
  const choose = (id: string, value: string, onChange: (id: string) => void, label: string) => (
    <select
      id={id}
      className="input input-small"
      aria-label={label}
      value={value}
      onChange={(event) => onChange(event.target.value)}
    >
      {props.versions.map((version) => (
        <option key={version.id} value={version.id}>
          {version.name}
        </option>
      ))}
    </select>
  )
  return (
    <form
      className="compare-form"
      onSubmit={(event) => {
        event.preventDefault()
        const older = find(from)
        const newer = find(to)
        if (older && newer && older.id !== newer.id) props.actions.compareVersions(older, newer)
      }}
    >
      {choose('compare-from', from, setFrom, t('workflow.compare.from'))}
      <span aria-hidden="true">→</span>
      {choose('compare-to', to, setTo, t('workflow.compare.to'))}
      <button type="submit" className="btn btn-small btn-secondary" disabled={from === to}>
        {t('workflow.compare.submit')}
      </button>
    </form>
  )
}
