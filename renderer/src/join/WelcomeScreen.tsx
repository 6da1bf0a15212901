import { useState } from 'react'
import type { WorkspaceEntry } from '../../../shared/ipc/contract.ts'
import { call, type UiError } from '../host/host.ts'
import { useHost } from '../host/HostContext.tsx'
import { useI18n } from '../i18n/I18nContext.tsx'
import { ErrorNotice } from '../ui/ErrorNotice.tsx'
import { Icon } from '../ui/Icon.tsx'

/** First start: no workspace yet. Join one, or try the app on a local sample. */
export function WelcomeScreen(props: { onJoin(): void; onCreated(entry: WorkspaceEntry): void }) {
  const { t } = useI18n()
  const api = useHost()
  const [creating, setCreating] = useState(false)
  const [error, setError] = useState<UiError | null>(null)

  const createSample = async () => {
    setCreating(true)
    setError(null)
    const result = await call(api, 'workspaces/create-sample')
    setCreating(false)
    if (result.ok) props.onCreated(result.value)
    else setError(result.error)
  }

  return (
    <div className="welcome">
      <h1 className="welcome-title">{t('welcome.title')}</h1>
      <p className="lead">{t('welcome.lead')}</p>
      {error && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
      <div className="choice-grid">
        <section className="choice" aria-labelledby="welcome-join">
          <Icon name="users" className="choice-icon" size={28} />
          <h2 id="welcome-join">{t('welcome.join.title')}</h2>
          <p>{t('welcome.join.body')}</p>
          <button type="button" className="btn btn-primary" onClick={props.onJoin}>
            {t('welcome.join.action')}
          </button>
        </section>
        <section className="choice" aria-labelledby="welcome-sample">
          <Icon name="paper" className="choice-icon" size={28} />
          <h2 id="welcome-sample">{t('welcome.sample.title')}</h2>
          <p>{t('welcome.sample.body')}</p>
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() => void createSample()}
            disabled={creating}
            aria-busy={creating}
          >
            {creating ? t('welcome.sample.creating') : t('welcome.sample.action')}
          </button>
        </section>
      </div>
    </div>
  )
}
