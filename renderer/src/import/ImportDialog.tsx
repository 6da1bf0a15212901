import { useEffect, useMemo, useRef, useState } from 'react'
import type * as Y from 'yjs'
import type { ImportPlan } from '../../../shared/import/import-plan.ts'
import type { ImportedDocx } from '../../../shared/ipc/contract.ts'
import type { Author, Version } from '../../../shared/model/index.ts'
import { hostMessage, type UiError } from '../host/host.ts'
import { useHost } from '../host/HostContext.tsx'
import { useI18n } from '../i18n/I18nContext.tsx'
import { Icon } from '../ui/Icon.tsx'
import { useReturnFocus } from '../ui/use-return-focus.ts'
import { summaryLines } from './import-summary.ts'
import { readWordFile, type WordSource } from './read-word-file.ts'
import {
  planNewPaper,
  planReviewOf,
  proposeMapping,
  versionOf,
  type AuthorMapping,
} from './word-import.ts'

/** A new paper, or a review into this paper (its docs and named versions). */
export type ImportTarget =
  | { kind: 'paper' }
  | { kind: 'review'; paper: Y.Doc; comments: Y.Doc; versions: readonly Version[] }

export type ImportConfirmed = { imported: ImportedDocx; plan: ImportPlan; mapping: AuthorMapping }

type Stage =
  | { kind: 'reading' }
  | { kind: 'refused'; error: UiError }
  | { kind: 'ready'; imported: ImportedDocx }

/**
 * Import from Word, in three steps in one dialog: the host reads the file; the summary says what
 * will be created and what cannot be imported, and who each Word author is; only on confirming
 * is anything written (by `onConfirm`, one transaction per doc).
 */
