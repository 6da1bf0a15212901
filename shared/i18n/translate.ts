import { en } from './catalog-en.ts'
import { enMembers } from './catalog-en-members.ts'
import { enSuggesting } from './catalog-en-suggesting.ts'
import { enReview } from './catalog-en-review.ts'
import { enWorkflow } from './catalog-en-workflow.ts'
import { enWorkspace } from './catalog-en-workspace.ts'
import { enWriting } from './catalog-en-writing.ts'
import { enImport } from './catalog-en-import.ts'
import { nb } from './catalog-nb.ts'
import { nbMembers } from './catalog-nb-members.ts'
import { nbSuggesting } from './catalog-nb-suggesting.ts'
import { nbReview } from './catalog-nb-review.ts'
import { nbWorkflow } from './catalog-nb-workflow.ts'
import { nbWorkspace } from './catalog-nb-workspace.ts'
import { nbWriting } from './catalog-nb-writing.ts'
import { nbImport } from './catalog-nb-import.ts'
import type { Message, MessageKey, Translate } from './messages.ts'

/** The languages of the user interface. */
export type Language = 'nb' | 'en'
export const LANGUAGES: readonly Language[] = ['nb', 'en']

/** Each language's name in itself, for the language switch. */
export const LANGUAGE_NAMES: Record<Language, string> = { nb: 'Norsk bokmål', en: 'English' }

/** The `Intl` locale of each language (British English: the audience is European). */
export const LOCALES: Record<Language, string> = { nb: 'nb-NO', en: 'en-GB' }

export const CATALOGS: Record<Language, Record<MessageKey, Message>> = {
  nb: {
    ...nb,
    ...nbWorkspace,
    ...nbReview,
    ...nbWorkflow,
    ...nbWriting,
    ...nbMembers,
    ...nbSuggesting,
    ...nbImport,
  },
  en: {
    ...en,
    ...enWorkspace,
    ...enReview,
    ...enWorkflow,
    ...enWriting,
    ...enMembers,
    ...enSuggesting,
    ...enImport,
  },
}

export function isLanguage(value: unknown): value is Language {
  return value === 'nb' || value === 'en'
}

const PLACEHOLDER = /\{(\w+)\}/g

/**
 * `t(key, params)` for one language. Numbers are formatted for the locale; a plural message
 * picks its form by `params.count`. A missing parameter stays visible as `{name}`.
 */
export function createTranslator(language: Language): Translate {
  const catalog = CATALOGS[language]
  const plurals = new Intl.PluralRules(LOCALES[language])
  const numbers = new Intl.NumberFormat(LOCALES[language])
  const translate = (key: MessageKey, params?: Record<string, string | number>): string => {
    const message = catalog[key]
    const template =
      typeof message === 'string'
        ? message
        : (message[plurals.select(Number(params?.count ?? 0))] ?? message.other)
    return template.replace(PLACEHOLDER, (whole, name: string) => {
      const value = params?.[name]
      if (value === undefined) return whole
      return typeof value === 'number' ? numbers.format(value) : value
    })
  }
  return translate as Translate
}
