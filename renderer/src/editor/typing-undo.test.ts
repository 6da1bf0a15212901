import { EditorState, TextSelection, type Transaction } from '@tiptap/pm/state'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { bodySchema } from '../../../shared/model/index.ts'
import { classifyEdit, nextSteps, TypingUndoManager } from './typing-undo.ts'

const schema = bodySchema()
const paragraph = (text: string) =>
  schema.node('paragraph', null, text === '' ? [] : [schema.text(text)])
const stateWith = (...texts: string[]) =>
  EditorState.create({ doc: schema.node('doc', null, texts.map(paragraph)) })

/** Types `text` one character per transaction at the end of the first paragraph. */
function typeInto(state: EditorState, text: string): Transaction[] {
  const transactions: Transaction[] = []
  let current = state
  for (const character of text) {
    const end = current.doc.firstChild!.nodeSize - 1
    const tr = current.tr.insertText(character, end)
    transactions.push(tr)
    current = current.apply(tr)
  }
  return transactions
}

function stepsOf(transactions: Transaction[]): number {
  let steps = { count: 0, last: null, moved: true } as Parameters<typeof nextSteps>[0]
  for (const tr of transactions) steps = nextSteps(steps, tr)
  return steps.count
}

describe('undo steps in the editor', () => {
  it('makes one step of each word typed, its space included', () => {
    const typed = typeInto(stateWith(''), 'Byene trenger forutsigbar finansiering.')
    expect(stepsOf(typed)).toBe(4)
  })

  it('tells typing from deleting and from everything else', () => {
    const state = stateWith('Byene trenger')
    expect(classifyEdit(state.tr.insertText('s', 6))).toEqual({
      kind: 'type',
      text: 's',
      wordStart: false,
    })
    expect(classifyEdit(state.tr.insertText('t', 7))).toMatchObject({ wordStart: true })
    expect(classifyEdit(state.tr.delete(13, 14))).toEqual({ kind: 'delete' })
    expect(classifyEdit(state.tr.insertText('pasted words', 14))).toEqual({ kind: 'other' })
    expect(classifyEdit(state.tr.split(7))).toEqual({ kind: 'other' })
    expect(classifyEdit(state.tr.insertText('x', 2, 5))).toEqual({ kind: 'other' })
  })

  it('starts a step when the caret moved, but not for a partner’s change', () => {
    const state = stateWith('Byene trenger', 'Finansiering')
    let steps = nextSteps({ count: 0, last: null, moved: false }, state.tr.insertText('s', 14))
    const partner = state.tr
      .insertText('Kari', 16)
      .setMeta(ySyncPluginKey, { isChangeOrigin: true })
    steps = nextSteps(steps, partner)
    expect(nextSteps(steps, state.tr.insertText('s', 14)).count).toBe(steps.count)
    const click = state.tr.setSelection(TextSelection.create(state.doc, 3))
    const moved = nextSteps(steps, click)
    expect(nextSteps(moved, state.tr.insertText('s', 3)).count).toBe(steps.count + 1)
  })
})

/** Two partners' docs kept in sync, as through the relay. */
function partners() {
  const mine = new Y.Doc()
  const theirs = new Y.Doc()
  mine.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'relay') Y.applyUpdate(theirs, update, 'relay')
  })
  theirs.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'relay') Y.applyUpdate(mine, update, 'relay')
  })
  const body = mine.getXmlFragment('body')
  const block = new Y.XmlElement('paragraph')
  const text = new Y.XmlText('Byene ')
  block.insert(0, [text])
  body.insert(0, [block])
  return { mine, theirs, text, body }
}

describe('the typing undo manager', () => {
  it('keeps my step whole when a partner types in between, and undoes only my text', () => {
    const { mine, theirs, text, body } = partners()
    const undo = new TypingUndoManager(body)
    const theirText = (theirs.getXmlFragment('body').get(0) as Y.XmlElement).get(0) as Y.XmlText
    for (const character of 'trenger') {
      mine.transact(() => text.insert(text.length, character), ySyncPluginKey)
      // The partner types at the start; y-tiptap then calls stopCapturing (issue 12).
      theirs.transact(() => theirText.insert(0, 'K'))
      undo.stopCapturing()
    }
    expect(text.toString()).toBe('KKKKKKKByene trenger')
    expect(undo.undoStack).toHaveLength(1)
    undo.undo()
    expect(text.toString()).toBe('KKKKKKKByene ')
    expect(theirText.toString()).toBe('KKKKKKKByene ')
  })

  it('begins a new step where the editor says one begins, and after an undo', () => {
    const { mine, text, body } = partners()
    const undo = new TypingUndoManager(body)
    mine.transact(() => text.insert(6, 'trenger '), ySyncPluginKey)
    undo.startStep()
    mine.transact(() => text.insert(14, 'penger'), ySyncPluginKey)
    expect(undo.undoStack).toHaveLength(2)
    undo.undo()
    mine.transact(() => text.insert(14, 'tid'), ySyncPluginKey)
    expect(undo.undoStack).toHaveLength(2)
    undo.undo()
    expect(text.toString()).toBe('Byene trenger ')
  })
})
