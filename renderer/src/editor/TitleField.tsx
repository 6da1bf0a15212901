import { useEffect, useRef, useState } from 'react'
import { usePendingWrite } from './use-pending-write.ts'

/**
 * A text field bound to a doc value: typing writes after a short pause (and on leaving the field or
 * the screen), and a change from another partner shows up unless this user is typing in it.
 */
export function TitleField(props: {
  id: string
  label: string
  value: string
  disabled: boolean
  autoFocus?: boolean
  onCommit(value: string): void
}) {
  const { value } = props
  const [draft, setDraft] = useState(value)
  const focused = useRef(false)
  const write = usePendingWrite(props.onCommit)

  useEffect(() => {
    if (!focused.current) setDraft(value)
  }, [value])

  const input = useRef<HTMLTextAreaElement>(null)
  useEffect(() => {
    if (props.autoFocus) input.current?.select()
  }, [props.autoFocus])

  return (
    <div className="field">
      <label htmlFor={props.id} className="field-label">
        {props.label}
      </label>
      <textarea
        ref={input}
        id={props.id}
        className="input input-title"
        rows={2}
        value={draft}
        readOnly={props.disabled}
        onFocus={() => (focused.current = true)}
        onBlur={() => {
          focused.current = false
          write.flush()
        }}
        onChange={(event) => {
          const next = oneLine(event.target.value)
          setDraft(next)
          write.schedule(next)
        }}
        onKeyDown={(event) => {
          if (event.key !== 'Enter') return
          event.preventDefault()
          write.flush()
        }}
      />
    </div>
  )
}

/** A title is one line: line breaks typed or pasted into it become spaces. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ')
}
