import { useI18n } from '../i18n/I18nContext.tsx'

/** The mark: three lines that meet, "in one voice". */
export function Brand() {
  const { t } = useI18n()
  return (
    <span className="brand">
      <svg className="brand-mark" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true">
        <rect width="32" height="32" rx="7" fill="currentColor" />
        <path
          d="M8 10c6 0 8 6 16 6M8 16h16M8 22c6 0 8-6 16-6"
          stroke="#fff"
          strokeWidth="2.2"
          strokeLinecap="round"
          fill="none"
        />
      </svg>
      <span className="brand-name">{t('app.name')}</span>
    </span>
  )
}
