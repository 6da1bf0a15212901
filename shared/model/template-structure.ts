import { Extension, type JSONContent } from '@tiptap/core'
import type { Node as PmNode, Slice } from '@tiptap/pm/model'
import {
  Plugin,
  PluginKey,
  TextSelection,
  type EditorState,
  type Transaction,
} from '@tiptap/pm/state'
import type { EditorView } from '@tiptap/pm/view'
import { AddMarkStep, RemoveMarkStep } from '@tiptap/pm/transform'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import { SUGGESTED, isSuggesting } from './suggesting.ts'

/*
 * What the template marks in a body, as node attributes (absent, null, on ordinary text, so
 * papers without them hash as before, see canonical.ts):
 * - `section` on a heading: which of the template's sections it opens. Exports find the key
 *   messages box and the signatories by it, whatever the heading's words have become.
 * - `guidance` on a paragraph: the template's instruction text ("Skriv i én setning ..."), a
 *   placeholder and not the paper's text. The editor shows it as a placeholder and replaces it
 *   with what the drafter types; exports leave it out; the pre-send check lists what is left.
 */

/** The sections of the position paper template, in order. */
export type TemplateSection = 'key-messages' | 'background' | 'recommendations' | 'signatories'
export const TEMPLATE_SECTIONS: readonly TemplateSection[] = [
  'key-messages',
  'background',
  'recommendations',
  'signatories',
]

export function isTemplateSection(value: unknown): value is TemplateSection {
  return typeof value === 'string' && (TEMPLATE_SECTIONS as readonly string[]).includes(value)
}

/** How many guidance paragraphs a body (Tiptap JSON) still holds. */
export function guidanceCount(node: JSONContent): number {
  const own = node.type === 'paragraph' && node.attrs?.guidance === true ? 1 : 0
  return own + (node.content ?? []).reduce((sum, child) => sum + guidanceCount(child), 0)
}

const guidanceKey = new PluginKey('templateGuidance')

/** The schema's attributes for the template's structure, and the placeholder behaviour. */
export const TemplateStructure = Extension.create({
  name: 'templateStructure',
  addGlobalAttributes() {
    return [
      {
        types: ['heading'],
        attributes: {
          section: {
            default: null,
            parseHTML: (element) => {
              const value = element.getAttribute('data-section')
              return isTemplateSection(value) ? value : null
            },
            renderHTML: (attributes) =>
              isTemplateSection(attributes.section) ? { 'data-section': attributes.section } : {},
          },
        },
      },
      {
        types: ['paragraph'],
        attributes: {
          guidance: {
            default: null,
            parseHTML: (element) =>
              element.getAttribute('data-guidance') === 'true' ? true : null,
            renderHTML: (attributes) =>
              attributes.guidance === true ? { 'data-guidance': 'true' } : {},
          },
        },
      },
    ]
  },
  addProseMirrorPlugins() {
    return [guidancePlugin()]
  },
})

/** The guidance paragraph the selection is in (both ends in it), or null. */
function guidanceAt(state: EditorState): { pos: number; node: PmNode } | null {
  const { $from, $to } = state.selection
  if ($from.parent !== $to.parent) return null
  const node = $from.parent
  if (node.type.name !== 'paragraph' || node.attrs.guidance !== true) return null
  return { pos: $from.before(), node }
}

/** The guidance paragraph the selection covers whole, or null. */
function wholeGuidance(state: EditorState): { pos: number; node: PmNode } | null {
  const at = guidanceAt(state)
  if (at === null) return null
  const { from, to } = state.selection
  return from === at.pos + 1 && to === at.pos + 1 + at.node.content.size ? at : null
}

/** Empties the guidance paragraph at `pos`, making it ordinary text, with the caret in it. */
function clearGuidance(tr: Transaction, pos: number, node: PmNode): Transaction {
  tr.replaceWith(pos + 1, pos + 1 + node.content.size, [])
  tr.setNodeAttribute(pos, 'guidance', null)
  return tr.setSelection(TextSelection.create(tr.doc, pos + 1))
}

