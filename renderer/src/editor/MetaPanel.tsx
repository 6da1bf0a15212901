import { useState } from 'react'
import {
  PAPER_LANGUAGES,
  writePaperMeta,
  type PaperLanguage,
  type PaperMeta,
  type PaperStatus,
} from '../../../shared/model/index.ts'
import { useI18n } from '../i18n/I18nContext.tsx'
import { StatusBadge } from '../library/StatusBadge.tsx'
import type { RoomSession } from '../sync/room-session.ts'
import { RECIPIENT_SUGGESTIONS } from './recipient-suggestions.ts'
import { TitleField } from './TitleField.tsx'
import { TokenList } from './TokenList.tsx'
import { problemsText } from '../ui/error-text.ts'
import { DateField } from '../ui/DateField.tsx'

/** The paper's meta: every field written to the paper doc as it changes. */
export function MetaPanel(props: {
  session: RoomSession
  meta: PaperMeta
  editable: boolean
  /** A paper just created: its title is the first thing to write. */
  focusTitle: boolean
  /** From the workflow doc; the coordinator changes it under Workflow. */
  status: PaperStatus
}) {
  const { t } = useI18n()
  const { meta, editable } = props
  const [problem, setProblem] = useState<string | null>(null)

  const write = (patch: Partial<PaperMeta>) => {
    const result = writePaperMeta(props.session.doc, patch)
    setProblem(result.ok ? null : problemsText(result.problems))
  }

  return (
    <section className="meta-panel" aria-labelledby="meta-title">
      <h2 id="meta-title" className="panel-title">
        {t('meta.title')}
      </h2>
      <form className="meta-form" onSubmit={(event) => event.preventDefault()}>
        <TitleField
          id="meta-paper-title"
          label={t('meta.paperTitle')}
          value={meta.title}
          disabled={!editable}
          autoFocus={props.focusTitle}
          onCommit={(title) => write({ title })}
        />
        <div className="field">
          <span className="field-label" id="meta-status">
            {t('meta.status')}
          </span>
          <p className="meta-status" aria-labelledby="meta-status">
            <StatusBadge status={props.status} />
          </p>
          <p className="field-hint">{t('meta.statusHint')}</p>
        </div>
        <TokenList
          id="meta-recipients"
          label={t('meta.recipients')}
          hint={t('meta.recipients.hint')}
          values={meta.recipients}
          disabled={!editable}
          suggestions={RECIPIENT_SUGGESTIONS}
          onChange={(recipients) => write({ recipients })}
        />
        <div className="field-row">
          <div className="field">
            <DateField
              id="meta-deadline"
              label={t('meta.deadline')}
              value={meta.deadline ?? ''}
              readOnly={!editable}
              onChange={(deadline, valid) => valid && write({ deadline })}
            />
          </div>
          <div className="field">
            <label htmlFor="meta-language" className="field-label">
              {t('meta.language')}
            </label>
            <select
              id="meta-language"
              className="input"
              value={meta.language}
              disabled={!editable}
              onChange={(event) => write({ language: event.target.value as PaperLanguage })}
            >
              {PAPER_LANGUAGES.map((language) => (
                <option key={language} value={language}>
                  {t(`language.paper.${language}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <TokenList
          id="meta-organisations"
          label={t('meta.organisations')}
          hint={t('meta.organisations.hint')}
          values={meta.organisations}
          disabled={!editable}
          onChange={(organisations) => write({ organisations })}
        />
      </form>
      {problem && (
        <p className="field-error" role="alert">
          {t('meta.notSaved', { reason: problem })}
        </p>
      )}
    </section>
  )
}
