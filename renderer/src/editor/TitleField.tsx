import { useEffect, useRef, useState } from 'react'

const PAUSE_MS = 400

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
  const pending = useRef<{ value: string; timer: ReturnType<typeof setTimeout> } | null>(null)
  const commitTo = useRef(props.onCommit)
  commitTo.current = props.onCommit

  const flush = () => {
    if (pending.current === null) return
    clearTimeout(pending.current.timer)
    const next = pending.current.value
    pending.current = null
    commitTo.current(next)
  }

  useEffect(() => {
    if (!focused.current) setDraft(value)
  }, [value])

  useEffect(() => flush, [])

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
          flush()
        }}
        onChange={(event) => {
          const next = event.target.value.replace(/\s*\n\s*/g, ' ')
          setDraft(next)
          if (pending.current !== null) clearTimeout(pending.current.timer)
          pending.current = { value: next, timer: setTimeout(flush, PAUSE_MS) }
        }}
        onKeyDown={(event) => {
          if (event.key !== 'Enter') return
          event.preventDefault()
          flush()
        }}
      />
    </div>
  )
}