function replaceGuidance(view: EditorView, build: (tr: Transaction) => void): boolean {
  // Suggesting: the placeholder stays (a suggestion strikes it and adds the text beside it).
  if (isSuggesting(view.state)) return false
  const at = wholeGuidance(view.state)
  if (at === null) return false
  const tr = clearGuidance(view.state.tr, at.pos, at.node)
  build(tr)
  view.dispatch(tr.scrollIntoView())
  return true
}

/*
 * A placeholder behaves as in a Word template: the caret arriving in it (a click, the arrow
 * keys) selects it whole, and typing, pasting or deleting then replaces it. Anything else done
 * inside it (typing at a place chosen within it, a mark, a composition) makes it ordinary text,
 * words and all: what the drafter wrote is never left out of an export as guidance. Remote
 * changes and undo come through Yjs, already so treated by their author's editor.
 */
function guidancePlugin(): Plugin {
  let editable = true
  return new Plugin({
    key: guidanceKey,
    view: (view) => {
      editable = view.editable
      return { update: (updated) => void (editable = updated.editable) }
    },
    props: {
      handleTextInput: (view, _from, _to, text) =>
        replaceGuidance(view, (tr) => {
          tr.insertText(text)
        }),
      handlePaste: (view, _event, slice: Slice) =>
        replaceGuidance(view, (tr) => {
          tr.replaceSelection(slice)
        }),
      handleKeyDown: (view, event) =>
        (event.key === 'Backspace' || event.key === 'Delete') &&
        !event.isComposing &&
        replaceGuidance(view, () => undefined),
    },
    appendTransaction(transactions, old, state) {
      // Suggesting changes nothing outside its suggestions (a reviewer's update holds only those,
      // the relay checks it); an accepted suggestion in a placeholder makes it ordinary text.
      if (isSuggesting(state) && transactions.every((tr) => tr.getMeta(SUGGESTED) !== 'accept'))
        return null
      const local = transactions.filter((tr) => tr.getMeta(ySyncPluginKey) === undefined)
      if (local.length === 0) return null
      const touched = touchedGuidance(
        local.filter((tr) => tr.docChanged),
        state,
      )
      if (touched.size > 0) {
        const tr = state.tr
        for (const pos of touched) tr.setNodeAttribute(pos, 'guidance', null)
        return tr
      }
      // The caret arrives in a placeholder from elsewhere: select it, ready to be written over.
      const arrived = guidanceAt(state)
      if (
        editable &&
        arrived !== null &&
        state.selection.empty &&
        local.some((tr) => tr.selectionSet) &&
        guidanceAt(old)?.pos !== arrived.pos
      ) {
        const from = arrived.pos + 1
        const to = from + arrived.node.content.size
        return state.tr.setSelection(TextSelection.create(state.doc, from, to))
      }
      return null
    },
  })
}

/** Where the guidance paragraphs are that these local changes touched, in `state`'s document. */
function touchedGuidance(changes: readonly Transaction[], state: EditorState): Set<number> {
  const touched = new Set<number>()
  for (const [i, tr] of changes.entries()) {
    const later = changes.slice(i + 1)
    const note = (step: number, newStart: number, newEnd: number) => {
      // Into this transaction's final document, then through the ones after it.
      let from = tr.mapping.slice(step + 1).map(newStart, -1)
      let to = tr.mapping.slice(step + 1).map(newEnd, 1)
      for (const next of later) {
        from = next.mapping.map(from, -1)
        to = next.mapping.map(to, 1)
      }
      state.doc.nodesBetween(from, Math.min(to, state.doc.content.size), (node, pos) => {
        if (node.type.name === 'paragraph' && node.attrs.guidance === true) touched.add(pos)
      })
    }
    tr.mapping.maps.forEach((map, step) => {
      map.forEach((_oldStart, _oldEnd, newStart, newEnd) => note(step, newStart, newEnd))
      // A mark changes no positions (an accepted suggestion, bold): its range is the step's.
      const made = tr.steps[step]
      if (made instanceof AddMarkStep || made instanceof RemoveMarkStep) {
        note(step, made.from, made.to)
      }
    })
  }
  return touched
}
