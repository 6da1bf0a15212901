export type { Message, MessageKey, MessageParams, Plural, Translate } from './messages.ts'
export {
  CATALOGS,
  LANGUAGES,
  LANGUAGE_NAMES,
  LOCALES,
  createTranslator,
  isLanguage,
  type Language,
} from './translate.ts'
export { createFormatters, type Formatters } from './format.ts'
