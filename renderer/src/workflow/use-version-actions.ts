import { useCallback, useMemo, useState } from 'react'
import {
  redline,
  sourceFromDocs,
  sourceFromVersion,
  toHtmlFragment,
} from '../../../shared/export/index.ts'
import {
  listTracked,
  paperContent,
  readBodyJSON,
  restoreVersion,
  saveVersion,
  today,
  type Version,
  type Workflow,
} from '../../../shared/model/index.ts'
import { useI18n } from '../i18n/I18nContext.tsx'
import type { RoomSession } from '../sync/room-session.ts'
import type { VersionActions } from './Versions.tsx'

/** What PaperView shows: a version as it was frozen, or its changes to the text now. */
export type View = { heading: string; legend?: string; html: string; title: string }

/** The version actions of the editor screen and the read-only view they open. */
export function useVersionActions(props: {
  paper: RoomSession | null
  workflow: Workflow
  locked: boolean
  onExport?: (version: Version) => void
}) {
  const { t } = useI18n()
  const { paper, workflow, locked, onExport } = props
  const [view, setView] = useState<View | null>(null)

  const actions = useMemo<VersionActions>(
    () => ({
      locked,
      open: (version) => {
        const source = sourceFromVersion(version, workflow).value
        setView({
          heading: t('view.version', { name: version.name }),
          html: toHtmlFragment(source),
          title: source.title,
        })
      },
      compare: (version) => {
        if (paper === null) return
        const from = sourceFromVersion(version, workflow).value
        const to = sourceFromDocs(paper.doc, { date: today() }).value
        setView({
          heading: t('view.redline', { from: version.name, to: t('workflow.versions.current') }),
          legend: t('view.legend'),
          html: toHtmlFragment(redline(from, to)),
          title: to.title,
        })
      },
      compareVersions: (from, to) => {
        const older = sourceFromVersion(from, workflow).value
        const newer = sourceFromVersion(to, workflow).value
        setView({
          heading: t('view.redline', { from: from.name, to: to.name }),
          legend: t('view.legend'),
          html: toHtmlFragment(redline(older, newer)),
          title: newer.title,
        })
      },
      restore: (version) =>
        paper === null
          ? { ok: false, problems: [{ path: '', message: 'the paper is not open' }] }
          : restoreVersion(paper.doc, version),
      saveCurrent: (workflowDoc, name, by) =>
        paper === null
          ? { ok: false, problems: [{ path: '', message: 'the paper is not open' }] }
          : saveVersion(workflowDoc, {
              name,
              by,
              content: paperContent(paper.doc),
              openSuggestions: listTracked(readBodyJSON(paper.doc).value).length,
            }),
      export: (version) => onExport?.(version),
    }),
    [locked, workflow, paper, t, onExport],
  )
  const closeView = useCallback(() => setView(null), [])
  return { actions, view, closeView }
}
