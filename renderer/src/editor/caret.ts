import { Extension } from '@tiptap/core'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import type { DecorationAttrs } from '@tiptap/pm/view'
import type { Awareness } from 'y-protocols/awareness'
import type * as Y from 'yjs'
import type { ColorOf } from '../sync/member-colors.ts'

type CaretUser = { memberId?: unknown; name?: unknown; organisation?: unknown; color?: unknown }

/** How long (ms) a caret's label stays after its member last moved or typed, as in Google Docs. */
export const LABEL_SHOWN_MS = 2000

const FALLBACK = '#4b5563'

/**
 * When each member's caret last moved, from awareness changes. A label shows for LABEL_SHOWN_MS
 * after that, then fades, so it never hides the text under it for long (hovering the caret
 * shows it again).
 */
export class CaretActivity {
  readonly #last = new Map<string, number>()

  moved(memberId: string, now: number): void {
    this.#last.set(memberId, now)
  }

  isActive(memberId: string, now: number): boolean {
    const last = this.#last.get(memberId)
    return last !== undefined && now - last < LABEL_SHOWN_MS
  }
}

/** The caret and selection renderers for CollaborationCaret, in the paper's member colours. */
export function caretRenderers(colorOf: ColorOf, activity = new CaretActivity()) {
  const color = (user: CaretUser) => {
    if (typeof user.memberId === 'string') return colorOf(user.memberId)
    return typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color)
      ? user.color
      : FALLBACK
  }
  return {
    activity,
    /**
     * Another member's caret, labelled with name and organisation. Hidden from screen readers:
     * it sits inside the text, which would otherwise read "Kari Nordmann UiS" mid-sentence.
     */
    render(user: CaretUser): HTMLElement {
      const caret = document.createElement('span')
      caret.className = 'collab-caret'
      caret.setAttribute('aria-hidden', 'true')
      const memberId = typeof user.memberId === 'string' ? user.memberId : ''
      caret.dataset['member'] = memberId
      if (activity.isActive(memberId, Date.now())) caret.classList.add('is-active')
      caret.style.borderColor = color(user)
      const label = document.createElement('span')
      label.className = 'collab-caret-label'
      label.style.backgroundColor = color(user)
      const name = document.createElement('span')
      name.textContent = typeof user.name === 'string' ? user.name : '?'
      label.append(name)
      if (typeof user.organisation === 'string' && user.organisation !== '') {
        const organisation = document.createElement('span')
        organisation.className = 'collab-caret-org'
        organisation.textContent = user.organisation
        label.append(organisation)
      }
      caret.append(label)
      return caret
    },
    /** Another member's selection, in their colour at low opacity. */
    selection(user: CaretUser): DecorationAttrs {
      return {
        nodeName: 'span',
        class: 'collab-selection',
        style: `background-color: ${color(user)}2e`,
      }
    },
  }
}

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] }

/**
 * Shows a member's caret label while they move or type, and for LABEL_SHOWN_MS after: marks
 * their carets `is-active` on each change of theirs (their caret moved, in awareness, or their
 * text arrived, in the doc: typing at the end of a paragraph leaves the caret's relative position
 * as it was) and takes the mark off once they have been still that long.
 */
export const CaretLabels = Extension.create<{
  awareness: Awareness | null
  doc: Y.Doc | null
  activity: CaretActivity
}>({
  name: 'samstemtCaretLabels',
  addOptions: () => ({ awareness: null, doc: null, activity: new CaretActivity() }),
  addProseMirrorPlugins() {
    const { awareness, doc, activity } = this.options
    return [
      new Plugin({
        key: new PluginKey('samstemt-caret-labels'),
        view: (view) => {
          if (awareness === null) return {}
          const timers = new Map<string, ReturnType<typeof setTimeout>>()
          const mark = (memberId: string, active: boolean) => {
            for (const caret of view.dom.querySelectorAll<HTMLElement>('.collab-caret')) {
              if (caret.dataset['member'] === memberId) caret.classList.toggle('is-active', active)
            }
          }
          const active = (clientId: number) => {
            if (clientId === awareness.clientID) return
            const user = awareness.getStates().get(clientId)?.['user'] as CaretUser | undefined
            if (typeof user?.memberId !== 'string') return
            const memberId = user.memberId
            activity.moved(memberId, Date.now())
            clearTimeout(timers.get(memberId))
            // After the cursor plugin has drawn this change's carets.
            queueMicrotask(() => mark(memberId, true))
            timers.set(
              memberId,
              setTimeout(() => mark(memberId, false), LABEL_SHOWN_MS),
            )
          }
          const onChange = ({ added, updated }: AwarenessChange) => {
            for (const clientId of [...added, ...updated]) active(clientId)
          }
          // The Yjs client id of a change is its author's awareness client id.
          const onTransaction = (transaction: Y.Transaction) => {
            if (transaction.local) return
            for (const [clientId, clock] of transaction.afterState) {
              if (clock > (transaction.beforeState.get(clientId) ?? 0)) active(clientId)
            }
          }
          awareness.on('change', onChange)
          doc?.on('afterTransaction', onTransaction)
          return {
            destroy: () => {
              awareness.off('change', onChange)
              doc?.off('afterTransaction', onTransaction)
              for (const timer of timers.values()) clearTimeout(timer)
            },
          }
        },
      }),
    ]
  },
})
