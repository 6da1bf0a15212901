import { useState } from 'react'
import type { Author } from '../../../shared/model/index.ts'
import { call, hostMessage } from '../host/host.ts'
import { useHost } from '../host/HostContext.tsx'
import { useI18n } from '../i18n/I18nContext.tsx'
import type { RoomSession } from '../sync/room-session.ts'
import { errorText } from '../ui/error-text.ts'
import { Icon } from '../ui/Icon.tsx'
import { useWorkspace } from '../workspace/WorkspaceContext.tsx'
import { unsentComments, unsentJson, unsentMarkdown } from './unsent-comments.ts'
import { useThreads } from './use-comments.ts'

type Outcome = { kind: 'saved'; path: string } | { kind: 'failed'; text: string } | null

/**
 * After access was revoked: the member's comments on this paper that never reached the relay,
 * kept on this computer, and saved as Markdown or JSON to send another way.
 */
export function UnsentComments(props: {
  comments: RoomSession | null
  waiting: ReadonlySet<string>
  paperTitle: string
  author: Author
}) {
  const { t, format, language } = useI18n()
  const api = useHost()
  const { entry } = useWorkspace()
  const threads = useThreads(props.comments)
  const [outcome, setOutcome] = useState<Outcome>(null)
  const [busy, setBusy] = useState(false)
  const unsent = unsentComments(threads, props.waiting, props.author.memberId)
  if (unsent.length === 0) return null
  const context = { paper: props.paperTitle, workspace: entry.name, author: props.author }

  const save = async (kind: 'md' | 'json') => {
    setBusy(true)
    const result = await call(api, 'export/save-text', {
      format: kind,
      text:
        kind === 'md' ? unsentMarkdown(unsent, context, t, format) : unsentJson(unsent, context),
      suggestedName: t('unsent.file', { title: props.paperTitle }),
    })
    setBusy(false)
    if (!result.ok) {
      const text = errorText(t, result.error)
      setOutcome({ kind: 'failed', text: `${text.title}. ${hostMessage(result.error, language)}` })
    } else if ('path' in result.value) {
      setOutcome({ kind: 'saved', path: result.value.path })
    }
  }

  return (
    <section className="notice notice-warning unsent-comments" aria-labelledby="unsent-title">
      <Icon name="cloudOff" className="notice-icon" />
      <div className="notice-text">
        <h2 id="unsent-title" className="notice-title">
          {t('unsent.title', { count: unsent.length })}
        </h2>
        <p>{t('unsent.body')}</p>
        <div className="thread-actions">
          <button
            type="button"
            className="btn btn-small btn-secondary"
            disabled={busy}
            onClick={() => void save('md')}
          >
            <Icon name="download" size={14} />
            {t('unsent.saveMarkdown')}
          </button>
          <button
            type="button"
            className="btn btn-small btn-quiet"
            disabled={busy}
            onClick={() => void save('json')}
          >
            {t('unsent.saveJson')}
          </button>
        </div>
        {outcome?.kind === 'saved' && (
          <p role="status">{t('unsent.saved', { path: outcome.path })}</p>
        )}
        {outcome?.kind === 'failed' && (
          <p className="field-error" role="alert">
            {outcome.text}
          </p>
        )}
      </div>
    </section>
  )
}
