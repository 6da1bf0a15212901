import type { en } from './catalog-en.ts'
import type { enImport } from './catalog-en-import.ts'
import type { enMembers } from './catalog-en-members.ts'
import type { enSuggesting } from './catalog-en-suggesting.ts'
import type { enReview } from './catalog-en-review.ts'
import type { enWorkflow } from './catalog-en-workflow.ts'
import type { enWorkspace } from './catalog-en-workspace.ts'
import type { enWriting } from './catalog-en-writing.ts'

/** A text whose form depends on a count; the categories are those of `Intl.PluralRules`. */
export type Plural = {
  readonly one: string
  readonly other: string
} & Partial<Record<'zero' | 'two' | 'few' | 'many', string>>

export type Message = string | Plural

type Parts = {
  app: typeof en
  workspace: typeof enWorkspace
  review: typeof enReview
  workflow: typeof enWorkflow
  writing: typeof enWriting
  members: typeof enMembers
  suggesting: typeof enSuggesting
  import: typeof enImport
}
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Plural }

/** What another language must provide for a part of the catalog: every English key, same kind. */
export type Messages<Part extends keyof Parts> = Shape<Parts[Part]>

type English = Parts['app'] &
  Parts['workspace'] &
  Parts['review'] &
  Parts['workflow'] &
  Parts['writing'] &
  Parts['members'] &
  Parts['suggesting'] &
  Parts['import']
export type MessageKey = keyof English

type ParamNames<S> = S extends `${string}{${infer P}}${infer Rest}` ? P | ParamNames<Rest> : never
type Names<M> = M extends string
  ? ParamNames<M>
  : M extends { other: infer O }
    ? ParamNames<O> | 'count'
    : never

/** The `{placeholders}` of a message, read from the English text at compile time. */
export type MessageParams<K extends MessageKey> = Names<English[K]>

/** No second argument for a message without placeholders; a record of all of them otherwise. */
export type ParamArgs<K extends MessageKey> = [MessageParams<K>] extends [never]
  ? []
  : [params: Record<MessageParams<K>, string | number>]

export type Translate = <K extends MessageKey>(key: K, ...params: ParamArgs<K>) => string
