import type { ReactNode } from 'react'
import { useI18n } from '../i18n/I18nContext.tsx'
import { Brand } from './Brand.tsx'
import { LanguageSwitch } from './LanguageSwitch.tsx'

/** The frame of the screens before a workspace is open: brand, language, and one centred task. */
export function AppFrame(props: { banner: ReactNode; loading: boolean; children: ReactNode }) {
  const { t } = useI18n()
  return (
    <div className="app-frame">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="top-bar">
        <Brand />
        <div className="top-bar-end">
          <LanguageSwitch />
        </div>
      </header>
      {props.banner && <div className="banner-slot">{props.banner}</div>}
      <main id="main" className="frame-main" tabIndex={-1}>
        {props.loading ? (
          <p className="loading" role="status">
            <span className="spinner" aria-hidden="true" />
            {t('app.loading')}
          </p>
        ) : (
          props.children
        )}
      </main>
    </div>
  )
}
