import { useState } from 'react'
import type * as Y from 'yjs'
import {
  endorse,
  endorsementStates,
  withdrawEndorsement,
  type Author,
  type Workflow,
  type Written,
} from '../../../shared/model/index.ts'
import { useI18n } from '../i18n/I18nContext.tsx'
import type { RoomSession } from '../sync/room-session.ts'
import { Icon } from '../ui/Icon.tsx'
import { problemsText } from '../ui/error-text.ts'
import { blockedProps, useWriteBlock } from '../workspace/write-block.ts'

/**
 * Which organisations endorsed which version, flagged when the text has changed since; any member
 * endorses a version on behalf of their own organisation (the relay refuses anything else).
 */
export function SignOff(props: {
  workflow: Workflow
  workflowSession: RoomSession | null
  author: Author
  currentHash: string | null
}) {
  const { t, format, language } = useI18n()
  const { workflow, author } = props
  const [problem, setProblem] = useState<string | null>(null)
  // Revoked: endorsing and withdrawing stay in view, turned off, with the reason.
  const blocked = blockedProps(useWriteBlock())
  const states = endorsementStates(workflow, props.currentHash ?? '')
  const write = (action: (doc: Y.Doc) => Written) => {
    const session = props.workflowSession
    if (session === null) return
    const written = action(session.doc)
    setProblem(
      written.ok
        ? null
        : t('workflow.failed', { reason: problemsText(written.problems, language) }),
    )
  }
  const versions = [...workflow.versions].reverse()

  return (
    <section className="workflow-section" aria-labelledby="workflow-signoff">
      <h3 id="workflow-signoff" className="section-title">
        {t('workflow.signoff.title')}
      </h3>
      {problem !== null && (
        <p className="notice notice-error" role="alert">
          {problem}
        </p>
      )}
      {versions.length === 0 && <p className="field-hint">{t('workflow.versions.none')}</p>}
      <ol className="signoff-list">
        {versions.map((version) => {
          const mine = states.some(
            (s) =>
              s.endorsement.versionId === version.id &&
              s.endorsement.organisation === author.organisation,
          )
          const forVersion = states.filter((s) => s.endorsement.versionId === version.id)
          return (
            <li key={version.id} className="signoff-version" data-signoff={version.name}>
              <p className="version-name">{version.name}</p>
              {forVersion.length === 0 ? (
                <p className="field-hint">{t('workflow.signoff.none')}</p>
              ) : (
                <ul className="signoff-orgs">
                  {forVersion.map(({ endorsement, current }) => (
                    <li
                      key={endorsement.organisation}
                      className={current ? 'is-current' : 'is-outdated'}
                    >
                      <Icon name={current ? 'check' : 'alert'} size={14} />
                      <span>
                        {t('workflow.signoff.by', {
                          organisation: endorsement.organisation,
                          name: endorsement.by.name,
                          date: format.dateTime(endorsement.at),
                        })}
                        {!current && (
                          <span className="signoff-outdated">{t('workflow.signoff.outdated')}</span>
                        )}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
              <div className="thread-actions">
                {mine ? (
                  <button
                    type="button"
                    className="btn btn-small btn-quiet"
                    {...blocked}
                    onClick={() =>
                      write((doc) =>
                        withdrawEndorsement(doc, {
                          versionId: version.id,
                          organisation: author.organisation,
                        }),
                      )
                    }
                  >
                    {t('workflow.signoff.withdraw')}
                  </button>
                ) : (
                  <button
                    type="button"
                    className="btn btn-small btn-secondary"
                    {...blocked}
                    onClick={() =>
                      write((doc) => endorse(doc, { versionId: version.id, by: author }))
                    }
                  >
                    <Icon name="check" size={14} />
                    {t('workflow.signoff.endorse', { organisation: author.organisation })}
                  </button>
                )}
              </div>
            </li>
          )
        })}
      </ol>
    </section>
  )
}
