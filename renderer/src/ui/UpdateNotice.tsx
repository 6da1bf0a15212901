import { useEffect, useState } from 'react'
import type { SamstemtApi, UpdateStatus } from '../../../shared/ipc/contract.ts'
import { call, type UiError } from '../host/host.ts'
import { useI18n } from '../i18n/I18nContext.tsx'
import { Icon } from './Icon.tsx'

/** The app's update as the host reports it: asked once, then pushed as it changes. */
export function useUpdateStatus(api: SamstemtApi): UpdateStatus {
  const [status, setStatus] = useState<UpdateStatus>({ state: 'off', version: null })
  useEffect(() => {
    let current = true
    const off = api.on('update/status', (next) => setStatus(next))
    void call(api, 'update/status').then((result) => {
      if (current && result.ok) setStatus(result.value)
    })
    return () => {
      current = false
      off()
    }
  }, [api])
  return status
}

/**
 * "Restart to update", once an update is downloaded. Later hides it for now: the update is
 * installed when the app next quits anyway.
 */
export function UpdateNotice(props: {
  api: SamstemtApi
  version: string
  onLater: () => void
  onProblem: (error: UiError) => void
}) {
  const { t } = useI18n()
  const [restarting, setRestarting] = useState(false)
  const restart = () => {
    setRestarting(true)
    void call(props.api, 'update/restart').then((result) => {
      if (result.ok) return
      setRestarting(false)
      props.onProblem(result.error)
    })
  }
  return (
    <div className="notice notice-info" role="status">
      <Icon name="update" className="notice-icon" />
      <div className="notice-text">
        <p className="notice-title">{t('update.ready.title', { version: props.version })}</p>
        <p>{t('update.ready.body')}</p>
      </div>
      <button type="button" className="btn btn-primary" onClick={restart} disabled={restarting}>
        {t('update.restart')}
      </button>
      <button type="button" className="btn btn-quiet notice-dismiss" onClick={props.onLater}>
        {t('update.later')}
      </button>
    </div>
  )
}
