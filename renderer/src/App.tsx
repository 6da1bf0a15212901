import { useCallback, useEffect, useState } from 'react'
import { isLanguage, type Language } from '../../shared/i18n/index.ts'
import type { SamstemtApi, WorkspaceEntry } from '../../shared/ipc/contract.ts'
import { startRoute, type Route } from './app/route.ts'
import { call, type UiError } from './host/host.ts'
import { HostProvider } from './host/HostContext.tsx'
import { I18nProvider } from './i18n/I18nContext.tsx'
import { JoinScreen } from './join/JoinScreen.tsx'
import { WelcomeScreen } from './join/WelcomeScreen.tsx'
import { AppFrame } from './ui/AppFrame.tsx'
import { ErrorNotice } from './ui/ErrorNotice.tsx'
import { UpdateNotice, useUpdateStatus } from './ui/UpdateNotice.tsx'
import { WorkspaceView } from './workspace/WorkspaceView.tsx'

/** Until the settings arrive, the system's language decides. */
export function systemLanguage(): Language {
  const preferred = globalThis.navigator?.language?.slice(0, 2) ?? 'nb'
  return preferred === 'en' ? 'en' : 'nb'
}

export function App(props: { api: SamstemtApi }) {
  const { api } = props
  const [language, setLanguageState] = useState<Language>(systemLanguage)
  const [route, setRoute] = useState<Route>({ name: 'loading' })
  const [workspaces, setWorkspaces] = useState<WorkspaceEntry[]>([])
  const [problem, setProblem] = useState<UiError | null>(null)
  const update = useUpdateStatus(api)
  const [updateLater, setUpdateLater] = useState<string | null>(null)

  useEffect(() => {
    let cancelled = false
    void (async () => {
      const [settings, list] = await Promise.all([
        call(api, 'settings/get'),
        call(api, 'workspaces/list'),
      ])
      if (cancelled) return
      if (settings.ok && isLanguage(settings.value.language))
        setLanguageState(settings.value.language)
      if (!list.ok) setProblem(list.error)
      const entries = list.ok ? list.value : []
      setWorkspaces(entries)
      setRoute(startRoute(entries, settings.ok ? settings.value.lastWorkspace : null))
    })()
    return () => {
      cancelled = true
    }
  }, [api])

  useEffect(() => {
    const offInvite = api.on('app/invite', ({ link }) => setRoute({ name: 'join', link }))
    const offProblem = api.on('store/problem', (error) => setProblem(error))
    return () => {
      offInvite()
      offProblem()
    }
  }, [api])

  useEffect(() => {
    document.documentElement.lang = language
  }, [language])

  const setLanguage = useCallback(
    (next: Language) => {
      setLanguageState(next)
      void call(api, 'settings/update', { language: next }).then((result) => {
        if (!result.ok) setProblem(result.error)
      })
    },
    [api],
  )

  const openWorkspace = useCallback(
    (entry: WorkspaceEntry) => {
      setWorkspaces((list) => [...list.filter((other) => other.id !== entry.id), entry])
      setRoute({ name: 'workspace', workspace: entry })
      void call(api, 'settings/update', { lastWorkspace: entry.id })
    },
    [api],
  )

  const leaveJoin = () => setRoute(startRoute(workspaces, null))
  const updateReady = update.state === 'ready' && update.version !== updateLater
  const banner = (problem || updateReady) && (
    <>
      {problem && <ErrorNotice error={problem} onDismiss={() => setProblem(null)} />}
      {updateReady && (
        <UpdateNotice
          api={api}
          version={update.version ?? ''}
          onLater={() => setUpdateLater(update.version)}
          onProblem={setProblem}
        />
      )}
    </>
  )

  return (
    <HostProvider api={api}>
      <I18nProvider language={language} setLanguage={setLanguage}>
        {route.name === 'workspace' ? (
          <WorkspaceView
            key={route.workspace.id}
            entry={route.workspace}
            workspaces={workspaces}
            banner={banner}
            onSwitch={openWorkspace}
            onJoin={() => setRoute({ name: 'join', link: '' })}
          />
        ) : (
          <AppFrame banner={banner} loading={route.name === 'loading'}>
            {route.name === 'welcome' && (
              <WelcomeScreen
                onJoin={() => setRoute({ name: 'join', link: '' })}
                onCreated={openWorkspace}
              />
            )}
            {route.name === 'join' && (
              <JoinScreen
                key={route.link}
                initialLink={route.link}
                onJoined={openWorkspace}
                onCancel={leaveJoin}
              />
            )}
          </AppFrame>
        )}
      </I18nProvider>
    </HostProvider>
  )
}
