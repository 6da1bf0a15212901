import { LANGUAGES, LANGUAGE_NAMES } from '../../../shared/i18n/index.ts'
import { useI18n } from '../i18n/I18nContext.tsx'

/** Each language named in itself, so a user who cannot read the current one still finds theirs. */
export function LanguageSwitch() {
  const { t, language, setLanguage } = useI18n()
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          className="language-option"
          aria-pressed={option === language}
          onClick={() => setLanguage(option)}
        >
          <span aria-hidden="true">{option.toUpperCase()}</span>
          <span className="visually-hidden">{LANGUAGE_NAMES[option]}</span>
        </button>
      ))}
    </div>
  )
}
