import { EditorState, TextSelection } from '@tiptap/pm/state'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import { describe, expect, it } from 'vitest'
import { getSchema } from '@tiptap/core'
import { bodyExtensions, bodySchema } from './schema.ts'
import { positionPaperTemplate } from './template.ts'
import { TemplateStructure } from './template-structure.ts'

// The plugin as the editor runs it, without a DOM: an EditorState with the extension's plugins.
function stateOf(json = positionPaperTemplate('nb')): EditorState {
  const plugins = TemplateStructure.config.addProseMirrorPlugins?.call({} as never) ?? []
  return EditorState.create({ doc: bodySchema().nodeFromJSON(json), plugins })
}

/** Position inside the first paragraph whose text starts with `prefix`. */
function inside(state: EditorState, prefix: string): number {
  let found = -1
  state.doc.descendants((node, pos) => {
    if (found < 0 && node.type.name === 'paragraph' && node.textContent.startsWith(prefix)) {
      found = pos + 1
    }
  })
  if (found < 0) throw new Error(`no paragraph starting with ${prefix}`)
  return found
}

function guidanceCount(state: EditorState): number {
  let count = 0
  state.doc.descendants((node) => {
    if (node.attrs.guidance === true) count++
  })
  return count
}

describe('the template’s guidance paragraphs', () => {
  it('are part of the body schema, and of the template: eight placeholders, four marked sections', () => {
    expect(getSchema(bodyExtensions()).nodes.paragraph?.spec.attrs).toHaveProperty('guidance')
    const state = stateOf()
    expect(guidanceCount(state)).toBe(8)
    const sections: unknown[] = []
    state.doc.descendants((node) => {
      if (node.type.name === 'heading') sections.push(node.attrs.section)
    })
    expect(sections).toEqual(['key-messages', 'background', 'recommendations', 'signatories'])
  })

  it('become ordinary text once the drafter changes them in the editor', () => {
    const state = stateOf()
    const at = inside(state, 'Forklar i tre til fem setninger')
    const tr = state.tr.insertText('Vi er fem byer. ', at)
    const after = state.applyTransaction(tr).state
    expect(guidanceCount(after)).toBe(7)
    expect(after.doc.nodeAt(at - 1)?.textContent).toMatch(/^Vi er fem byer\. Forklar/)
  })

  it('keep their mark when the change comes from a partner through Yjs', () => {
    const state = stateOf()
    const at = inside(state, 'Forklar i tre til fem setninger')
    const tr = state.tr.insertText('x', at).setMeta(ySyncPluginKey, { isChangeOrigin: true })
    expect(guidanceCount(state.applyTransaction(tr).state)).toBe(8)
  })

  it('stay placeholders when text is typed elsewhere, before or after them', () => {
    const state = stateOf()
    const at = inside(state, 'Forklar i tre til fem setninger')
    const selected = state.apply(state.tr.setSelection(TextSelection.create(state.doc, at - 2)))
    const tr = selected.tr.insertText('Bakgrunn og formål', at - 2)
    expect(guidanceCount(selected.applyTransaction(tr).state)).toBe(8)
  })

  it('are selected whole when the caret arrives in them, ready to be written over', () => {
    const state = stateOf()
    const at = inside(state, 'Forklar i tre til fem setninger')
    const size = state.doc.nodeAt(at - 1)?.content.size ?? 0
    const arrived = state.applyTransaction(
      state.tr.setSelection(TextSelection.create(state.doc, at + 10)),
    ).state
    expect([arrived.selection.from, arrived.selection.to]).toEqual([at, at + size])
    // Moving within it once there (the arrow keys) places the caret as usual.
    const within = arrived.applyTransaction(
      arrived.tr.setSelection(TextSelection.create(arrived.doc, at + 5)),
    ).state
    expect([within.selection.from, within.selection.to]).toEqual([at + 5, at + 5])
  })
})
