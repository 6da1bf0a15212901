import type { JSONContent } from '@tiptap/core'
import { deleteSelection, joinBackward, splitBlock, toggleMark } from '@tiptap/pm/commands'
import { EditorState, TextSelection, type Command, type Transaction } from '@tiptap/pm/state'
import { wrapInList, splitListItem } from '@tiptap/pm/schema-list'
import { describe, expect, it } from 'vitest'
import { bodySchema } from './schema.ts'
import {
  decideTransaction,
  isUnsuggestable,
  plainInsertions,
  suggestTransaction,
  type Suggester,
} from './suggesting.ts'
import { acceptTracked, all, byId, listTracked, rejectTracked } from './tracked.ts'

const ingrid: Suggester = { memberId: 'm-ingrid', name: 'Ingrid', organisation: 'NTNU' }
const paul: Suggester = { memberId: 'm-paul', name: 'Paul', organisation: 'ERRIN' }

const doc = (...paragraphs: string[]): JSONContent => ({
  type: 'doc',
  content: paragraphs.map((text) => ({
    type: 'paragraph',
    ...(text === '' ? {} : { content: [{ type: 'text', text }] }),
  })),
})

function stateOf(json: JSONContent, from = 1, to = from): EditorState {
  const node = bodySchema().nodeFromJSON(json)
  return EditorState.create({ doc: node, selection: TextSelection.create(node, from, to) })
}

let ids = 0
const newId = () => `s${++ids}`

/** Runs a command in suggesting mode as `who`; the state after, or why not. */
function suggest(state: EditorState, command: Command | ((tr: Transaction) => void), who = ingrid) {
  let made: Transaction | null = null
  if (command.length <= 1) {
    made = state.tr
    ;(command as (tr: Transaction) => void)(made)
  } else {
    ;(command as Command)(state, (tr) => (made = tr))
  }
  if (made === null) throw new Error('the command did nothing')
  const suggested = suggestTransaction(state, made, who, { newId, now: () => 1000 })
  if (isUnsuggestable(suggested)) return suggested
  return state.apply(suggested)
}

function suggested(state: EditorState, ...steps: (Command | ((tr: Transaction) => void))[]) {
  for (const [i, step] of steps.entries()) {
    const next = suggest(state, step)
    if (!(next instanceof EditorState)) throw new Error(`step ${i}: ${next.unsuggestable}`)
    state = next
  }
  return state
}

const typed = (text: string) => (tr: Transaction) => void tr.insertText(text)
const json = (state: EditorState) => state.doc.toJSON() as JSONContent
const texts = (body: JSONContent) =>
  (body.content ?? []).map((block) => (block.content ?? []).map((n) => n.text ?? '').join(''))

/** Backspace with an empty selection: the character before the caret. */
const backspace: Command = (state, dispatch) => {
  const { from, empty } = state.selection
  if (!empty) return deleteSelection(state, dispatch)
  if (state.selection.$from.parentOffset === 0) return joinBackward(state, dispatch)
  dispatch?.(state.tr.delete(from - 1, from))
  return true
}

