import { useLayoutEffect, useRef } from 'react'
import { oneLine } from './TitleField.tsx'
import { usePendingWrite } from './use-pending-write.ts'

/**
 * The big title on the page: the paper's title field itself, edited in place (as in Google Docs)
 * by those who may change the paper, a plain heading for everyone else. It stays an <h1> either
 * way, so it is the page's heading for a screen reader too. Typing writes after a short pause and
 * on leaving it; Enter goes on into the text. A partner's change shows unless this user is typing.
 */
export function PageTitle(props: {
  value: string
  /** Shown, dimmed, while the title is empty. */
  placeholder: string
  editable: boolean
  onCommit(value: string): void
  /** Enter or ↓ at the end: the user goes on to the text. */
  onLeave(): void
}) {
  const heading = useRef<HTMLHeadingElement>(null)
  const typing = useRef(false)
  const write = usePendingWrite(props.onCommit)

  useLayoutEffect(() => {
    const element = heading.current
    if (element === null || typing.current) return
    if (element.textContent !== props.value) element.textContent = props.value
  }, [props.value])

  const read = () => {
    const element = heading.current
    if (element === null) return
    const text = element.innerText
    const line = oneLine(text)
    if (line !== (element.textContent ?? '')) {
      // A line break got in (a drop, an input method): keep one line, caret at its end.
      element.textContent = line
      const selection = window.getSelection()
      selection?.selectAllChildren(element)
      selection?.collapseToEnd()
    }
    write.schedule(line.trim())
  }

  return (
    <h1
      ref={heading}
      className="page-title"
      data-placeholder={props.placeholder}
      contentEditable={props.editable ? 'plaintext-only' : false}
      spellCheck={props.editable}
      onFocus={() => (typing.current = true)}
      onBlur={() => {
        typing.current = false
        write.flush()
        const element = heading.current
        if (element !== null && element.textContent !== props.value.trim()) {
          element.textContent = element.textContent?.trim() ?? ''
        }
      }}
      onInput={read}
      onPaste={(event) => {
        // Pasted text goes in as one line of plain text.
        event.preventDefault()
        const text = oneLine(event.clipboardData.getData('text/plain'))
        document.execCommand('insertText', false, text)
      }}
      onKeyDown={(event) => {
        if (event.key !== 'Enter' && event.key !== 'ArrowDown') return
        if (event.key === 'ArrowDown' && !caretAtEnd(event.currentTarget)) return
        event.preventDefault()
        write.flush()
        props.onLeave()
      }}
    />
  )
}

function caretAtEnd(element: HTMLElement): boolean {
  const selection = window.getSelection()
  if (selection === null || selection.rangeCount === 0 || !selection.isCollapsed) return false
  const range = document.createRange()
  range.selectNodeContents(element)
  range.setStart(selection.getRangeAt(0).endContainer, selection.getRangeAt(0).endOffset)
  return range.toString() === ''
}
