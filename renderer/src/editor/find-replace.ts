import { Extension } from '@tiptap/core'
import type { Node as PmNode } from '@tiptap/pm/model'
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state'
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view'

/** What is searched for: the text, and Word's two options. */
export type FindQuery = { text: string; matchCase: boolean; wholeWord: boolean }

export type Match = { from: number; to: number }

export type FindState = {
  query: FindQuery | null
  matches: readonly Match[]
  /** Index of the current match in `matches`; -1 when there is none. */
  current: number
  decorations: DecorationSet
}

/** A long paper with a one-letter search stops here: enough to show and to replace in steps. */
export const MAX_MATCHES = 5000

type FindMeta = { query: FindQuery | null } | { current: number } | { currentFrom: number }

export const findKey = new PluginKey<FindState>('samstemt-find')

const closed: FindState = {
  query: null,
  matches: [],
  current: -1,
  decorations: DecorationSet.empty,
}

/**
 * Every match of `query` in the paper, in document order. A match lies inside one paragraph,
 * heading or cell (as in Word); case is ignored unless asked for, and a whole word is one with no
 * letter or digit just before or after it.
 */
export function findMatches(doc: PmNode, query: FindQuery): Match[] {
  if (query.text === '') return []
  const escaped = query.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const source = query.wholeWord ? `(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])` : escaped
  const pattern = new RegExp(source, query.matchCase ? 'gu' : 'giu')
  const matches: Match[] = []
  doc.descendants((node, pos) => {
    if (matches.length >= MAX_MATCHES) return false
    if (!node.isTextblock) return true
    // One character per position: text as it is, every other inline node (a line break) as U+FFFC.
    let text = ''
    node.forEach((child) => (text += child.isText ? (child.text ?? '') : '\uFFFC'))
    for (const found of text.matchAll(pattern)) {
      if (found[0].length === 0) continue
      const from = pos + 1 + found.index
      matches.push({ from, to: from + found[0].length })
      if (matches.length >= MAX_MATCHES) break
    }
    return false
  })
  return matches
}

function draw(doc: PmNode, query: FindQuery | null, matches: readonly Match[], current: number) {
  if (query === null || matches.length === 0) {
    return { query, matches, current: -1, decorations: DecorationSet.empty }
  }
  const decorations = matches.map((match, i) =>
    Decoration.inline(match.from, match.to, {
      class: i === current ? 'find-match is-current' : 'find-match',
    }),
  )
  return { query, matches, current, decorations: DecorationSet.create(doc, decorations) }
}

/** The first match at or after `pos`, wrapping to the first. */
function matchFrom(matches: readonly Match[], pos: number): number {
  if (matches.length === 0) return -1
  const at = matches.findIndex((match) => match.from >= pos)
  return at === -1 ? 0 : at
}

export function nextFind(tr: Transaction, previous: FindState, state: EditorState): FindState {
  const meta = tr.getMeta(findKey) as FindMeta | undefined
  if (meta !== undefined && 'query' in meta) {
    if (meta.query === null) return closed
    const matches = findMatches(state.doc, meta.query)
    return draw(state.doc, meta.query, matches, matchFrom(matches, state.selection.from))
  }
  if (previous.query === null || (meta === undefined && !tr.docChanged)) return previous
  // The text changed (here or from a partner): search again.
  const matches = tr.docChanged ? findMatches(state.doc, previous.query) : previous.matches
  let current: number
  if (meta !== undefined && 'current' in meta) current = meta.current
  else if (meta !== undefined) current = matchFrom(matches, meta.currentFrom)
  else {
    // Stay near the current match.
    const was = previous.matches[previous.current]
    current = was === undefined ? 0 : matchFrom(matches, tr.mapping.map(was.from, -1))
  }
  return draw(state.doc, previous.query, matches, matches.length === 0 ? -1 : current)
}

/** The search's state and its highlights; nothing at all while no search is open. */
export function findPlugin(): Plugin<FindState> {
  return new Plugin<FindState>({
    key: findKey,
    state: {
      init: () => closed,
      apply: (tr, previous, _old, state) => nextFind(tr, previous, state),
    },
    props: {
      decorations: (state) => findKey.getState(state)?.decorations ?? DecorationSet.empty,
    },
  })
}

export const FindReplace = Extension.create({
  name: 'samstemtFind',
  addProseMirrorPlugins: () => [findPlugin()],
})

export const findState = (state: EditorState): FindState => findKey.getState(state) ?? closed

/** Searches for `query` (null: the search is over), the current match the first after the caret. */
export function setFind(view: EditorView, query: FindQuery | null): void {
  view.dispatch(view.state.tr.setMeta(findKey, { query }))
}

/** Makes the next (1) or previous (-1) match the current one, wrapping around. */
export function stepFind(view: EditorView, direction: 1 | -1): void {
  const { matches, current } = findState(view.state)
  if (matches.length === 0) return
  const next = (current + direction + matches.length) % matches.length
  view.dispatch(view.state.tr.setMeta(findKey, { current: next }))
}

/** Replaces the current match; the next one becomes current. False when there is none. */
export function replaceCurrent(view: EditorView, replacement: string): boolean {
  const { matches, current } = findState(view.state)
  const match = matches[current]
  if (match === undefined) return false
  const tr = replaceIn(view.state.tr, match, replacement)
  // The next match is the first after the new text, never inside it ("by" -> "byen").
  view.dispatch(tr.setMeta(findKey, { currentFrom: tr.mapping.map(match.to, 1) }))
  return true
}

/** Replaces every match in one transaction, so one undo step takes it all back. */
export function replaceAll(view: EditorView, replacement: string): number {
  const { matches } = findState(view.state)
  if (matches.length === 0) return 0
  const tr = view.state.tr
  for (const match of [...matches].reverse()) replaceIn(tr, match, replacement)
  view.dispatch(tr)
  return matches.length
}

/** The replacement keeps the formatting of the text it replaces (insertText's marks). */
function replaceIn(tr: Transaction, match: Match, replacement: string): Transaction {
  return replacement === ''
    ? tr.delete(match.from, match.to)
    : tr.insertText(replacement, match.from, match.to)
}
