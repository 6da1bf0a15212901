import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import type { WorkspaceEntry } from '../../../shared/ipc/contract.ts'
import { indexRoom } from '../../../shared/protocol/index.ts'
import { EditorScreen } from '../editor/EditorScreen.tsx'
import type { UiError } from '../host/host.ts'
import { useHost } from '../host/HostContext.tsx'
import { useI18n } from '../i18n/I18nContext.tsx'
import { LibraryScreen } from '../library/LibraryScreen.tsx'
import { useRoom } from '../sync/use-room.ts'
import { ErrorNotice } from '../ui/ErrorNotice.tsx'
import { createPaper } from './create-paper.ts'
import { identityOf, mayWrite } from './identity.ts'
import { TopBar } from './TopBar.tsx'
import { useConnection, useRegistry } from './use-registry.ts'
import { WorkspaceContext, type Workspace } from './WorkspaceContext.tsx'
import { problemsText } from '../ui/error-text.ts'

/** An open workspace: its library, or one of its papers in the editor. */
export function WorkspaceView(props: {
  entry: WorkspaceEntry
  workspaces: WorkspaceEntry[]
  banner: ReactNode
  onSwitch(entry: WorkspaceEntry): void
  onJoin(): void
}) {
  const { entry } = props
  const api = useHost()
  const { t, language } = useI18n()
  const [open, setOpen] = useState<{ paperId: string | null; fresh: boolean }>({
    paperId: null,
    fresh: false,
  })
  const openPaper = useCallback(
    (paperId: string | null, fresh = false) => setOpen({ paperId, fresh }),
    [],
  )
  const [problem, setProblem] = useState<UiError | null>(null)
  const [creating, setCreating] = useState(false)
  const identity = useMemo(() => identityOf(entry, t), [entry, t])
  const connection = useConnection(api, entry, setProblem)
  const registry = useRegistry(api, identity, connection)

  const newPaper = useCallback(async () => {
    if (registry === null || !mayWrite(identity, 'index')) return
    setCreating(true)
    const index = registry.acquire(indexRoom(entry.id))
    await index.session.ready
    const result = await createPaper(registry, index.session.doc, {
      workspace: entry.id,
      title: t('library.newTitle'),
      language,
      organisation: identity.local ? null : identity.organisation,
      by: {
        memberId: identity.memberId,
        name: identity.name,
        organisation: identity.organisation,
      },
    })
    index.release()
    setCreating(false)
    if (result.ok) openPaper(result.id, true)
    else setProblem({ code: 'store', message: problemsText(result.problems) })
  }, [registry, identity, entry.id, t, language, openPaper])

  const latestNewPaper = useRef(newPaper)
  latestNewPaper.current = newPaper
  useEffect(() => api.on('menu/new-paper', () => void latestNewPaper.current()), [api])

  return (
    <div className="workspace">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <TopBar
        entry={entry}
        identity={identity}
        workspaces={props.workspaces}
        onSwitch={props.onSwitch}
        onJoin={props.onJoin}
      />
      {props.banner && <div className="banner-slot">{props.banner}</div>}
      {problem && (
        <div className="banner-slot">
          <ErrorNotice error={problem} onDismiss={() => setProblem(null)} />
        </div>
      )}
      {registry === null ? (
        <main id="main" className="frame-main" tabIndex={-1}>
          <p className="loading" role="status">
            <span className="spinner" aria-hidden="true" />
            {t('app.loading')}
          </p>
        </main>
      ) : (
        <WorkspaceRooms
          value={{ entry, identity, registry, openPaper, creating }}
          newPaper={() => void newPaper()}
          paperId={open.paperId}
          fresh={open.fresh}
        />
      )}
    </div>
  )
}

/** Keeps the index open for as long as the workspace is, so the editor can list its changes. */
function WorkspaceRooms(props: {
  value: Omit<Workspace, 'index' | 'newPaper'>
  newPaper(): void
  paperId: string | null
  fresh: boolean
}) {
  const { value, paperId } = props
  const index = useRoom(value.registry, indexRoom(value.entry.id))
  const workspace: Workspace = { ...value, index, newPaper: props.newPaper }
  return (
    <WorkspaceContext.Provider value={workspace}>
      {paperId === null ? (
        <LibraryScreen />
      ) : (
        <EditorScreen key={paperId} paperId={paperId} fresh={props.fresh} />
      )}
    </WorkspaceContext.Provider>
  )
}
