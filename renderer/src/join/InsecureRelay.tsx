import type { Ref } from 'react'
import { useI18n } from '../i18n/I18nContext.tsx'
import { Icon } from '../ui/Icon.tsx'

/**
 * Before anything is sent to a `ws://` relay off this computer: what that means, and the
 * explicit choice to go on. The host asks the relay only after this choice.
 */
export function InsecureRelay(props: {
  ref: Ref<HTMLElement>
  relay: string
  onGoOn(): void
  onCancel(): void
}) {
  const { t } = useI18n()
  return (
    <section
      ref={props.ref}
      tabIndex={-1}
      className="notice notice-warning insecure-relay"
      role="alertdialog"
      aria-labelledby="insecure-title"
      aria-describedby="insecure-body"
    >
      <Icon name="unlock" className="notice-icon" />
      <div className="notice-text">
        <h2 id="insecure-title" className="notice-title">
          {t('join.insecure.title')}
        </h2>
        <p id="insecure-body">{t('join.insecure.body', { relay: props.relay })}</p>
        <div className="actions">
          <button type="button" className="btn btn-primary" onClick={props.onCancel}>
            {t('join.cancel')}
          </button>
          <button type="button" className="btn btn-secondary" onClick={props.onGoOn}>
            {t('join.insecure.show')}
          </button>
        </div>
      </div>
    </section>
  )
}
