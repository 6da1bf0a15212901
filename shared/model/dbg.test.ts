import { EditorState, TextSelection, type Transaction } from '@tiptap/pm/state'
import { joinBackward } from '@tiptap/pm/commands'
import { it } from 'vitest'
import { bodySchema } from './schema.ts'
import { suggestTransaction } from './suggesting.ts'
it('dbg', () => {
  const node = bodySchema().nodeFromJSON({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'One.' }] }, { type: 'paragraph', content: [{ type: 'text', text: 'Two.' }] }] })
  const state = EditorState.create({ doc: node, selection: TextSelection.create(node, 7) })
  let made: Transaction | null = null
  joinBackward(state, (tr) => (made = tr))
  const out = suggestTransaction(state, made!, { memberId: 'a', name: 'A', organisation: 'O' }, { newId: () => 'x' })
  console.log(JSON.stringify((out as Transaction).steps.map((s) => s.toJSON())))
  let s = EditorState.create({ doc: node, selection: TextSelection.create(node, 3) })
  for (const c of 'xy') {
    const o = suggestTransaction(s, s.tr.insertText(c), { memberId: 'a', name: 'A', organisation: 'O' }, { newId: () => 'x' + c }) as Transaction
    s = s.apply(o)
    console.log(s.selection.from, JSON.stringify(s.doc.toJSON()))
  }
  const o = suggestTransaction(s, s.tr.delete(s.selection.from - 1, s.selection.from), { memberId: 'a', name: 'A', organisation: 'O' }, { newId: () => 'z' }) as Transaction
  console.log(JSON.stringify(o.steps.map((s) => s.toJSON())))
})
