import { hostMessage, type UiError } from '../host/host.ts'
import { useI18n } from '../i18n/I18nContext.tsx'
import { errorText } from './error-text.ts'
import { Icon } from './Icon.tsx'

/** An error as the user reads it: what happened, what to do next, and the host's own words. */
export function ErrorNotice(props: { error: UiError; onDismiss?: () => void; id?: string }) {
  const { t, language } = useI18n()
  const { title, body } = errorText(t, props.error)
  return (
    <div className="notice notice-error" role="alert" id={props.id}>
      <Icon name="alert" className="notice-icon" />
      <div className="notice-text">
        <p className="notice-title">{title}</p>
        <p>{body}</p>
        {props.error.message !== '' && (
          <details className="notice-details">
            <summary>{t('error.details')}</summary>
            <p>
              <code>{props.error.code}</code> {hostMessage(props.error, language)}
            </p>
          </details>
        )}
      </div>
      {props.onDismiss && (
        <button type="button" className="btn btn-quiet notice-dismiss" onClick={props.onDismiss}>
          {t('error.dismiss')}
        </button>
      )}
    </div>
  )
}
