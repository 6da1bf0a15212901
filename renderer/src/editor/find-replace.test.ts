import { EditorState, TextSelection, type Transaction } from '@tiptap/pm/state'
import type { EditorView } from '@tiptap/pm/view'
import { describe, expect, it } from 'vitest'
import { bodySchema } from '../../../shared/model/index.ts'
import {
  findMatches,
  findPlugin,
  findState,
  replaceAll,
  replaceCurrent,
  setFind,
  stepFind,
  type FindQuery,
} from './find-replace.ts'

const schema = bodySchema()
const doc = (...blocks: string[]) =>
  schema.node(
    'doc',
    null,
    blocks.map((text) => schema.node('paragraph', null, text === '' ? [] : [schema.text(text)])),
  )
const query = (text: string, options: Partial<FindQuery> = {}): FindQuery => ({
  text,
  matchCase: false,
  wholeWord: false,
  ...options,
})
const texts = (state: EditorState) =>
  findState(state).matches.map((m) => state.doc.textBetween(m.from, m.to))

/** Just enough of a view for the commands: its state, and dispatch that applies. */
function viewOf(state: EditorState) {
  const dispatched: Transaction[] = []
  const view = {
    state,
    dispatch(tr: Transaction) {
      dispatched.push(tr)
      view.state = view.state.apply(tr)
    },
  }
  return { view: view as unknown as EditorView & { state: EditorState }, dispatched }
}

describe('finding in the paper', () => {
  const paper = doc(
    'Byene trenger stabil finansiering. Byene vil dele data.',
    'Uten byene stopper arbeidet; byenes planer også.',
  )

  it('finds every match, ignoring case unless asked, inside one paragraph each', () => {
    const all = findMatches(paper, query('byene'))
    expect(all.map((m) => paper.textBetween(m.from, m.to))).toEqual([
      'Byene',
      'Byene',
      'byene',
      'byene',
    ])
    expect(findMatches(paper, query('Byene', { matchCase: true }))).toHaveLength(2)
    expect(findMatches(paper, query('byene', { wholeWord: true }))).toHaveLength(3)
    expect(findMatches(paper, query('data. Uten'))).toHaveLength(0)
    expect(findMatches(paper, query(''))).toHaveLength(0)
    expect(findMatches(paper, query('(.*)'))).toHaveLength(0)
  })

  it('matches Norwegian letters as letters in whole words', () => {
    const text = doc('Søknad om støtte; støtten kommer.')
    expect(findMatches(text, query('støtte', { wholeWord: true }))).toHaveLength(1)
  })
})

describe('find and replace in the editor', () => {
  const make = () => {
    const state = EditorState.create({
      doc: doc('Byene trenger byene. Byene!', 'Og byene.'),
      plugins: [findPlugin()],
    })
    return viewOf(state.apply(state.tr.setSelection(TextSelection.create(state.doc, 1))))
  }

  it('steps through the matches and wraps around', () => {
    const { view } = make()
    setFind(view, query('byene'))
    expect(findState(view.state).current).toBe(0)
    stepFind(view, -1)
    expect(findState(view.state).current).toBe(3)
    stepFind(view, 1)
    expect(findState(view.state).current).toBe(0)
  })

  it('replaces the current match, keeps going after the new text, and replaces all in one step', () => {
    const { view, dispatched } = make()
    setFind(view, query('byene'))
    expect(replaceCurrent(view, 'byene og kommunene')).toBe(true)
    expect(view.state.doc.textContent).toBe('byene og kommunene trenger byene. Byene!Og byene.')
    // The next match is after the replacement, not the "byene" inside it.
    expect(texts(view.state)).toHaveLength(4)
    expect(findState(view.state).current).toBe(1)
    const before = dispatched.length
    expect(replaceAll(view, 'kommunene')).toBe(4)
    expect(dispatched.length).toBe(before + 1)
    expect(view.state.doc.textContent).toBe(
      'kommunene og kommunene trenger kommunene. kommunene!Og kommunene.',
    )
    expect(findState(view.state).matches).toHaveLength(0)
  })

  it('searches again when the text changes, and stops when closed', () => {
    const { view } = make()
    setFind(view, query('byene'))
    view.dispatch(view.state.tr.insertText('Byene ', 1))
    expect(findState(view.state).matches).toHaveLength(5)
    setFind(view, null)
    expect(findState(view.state).query).toBeNull()
    expect(findState(view.state).decorations.find()).toHaveLength(0)
  })
})
