import { PAPER_STATUSES, type PaperStatus } from '../../../shared/model/index.ts'
import { useI18n } from '../i18n/I18nContext.tsx'

/** Radio buttons drawn as pills: one status, or all, with how many papers each has. */
export function StatusFilter(props: {
  value: PaperStatus | 'all'
  counts: Record<PaperStatus | 'all', number>
  onChange(value: PaperStatus | 'all'): void
}) {
  const { t, format } = useI18n()
  const options: (PaperStatus | 'all')[] = ['all', ...PAPER_STATUSES]
  return (
    <fieldset className="pill-group">
      <legend className="visually-hidden">{t('library.filter.label')}</legend>
      {options.map((option) => (
        <label key={option} className="pill">
          <input
            type="radio"
            name="status-filter"
            value={option}
            checked={props.value === option}
            onChange={() => props.onChange(option)}
          />
          <span>
            {option === 'all' ? t('library.filter.all') : t(`paperStatus.${option}`)}
            <span className="pill-count">{format.number(props.counts[option])}</span>
          </span>
        </label>
      ))}
    </fieldset>
  )
}
