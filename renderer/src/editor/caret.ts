import type { DecorationAttrs } from '@tiptap/pm/view'

type CaretUser = { name?: unknown; organisation?: unknown; color?: unknown }

const colorOf = (user: CaretUser) =>
  typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : '#4b5563'

/**
 * Another member's caret, labelled with name and organisation. Hidden from screen readers: it sits
 * inside the text, which would otherwise read "Kari Nordmann UiS" in the middle of a sentence.
 */
export function renderCaret(user: CaretUser): HTMLElement {
  const caret = document.createElement('span')
  caret.className = 'collab-caret'
  caret.setAttribute('aria-hidden', 'true')
  caret.style.borderColor = colorOf(user)
  const label = document.createElement('span')
  label.className = 'collab-caret-label'
  label.style.backgroundColor = colorOf(user)
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
}

/** Another member's selection, in their colour at low opacity. */
export function renderSelection(user: CaretUser): DecorationAttrs {
  return {
    nodeName: 'span',
    class: 'collab-selection',
    style: `background-color: ${colorOf(user)}2e`,
  }
}
