import { useEffect, useRef, useState } from 'react'
import type { WorkspaceEntry } from '../../../shared/ipc/contract.ts'
import { useI18n } from '../i18n/I18nContext.tsx'
import { Icon } from '../ui/Icon.tsx'

/** The workspace's name; opens its members, a list of the others and "join another". */
export function WorkspaceSwitcher(props: {
  current: WorkspaceEntry
  workspaces: WorkspaceEntry[]
  onSwitch(entry: WorkspaceEntry): void
  onJoin(): void
  onMembers: (() => void) | null
}) {
  const { t } = useI18n()
  const [open, setOpen] = useState(false)
  const root = useRef<HTMLDivElement>(null)
  const button = useRef<HTMLButtonElement>(null)
  const others = props.workspaces.filter((entry) => entry.id !== props.current.id)

  useEffect(() => {
    if (!open) return
    const close = (event: MouseEvent | FocusEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false)
    }
    document.addEventListener('mousedown', close)
    document.addEventListener('focusin', close)
    return () => {
      document.removeEventListener('mousedown', close)
      document.removeEventListener('focusin', close)
    }
  }, [open])

  const { onMembers } = props
  const choose = (action: () => void) => {
    setOpen(false)
    action()
  }

  return (
    <div
      className="workspace-switcher"
      ref={root}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          setOpen(false)
          button.current?.focus()
        }
      }}
    >
      <button
        ref={button}
        type="button"
        className="workspace-button"
        aria-expanded={open}
        aria-controls="workspace-list"
        onClick={() => setOpen(!open)}
      >
        <span className="workspace-label">{t('topbar.workspace')}</span>
        <span className="workspace-name">{props.current.name}</span>
        {props.current.relay === null && (
          <span className="local-badge">{t('topbar.localWorkspace')}</span>
        )}
        <Icon name="chevronDown" size={16} />
      </button>
      {open && (
        <ul id="workspace-list" className="popover-list">
          {onMembers && (
            <li className="popover-list-section">
              <button type="button" onClick={() => choose(onMembers)}>
                <Icon name="users" size={16} />
                {t('members.open')}
              </button>
            </li>
          )}
          {others.map((entry) => (
            <li key={entry.id}>
              <button type="button" onClick={() => choose(() => props.onSwitch(entry))}>
                {entry.name}
              </button>
            </li>
          ))}
          <li>
            <button type="button" onClick={() => choose(props.onJoin)}>
              <Icon name="plus" size={16} />
              {t('topbar.joinAnother')}
            </button>
          </li>
        </ul>
      )}
    </div>
  )
}
