import type { PaperStatus } from '../../../shared/model/index.ts'
import { useI18n } from '../i18n/I18nContext.tsx'

export function StatusBadge(props: { status: PaperStatus }) {
  const { t } = useI18n()
  return (
    <span className={`status-badge status-${props.status}`}>
      {t(`paperStatus.${props.status}`)}
    </span>
  )
}
