import type { KeyboardEvent, ReactNode } from 'react'
import { useI18n } from '../i18n/I18nContext.tsx'

export type SideTab = 'comments' | 'workflow' | 'details'
const TABS: readonly SideTab[] = ['comments', 'workflow', 'details']
const LABELS = {
  comments: 'review.tab.comments',
  workflow: 'workflow.tab',
  details: 'review.tab.details',
} as const

/** The editor's side panel: comments, workflow or the paper's details, as WAI-ARIA tabs. */
export function SideTabs(props: {
  tab: SideTab
  onTab(tab: SideTab): void
  openComments: number
  children: ReactNode
}) {
  const { t } = useI18n()
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key]
    if (step === undefined) return
    event.preventDefault()
    const next = TABS[(TABS.indexOf(props.tab) + step + TABS.length) % TABS.length] ?? 'comments'
    props.onTab(next)
    document.getElementById(`side-tab-${next}`)?.focus()
  }
  return (
    <aside className="side-panel">
      <div className="side-tabs" role="tablist" aria-label={t('review.tabs')} onKeyDown={onKeyDown}>
        {TABS.map((tab) => (
          <button
            key={tab}
            id={`side-tab-${tab}`}
            type="button"
            role="tab"
            aria-selected={props.tab === tab}
            aria-controls="side-tab-panel"
            tabIndex={props.tab === tab ? 0 : -1}
            className="side-tab"
            onClick={() => props.onTab(tab)}
          >
            {t(LABELS[tab])}
            {tab === 'comments' && props.openComments > 0 && (
              <span className="side-tab-count">{props.openComments}</span>
            )}
          </button>
        ))}
      </div>
      <div
        id="side-tab-panel"
        className="side-tab-panel"
        role="tabpanel"
        aria-labelledby={`side-tab-${props.tab}`}
      >
        {props.children}
      </div>
    </aside>
  )
}