export function ImportDialog(props: {
  source: WordSource
  target: ImportTarget
  /** Whom Word authors can be mapped to; `me` first. */
  members: readonly Author[]
  me: Author
  onConfirm(confirmed: ImportConfirmed): Promise<{ ok: true } | { ok: false; reason: string }>
  onClose(): void
}) {
  const { t, language, format } = useI18n()
  const api = useHost()
  const dialog = useRef<HTMLDialogElement>(null)
  useReturnFocus()
  const [stage, setStage] = useState<Stage>({ kind: 'reading' })
  const [mapping, setMapping] = useState<AuthorMapping>({})
  const [against, setAgainst] = useState('')
  const [writing, setWriting] = useState(false)
  const [failed, setFailed] = useState<string | null>(null)
  const { source, target, members, onClose } = props

  useEffect(() => {
    const element = dialog.current
    if (element !== null && !element.open) element.showModal()
  }, [])

  // Read once per source: the paper's versions and the closing callback may change meanwhile.
  const latest = useRef({ target, onClose })
  latest.current = { target, onClose }
  useEffect(() => {
    let cancelled = false
    void readWordFile(api, source).then((read) => {
      if (cancelled) return
      if (!read.ok) setStage({ kind: 'refused', error: read.error })
      else if ('cancelled' in read.value) latest.current.onClose()
      else {
        const imported = read.value
        const now = latest.current.target
        setStage({ kind: 'ready', imported })
        if (now.kind === 'review') setAgainst(versionOf(imported.parsed, now.versions)?.id ?? '')
      }
    })
    return () => {
      cancelled = true
    }
  }, [api, source])

  const imported = stage.kind === 'ready' ? stage.imported : null
  const plan = useMemo(() => {
    if (imported === null) return null
    if (target.kind === 'paper') return planNewPaper(imported.parsed)
    const version = target.versions.find((v) => v.id === against) ?? null
    return planReviewOf(imported.parsed, target.paper, target.comments, version)
  }, [imported, target, against])
  const authors = plan?.summary.authors
  useEffect(() => {
    if (authors !== undefined)
      setMapping((was) => ({ ...proposeMapping(authors, members), ...was }))
  }, [authors, members])

  const lines = plan === null ? null : summaryLines(t, format, plan.summary, target.kind)
  const fileName = imported?.fileName ?? (source.kind === 'file' ? source.file.name : '')
  const title =
    stage.kind === 'refused'
      ? t('import.refused.title')
      : t(target.kind === 'paper' ? 'import.title.paper' : 'import.title.review', {
          file: fileName,
        })

  const confirm = async () => {
    if (imported === null || plan === null || writing) return
    setWriting(true)
    setFailed(null)
    const done = await props.onConfirm({ imported, plan, mapping })
    setWriting(false)
    if (done.ok) dialog.current?.close()
    else setFailed(done.reason)
  }

  const memberKey = (author: Author) => `member:${author.memberId}`
  return (
    <dialog
      ref={dialog}
      className="dialog import-dialog"
      aria-labelledby="import-title"
      aria-busy={stage.kind === 'reading' || writing}
      onClose={onClose}
      onCancel={(event) => {
        if (writing) event.preventDefault()
      }}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault()
          void confirm()
        }}
      >
        <h2 id="import-title" className="dialog-title">
          {title}
        </h2>
        {stage.kind === 'reading' && (
          <p className="loading" role="status">
            <span className="spinner" aria-hidden="true" />
            {t('import.reading', { file: fileName })}
          </p>
        )}
        {stage.kind === 'refused' && (
          <div className="notice notice-error" role="alert">
            <Icon name="alert" className="notice-icon" />
            <div>
              <p>{hostMessage(stage.error, language)}</p>
              <p>{t('import.nothingWritten')}</p>
            </div>
          </div>
        )}
        {target.kind === 'review' && imported !== null && target.versions.length > 0 && (
          <div className="field">
            <label className="field-label" htmlFor="import-against">
              {t('import.against')}
            </label>
            <select
              id="import-against"
              className="input"
              value={against}
              disabled={writing}
              aria-describedby="import-against-hint"
              onChange={(event) => setAgainst(event.target.value)}
            >
              <option value="">{t('import.against.current')}</option>
              {[...target.versions].reverse().map((version) => (
                <option key={version.id} value={version.id}>
                  {version.name}
                </option>
              ))}
            </select>
            <p id="import-against-hint" className="field-hint">
              {t('import.against.hint')}
            </p>
          </div>
        )}
        {lines !== null && plan !== null && (
          <section className="import-summary" aria-labelledby="import-found">
            <h3 id="import-found" className="import-heading">
              {t('import.found')}
            </h3>
            <ul className="import-list">
              {lines.found.map((line) => (
                <li key={line}>{line}</li>
              ))}
              {lines.suggestions.map((line) => (
                <li key={line} className="import-suggestions">
                  {line}
                </li>
              ))}
              {target.kind === 'review' && lines.suggestions.length === 0 && (
                <li>{t('import.noSuggestions')}</li>
              )}
              {lines.comments.map((line) => (
                <li key={line} className="import-comments">
                  {line}
                </li>
              ))}
            </ul>
            <h3 className="import-heading">{t('import.dropped')}</h3>
            {lines.dropped.length === 0 ? (
              <p className="muted">{t('import.nothingDropped')}</p>
            ) : (
              <ul className="import-list import-dropped">
                {lines.dropped.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            )}
          </section>
        )}
        {plan !== null && plan.summary.authors.length > 0 && (
          <fieldset className="import-authors" disabled={writing}>
            <legend className="import-heading">{t('import.authors')}</legend>
            <p className="field-hint">{t('import.authors.hint')}</p>
            {plan.summary.authors.map((name, i) => {
              const choice = mapping[name]
              const value = choice?.kind === 'member' ? memberKey(choice.member) : 'external'
              return (
                <div className="import-author" key={name}>
                  <label className="field-label" htmlFor={`import-author-${i}`}>
                    {name}
                  </label>
                  <select
                    id={`import-author-${i}`}
                    className="input"
                    value={value}
                    onChange={(event) => {
                      const member = members.find((m) => memberKey(m) === event.target.value)
                      setMapping((was) => ({
                        ...was,
                        [name]: member ? { kind: 'member', member } : { kind: 'external' },
                      }))
                    }}
                  >
                    <option value="external">{t('import.authors.external', { name })}</option>
                    {members.map((member) => (
                      <option key={member.memberId} value={memberKey(member)}>
                        {member.memberId === props.me.memberId
                          ? t('import.authors.me', { name: member.name })
                          : member.organisation
                            ? `${member.name} (${member.organisation})`
                            : member.name}
                      </option>
                    ))}
                  </select>
                </div>
              )
            })}
          </fieldset>
        )}
        {writing && (
          <p className="loading" role="status">
            <span className="spinner" aria-hidden="true" />
            {t('import.writing')}
          </p>
        )}
        {failed !== null && (
          <p className="notice notice-error" role="alert">
            {t('import.failed', { reason: failed })}
          </p>
        )}
        <div className="actions">
          {plan !== null && (
            <button
              type="submit"
              className="btn btn-primary"
              disabled={writing}
              aria-busy={writing}
            >
              {t(target.kind === 'paper' ? 'import.submit.paper' : 'import.submit.review')}
            </button>
          )}
          <button
            type="button"
            className="btn btn-quiet"
            disabled={writing}
            onClick={() => dialog.current?.close()}
          >
            {stage.kind === 'refused' ? t('view.close') : t('import.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  )
}
