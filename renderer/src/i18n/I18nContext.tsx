import { createContext, useContext, useMemo, type ReactNode } from 'react'
import {
  LOCALES,
  createFormatters,
  createTranslator,
  type Formatters,
  type Language,
  type Translate,
} from '../../../shared/i18n/index.ts'

export type I18n = {
  language: Language
  locale: string
  t: Translate
  format: Formatters
  setLanguage(language: Language): void
}

const I18nContext = createContext<I18n | null>(null)

export function I18nProvider(props: {
  language: Language
  setLanguage(language: Language): void
  children: ReactNode
}) {
  const { language, setLanguage, children } = props
  const value = useMemo<I18n>(() => {
    const t = createTranslator(language)
    return {
      language,
      locale: LOCALES[language],
      t,
      format: createFormatters(language, t),
      setLanguage,
    }
  }, [language, setLanguage])
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext)
  if (i18n === null) throw new Error('useI18n outside I18nProvider')
  return i18n
}
