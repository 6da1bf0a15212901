import { useEffect, useState } from 'react'
import type { Role } from '../../../shared/protocol/index.ts'
import { call } from '../host/host.ts'
import { useHost } from '../host/HostContext.tsx'
import { useI18n } from '../i18n/I18nContext.tsx'
import { Icon } from '../ui/Icon.tsx'
import type { WriteBlock } from './write-block.ts'

/**
 * Why writing is off (revoked, or this computer's key lost): the notice every disabled control
 * points at. An alert, since it arrives while the member may be typing.
 */
export function BlockedNotice(props: { block: WriteBlock; workspace: string }) {
  const { t } = useI18n()
  const revoked = props.block.kind === 'revoked'
  return (
    <div className="notice notice-error access-notice" role="alert" id={props.block.reasonId}>
      <Icon name="lock" className="notice-icon" />
      <div className="notice-text">
        <p className="notice-title">
          {revoked
            ? t('access.revoked.title', { workspace: props.workspace })
            : t('access.lost.title')}
        </p>
        <p>{revoked ? t('access.revoked.body') : t('access.lost.body')}</p>
      </div>
    </div>
  )
}

/** The relay says the member's role changed: what they may do now, in one line. */
export function RoleNotice(props: { role: Role; onDismiss(): void }) {
  const { t } = useI18n()
  return (
    <div className="notice notice-info access-notice" role="status">
      <Icon name="users" className="notice-icon" />
      <p className="notice-text">
        {t('access.roleChanged', {
          role: t(`role.${props.role}`),
          description: t(`role.${props.role}.description`),
        })}
      </p>
      <button type="button" className="btn btn-quiet notice-dismiss" onClick={props.onDismiss}>
        {t('access.dismiss')}
      </button>
    </div>
  )
}

/**
 * Whether to say, once and plainly, that this computer keeps the workspace's key unencrypted (no
 * keychain). The host forgets the answer when the keys are encrypted again, so a later loss of
 * the keychain is said again.
 */
export function useSecretsNotice(enabled: boolean): { show: boolean; dismiss(): void } {
  const api = useHost()
  const [show, setShow] = useState(false)
  useEffect(() => {
    if (!enabled) return
    let cancelled = false
    void Promise.all([call(api, 'app/info'), call(api, 'settings/get')]).then(
      ([info, settings]) => {
        if (cancelled || !info.ok || !settings.ok) return
        setShow(!info.value.secretsEncrypted && !settings.value.secretsNoticeSeen)
      },
    )
    return () => {
      cancelled = true
    }
  }, [api, enabled])
  return {
    show: enabled && show,
    dismiss: () => {
      setShow(false)
      void call(api, 'settings/update', { secretsNoticeSeen: true })
    },
  }
}

export function SecretsNotice(props: { onDismiss(): void }) {
  const { t } = useI18n()
  return (
    <div
      className="notice notice-warning access-notice"
      role="status"
      aria-labelledby="secrets-title"
    >
      <Icon name="unlock" className="notice-icon" />
      <div className="notice-text">
        <p className="notice-title" id="secrets-title">
          {t('secrets.title')}
        </p>
        <p>{t('secrets.body')}</p>
      </div>
      <button type="button" className="btn btn-secondary btn-small" onClick={props.onDismiss}>
        {t('secrets.ok')}
      </button>
    </div>
  )
}
