import type { JSONContent } from '@tiptap/core'
import type { Thread } from './comments.ts'
import { normaliseGuidance, templateGuidanceTexts, templateHeadings } from './template.ts'
import { listTracked } from './tracked.ts'
import type { Workflow } from './workflow.ts'

/*
 * What is left before a paper leaves: the check run when the coordinator moves a paper to final
 * or sent. It only reads; the coordinator may go on anyway, and the status change then records
 * what was left (StatusChange.overrides).
 */

/** The things the check looks for. */
export type ReadinessCheck =
  | 'open-threads'
  | 'undecided-suggestions'
  | 'guidance'
  | 'empty-sections'
  | 'no-recipients'
  | 'not-endorsed'
export const READINESS_CHECKS: readonly ReadinessCheck[] = [
  'open-threads',
  'undecided-suggestions',
  'guidance',
  'empty-sections',
  'no-recipients',
  'not-endorsed',
]

/** One thing left, with how many and where (section headings, organisation names). */
export type Finding = {
  check: ReadinessCheck
  count: number
  /** Section headings (guidance, empty sections) or organisations (not endorsed). */
  where: string[]
}

/** The paper as the check reads it. */
export type ReadinessInput = {
  /** The body as Tiptap JSON (`readBodyJSON`). */
  body: JSONContent
  recipients: string[]
  /** The contributing organisations (the paper's meta), who are expected to endorse. */
  organisations: string[]
  threads: Thread[]
  workflow: Workflow
  /** The hash of the paper's content now (`contentHash(paperContent(doc))`). */
  currentHash: string
}

/**
 * A kind of suggestion a paper can hold, and how many wait for a decision. Today only comment
 * threads carry suggestions; tracked changes in the body will be one more source.
 */
export type SuggestionSource = {
  id: string
  undecided(input: ReadinessInput): number
}

/** Open comment threads that propose new wording and have no decision yet. */
export const commentSuggestions: SuggestionSource = {
  id: 'comments',
  undecided: (input) =>
    input.threads.filter(
      (thread) => thread.state === 'open' && thread.suggestion !== null && thread.decision === null,
    ).length,
}

/** Tracked changes in the body (suggesting mode) nobody has accepted or rejected. */
export const trackedSuggestions: SuggestionSource = {
  id: 'tracked',
  undecided: (input) => listTracked(input.body).length,
}

export const SUGGESTION_SOURCES: readonly SuggestionSource[] = [
  commentSuggestions,
  trackedSuggestions,
]

/** Which checks apply to which move: endorsements are expected only once a paper is final. */
const CHECKS_FOR: Record<'final' | 'sent', readonly ReadinessCheck[]> = {
  final: READINESS_CHECKS.filter((check) => check !== 'not-endorsed'),
  sent: READINESS_CHECKS,
}

/** What is left before the paper becomes `target`; empty when nothing is. */
export function readinessFindings(
  input: ReadinessInput,
  target: 'final' | 'sent',
  sources: readonly SuggestionSource[] = SUGGESTION_SOURCES,
): Finding[] {
  const sections = sectionsOf(input.body)
  const suggestions = sources.reduce((sum, source) => sum + source.undecided(input), 0)
  // A thread waiting for a decision on its suggestion is listed there, not twice.
  // A conversation on a tracked change goes with it.
  const open = input.threads.filter(
    (thread) => thread.state === 'open' && thread.tracked === null,
  ).length
  const withGuidance = sections.filter((section) => section.guidance > 0)
  const endorsed = new Set(
    input.workflow.endorsements
      .filter((endorsement) => endorsement.hash === input.currentHash)
      .map((endorsement) => endorsement.organisation),
  )
  const missing = input.organisations.filter((organisation) => !endorsed.has(organisation))
  const empty = sections.filter((section) => section.heading !== null && section.empty)
  const all: Record<ReadinessCheck, Finding> = {
    'open-threads': finding('open-threads', open - commentSuggestions.undecided(input), []),
    'undecided-suggestions': finding('undecided-suggestions', suggestions, []),
    guidance: {
      check: 'guidance',
      count: withGuidance.reduce((sum, section) => sum + section.guidance, 0),
      where: withGuidance.map(sectionName),
    },
    'empty-sections': finding('empty-sections', empty.length, empty.map(sectionName)),
    'no-recipients': finding(
      'no-recipients',
      input.recipients.some((r) => r.trim() !== '') ? 0 : 1,
      [],
    ),
    'not-endorsed': finding('not-endorsed', missing.length, missing),
  }
  return CHECKS_FOR[target].map((check) => all[check]).filter((found) => found.count > 0)
}

function finding(check: ReadinessCheck, count: number, where: string[]): Finding {
  return { check, count: Math.max(0, count), where }
}

type Section = {
  /** The heading's text; null for what comes before the first heading. */
  heading: string | null
  /** Guidance paragraphs in the section (marked, or in the template's words). */
  guidance: number
  /** No text of the paper's own, guidance aside. */
  empty: boolean
}

function sectionName(section: Section): string {
  return section.heading ?? ''
}

/**
 * The body cut at its headings. A section's own text ends at the next heading, so a section
 * holding only subsections is empty. The template's signatories section is never empty: the
 * export fills it from the endorsements.
 */
function sectionsOf(body: JSONContent): Section[] {
  const hints = templateGuidanceTexts()
  const signatoryWords = new Set(
    (['nb', 'en'] as const).map((language) => normalise(templateHeadings(language)[3] ?? '')),
  )
  const sections: Section[] = [{ heading: null, guidance: 0, empty: true }]
  for (const node of body.content ?? []) {
    if (node.type === 'heading') {
      const heading = textOf(node).trim()
      const filledByExport =
        node.attrs?.section === 'signatories' ||
        (node.attrs?.section === undefined && signatoryWords.has(normalise(heading)))
      sections.push({ heading, guidance: 0, empty: !filledByExport })
      continue
    }
    const section = sections.at(-1) as Section
    for (const paragraph of paragraphsOf(node)) {
      const text = textOf(paragraph)
      if (paragraph.attrs?.guidance === true || hints.has(normaliseGuidance(text))) {
        section.guidance++
      } else if (text.trim() !== '') section.empty = false
    }
    if (node.type === 'table' || node.type === 'horizontalRule') section.empty = false
  }
  return sections.filter((section) => section.heading !== null || section.guidance > 0)
}

function paragraphsOf(node: JSONContent): JSONContent[] {
  if (node.type === 'paragraph' || node.type === 'codeBlock') return [node]
  return (node.content ?? []).flatMap(paragraphsOf)
}

function textOf(node: JSONContent): string {
  return (node.text ?? '') + (node.content ?? []).map(textOf).join('')
}

function normalise(text: string): string {
  return text.trim().replace(/[:.]$/, '').toLocaleLowerCase('nb')
}