describe('suggesting mode', () => {
  it('typed text is a suggested insertion by the member, one suggestion for a word', () => {
    let state = stateOf(doc('Cities need funding.'), 13)
    for (const char of 'stable ') state = suggested(state, typed(char))
    expect(texts(json(state))).toEqual(['Cities need stable funding.'])
    const [only, ...more] = listTracked(json(state))
    expect(more).toEqual([])
    expect(only).toMatchObject({
      kinds: ['insert'],
      inserted: 'stable ',
      author: { memberId: 'm-ingrid', name: 'Ingrid', organisation: 'NTNU', at: 1000 },
    })
    expect(state.selection.from).toBe(20)
    expect(texts(rejectTracked(json(state)))).toEqual(['Cities need funding.'])
    expect(texts(acceptTracked(json(state)))).toEqual(['Cities need stable funding.'])
  })

  it('Backspace strikes the text and moves before it; a run of them is one suggestion', () => {
    let state = stateOf(doc('Cities need funding.'), 13)
    state = suggested(state, backspace, backspace, backspace, backspace, backspace)
    expect(texts(json(state))).toEqual(['Cities need funding.'])
    expect(state.selection.from).toBe(8)
    const list = listTracked(json(state))
    expect(list).toHaveLength(1)
    expect(list[0]).toMatchObject({ kinds: ['delete'], deleted: 'need ' })
    expect(texts(acceptTracked(json(state)))).toEqual(['Cities funding.'])
    expect(texts(rejectTracked(json(state)))).toEqual(['Cities need funding.'])
  })

  it('deleting one’s own suggested text takes it back for good', () => {
    let state = stateOf(doc('Cities need funding.'), 12)
    state = suggested(state, typed('x'), typed('y'), backspace, backspace)
    expect(texts(json(state))).toEqual(['Cities need funding.'])
    expect(listTracked(json(state))).toEqual([])
  })

  it('typing over a selection is one replacement: struck and inserted under one id', () => {
    const state = suggested(stateOf(doc('Cities need funding.'), 8, 12), typed('want'))
    expect(texts(json(state))).toEqual(['Cities needwant funding.'])
    const list = listTracked(json(state))
    expect(list).toHaveLength(1)
    expect(list[0]).toMatchObject({
      kinds: ['delete', 'insert'],
      deleted: 'need',
      inserted: 'want',
    })
    expect(texts(acceptTracked(json(state)))).toEqual(['Cities want funding.'])
    expect(texts(rejectTracked(json(state)))).toEqual(['Cities need funding.'])
  })

  it('Enter suggests a new paragraph; Backspace at a paragraph’s start suggests joining', () => {
    const split = suggested(stateOf(doc('One. Two.'), 6), splitBlock)
    expect(texts(json(split))).toEqual(['One. ', 'Two.'])
    expect(listTracked(json(split))[0]?.kinds).toEqual(['split'])
    expect(texts(rejectTracked(json(split)))).toEqual(['One. Two.'])
    expect(texts(acceptTracked(json(split)))).toEqual(['One. ', 'Two.'])

    const join = suggested(stateOf(doc('One.', 'Two.'), 7), backspace)
    expect(texts(json(join))).toEqual(['One.', 'Two.'])
    expect(listTracked(json(join))[0]?.kinds).toEqual(['join'])
    expect(texts(acceptTracked(json(join)))).toEqual(['One.Two.'])
    expect(texts(rejectTracked(json(join)))).toEqual(['One.', 'Two.'])
  })

  it('Backspace on one’s own suggested break joins the paragraphs again', () => {
    const state = suggested(stateOf(doc('One. Two.'), 6), splitBlock, backspace)
    expect(texts(json(state))).toEqual(['One. Two.'])
    expect(listTracked(json(state))).toEqual([])
  })

  it('bold is a formatting suggestion: rejected, the text is as it was', () => {
    const bold = bodySchema().marks.bold!
    const state = suggested(stateOf(doc('Cities need funding.'), 8, 12), toggleMark(bold))
    const body = json(state)
    expect(listTracked(body)[0]?.kinds).toEqual(['format'])
    const marks = (b: JSONContent) =>
      b.content?.[0]?.content?.map((n) => (n.marks ?? []).map((m) => m.type).join('+'))
    expect(marks(body)).toEqual(['', 'bold+suggestFormat', ''])
    expect(marks(acceptTracked(body))).toEqual(['', 'bold', ''])
    expect(rejectTracked(body).content?.[0]?.content).toEqual([
      { type: 'text', text: 'Cities need funding.' },
    ])
    // Undone by hand (bold off again), no suggestion is left.
    const back = suggested(state, toggleMark(bold))
    expect(listTracked(json(back))).toEqual([])
  })

  it('lists and list items are not suggested: the editor says why', () => {
    const schema = bodySchema()
    const state = stateOf(doc('Cities need funding.'), 3)
    expect(suggest(state, wrapInList(schema.nodes.bulletList!))).toEqual({
      unsuggestable: 'structure',
    })
    const list = EditorState.create({
      doc: schema.nodeFromJSON({
        type: 'doc',
        content: [
          {
            type: 'bulletList',
            content: [{ type: 'listItem', content: [doc('One two').content![0]!] }],
          },
        ],
      }),
    })
    const inItem = list.apply(list.tr.setSelection(TextSelection.create(list.doc, 6)))
    expect(suggest(inItem, splitListItem(schema.nodes.listItem!))).toEqual({
      unsuggestable: 'structure',
    })
  })

  it('another member’s suggested text is struck, not removed, and both can be decided', () => {
    const withIngrid = suggested(stateOf(doc('Cities need funding.'), 13), typed('stable '))
    const selected = withIngrid.tr.setSelection(TextSelection.create(withIngrid.doc, 13, 20))
    const struck = suggest(withIngrid.apply(selected), deleteSelection, paul)
    if (!(struck instanceof EditorState)) throw new Error(struck.unsuggestable)
    const body = json(struck)
    expect(texts(body)).toEqual(['Cities need stable funding.'])
    const [mine, his] = listTracked(body)
    expect(mine?.author.memberId).toBe('m-ingrid')
    expect(his).toMatchObject({
      author: { memberId: 'm-paul' },
      kinds: ['delete'],
      deleted: 'stable ',
    })
    expect(texts(acceptTracked(body))).toEqual(['Cities need funding.'])
    expect(texts(rejectTracked(body))).toEqual(['Cities need funding.'])
    expect(texts(rejectTracked(body, byId(his!.id)))).toEqual(['Cities need stable funding.'])
    expect(texts(acceptTracked(rejectTracked(body, byId(his!.id))))).toEqual([
      'Cities need stable funding.',
    ])
  })

  it('deciding in the editor gives the text deciding the JSON gives, in one transaction', () => {
    let state = stateOf(doc('One. Two.', 'Three.'), 6)
    state = suggested(state, splitBlock, typed('New '), backspace)
    state = state.apply(
      state.tr.setSelection(TextSelection.create(state.doc, state.doc.content.size - 2)),
    )
    state = suggested(state, backspace)
    const bold = bodySchema().marks.bold!
    state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, 1, 4)))
    state = suggested(state, toggleMark(bold))
    const body = json(state)
    expect(listTracked(body).length).toBeGreaterThan(1)
    for (const how of ['accept', 'reject'] as const) {
      const decided = state.apply(decideTransaction(state, all, how))
      const expected = how === 'accept' ? acceptTracked(body) : rejectTracked(body)
      expect(json(decided)).toEqual(bodySchema().nodeFromJSON(expected).toJSON())
      expect(listTracked(json(decided))).toEqual([])
    }
    expect(texts(rejectTracked(body))).toEqual(['One. Two.', 'Three.'])
  })

  it('in editing mode, typing inside someone’s suggestion is one’s own plain text', () => {
    const withIngrid = suggested(stateOf(doc('Cities need funding.'), 13), typed('stable '))
    const tr = withIngrid.tr.setSelection(TextSelection.create(withIngrid.doc, 15)).insertText('X')
    const after = withIngrid.apply(plainInsertions(tr))
    const list = listTracked(json(after))
    expect(list).toHaveLength(1)
    expect(list[0]?.inserted).toBe('stable ')
    expect(texts(rejectTracked(json(after)))).toEqual(['Cities need Xfunding.'])
  })
})
