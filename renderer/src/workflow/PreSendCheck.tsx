import { useEffect, useRef, useState } from 'react'
import type * as Y from 'yjs'
import type { MessageKey, Translate } from '../../../shared/i18n/index.ts'
import {
  contentHash,
  paperContent,
  readBodyJSON,
  readinessFindings,
  readPaperMeta,
  readThreads,
  type Finding,
  type Override,
  type ReadinessCheck,
  type Workflow,
} from '../../../shared/model/index.ts'
import { useI18n } from '../i18n/I18nContext.tsx'

const CHECK_TEXT = {
  'open-threads': 'check.open-threads',
  'undecided-suggestions': 'check.undecided-suggestions',
  guidance: 'check.guidance',
  'empty-sections': 'check.empty-sections',
  'no-recipients': 'check.no-recipients',
  'not-endorsed': 'check.not-endorsed',
} as const satisfies Record<ReadinessCheck, MessageKey>

/** What is left before the paper becomes `target`, read from its docs as they are now. */
export function checkBeforeMove(
  target: 'final' | 'sent',
  paper: Y.Doc,
  comments: Y.Doc | null,
  workflow: Workflow,
): Finding[] {
  const meta = readPaperMeta(paper).value
  return readinessFindings(
    {
      body: readBodyJSON(paper).value,
      recipients: meta.recipients,
      organisations: meta.organisations,
      threads: comments === null ? [] : readThreads(comments).value,
      workflow,
      currentHash: contentHash(paperContent(paper)),
    },
    target,
  )
}

/** One finding in words, as the check lists it: "2 open comment threads". */
function findingText(t: Translate, finding: Override): string {
  const key = CHECK_TEXT[finding.check]
  return key === 'check.no-recipients' ? t(key) : t(key, { count: finding.count })
}

/** A recorded override in words, for a list in the history line. */
export function overrideText(t: Translate, override: Override): string {
  return override.check === 'no-recipients'
    ? t('check.no-recipients.short')
    : findingText(t, override)
}

/**
 * The check before final or sent: what is left, and the choice to go back or go on anyway (the
 * move then records what was left).
 */
export function PreSendCheck(props: {
  target: 'final' | 'sent'
  findings: Finding[]
  onBack(): void
  onGoOn(): void
}) {
  const { t, format } = useI18n()
  const title = useRef<HTMLHeadingElement>(null)
  // Focus goes to what the check says, and back to the button that opened it on the way back.
  // The opener is read while the check first renders, before focus moves (effects may run twice).
  const [opener] = useState(() =>
    document.activeElement instanceof HTMLElement ? document.activeElement : null,
  )
  useEffect(() => title.current?.focus(), [])
  const back = () => {
    props.onBack()
    opener?.focus()
  }
  return (
    <section
      className="presend-check"
      role="alertdialog"
      aria-labelledby="presend-title"
      aria-describedby="presend-intro"
      onKeyDown={(event) => {
        if (event.key === 'Escape') back()
      }}
    >
      <h4 id="presend-title" className="presend-title" tabIndex={-1} ref={title}>
        {t(props.target === 'final' ? 'check.title.final' : 'check.title.sent')}
      </h4>
      <p id="presend-intro">{t('check.intro', { count: props.findings.length })}</p>
      <ul className="presend-findings">
        {props.findings.map((finding) => (
          <li key={finding.check} data-check={finding.check}>
            {findingText(t, finding)}
            {finding.where.length > 0 && (
              <span className="muted">: {format.list(finding.where)}</span>
            )}
          </li>
        ))}
      </ul>
      <div className="thread-actions">
        <button type="button" className="btn btn-small btn-primary" onClick={back}>
          {t('check.back')}
        </button>
        <button type="button" className="btn btn-small btn-secondary" onClick={props.onGoOn}>
          {t(props.target === 'final' ? 'check.anyway.final' : 'check.anyway.sent')}
        </button>
      </div>
    </section>
  )
}
