import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import type { WorkspaceEntry } from '../../../shared/ipc/contract.ts'
import { indexRoom, type Role } from '../../../shared/protocol/index.ts'
import { EditorScreen } from '../editor/EditorScreen.tsx'
import { ImportDialog, type ImportConfirmed, type ImportTarget } from '../import/ImportDialog.tsx'
import type { WordSource } from '../import/read-word-file.ts'
import { useMappableMembers } from '../import/use-mappable-members.ts'
import { importNewPaper } from '../import/word-import.ts'
import type { UiError } from '../host/host.ts'
import { useHost } from '../host/HostContext.tsx'
import { useI18n } from '../i18n/I18nContext.tsx'
import { LibraryScreen } from '../library/LibraryScreen.tsx'
import { MembersDialog } from '../members/MembersDialog.tsx'
import { useRoom } from '../sync/use-room.ts'
import { ErrorNotice } from '../ui/ErrorNotice.tsx'
import { problemsText } from '../ui/error-text.ts'
import { BlockedNotice, RoleNotice, SecretsNotice, useSecretsNotice } from './AccessNotices.tsx'
import { createPaper } from './create-paper.ts'
import { NewWorkspaceDialog } from './NewWorkspaceDialog.tsx'
import { identityOf, mayWrite } from './identity.ts'
import { TopBar } from './TopBar.tsx'
import { useAccessState, useRegistry, useRelayAccess } from './use-registry.ts'
import { WorkspaceContext, type Workspace } from './WorkspaceContext.tsx'
import { WRITE_BLOCK_REASON_ID, WriteBlockContext, type WriteBlock } from './write-block.ts'

/** An open workspace: its library, or one of its papers in the editor. */
export function WorkspaceView(props: {
  entry: WorkspaceEntry
  workspaces: WorkspaceEntry[]
  banner: ReactNode
  onSwitch(entry: WorkspaceEntry): void
  onJoin(): void
}) {
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
  const [members, setMembers] = useState<{ invite: boolean } | null>(null)
  const [creatingWorkspace, setCreatingWorkspace] = useState(false)
  const access = useRelayAccess(api, props.entry)
  const state = useAccessState(access)
  // The member as the relay says now: a role changed by a coordinator applies at once.
  const memberKey = JSON.stringify(state.member ?? props.entry.member)
  const entry = useMemo(
    () => ({ ...props.entry, member: JSON.parse(memberKey) as WorkspaceEntry['member'] }),
    [props.entry, memberKey],
  )
  const identity = useMemo(() => identityOf(entry, t), [entry, t])
  const registry = useRegistry(api, identity, access)
  const roleNote = useRoleChange(identity.role)
  const secrets = useSecretsNotice(entry.relay !== null)
  // Once access has ended the key opens nothing: its storage is no longer news.
  const showSecrets = secrets.show && state.access === 'active'
  const block = useMemo<WriteBlock | null>(
    () =>
      state.access === 'active'
        ? null
        : {
            kind: state.access,
            reasonId: WRITE_BLOCK_REASON_ID,
            reason: t(state.access === 'revoked' ? 'access.reason.revoked' : 'access.reason.lost'),
          },
    [state.access, t],
  )

  const newPaper = useCallback(async () => {
    if (!mayWrite(identity, 'index') || block !== null) return
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
  }, [registry, identity, block, entry.id, t, language, openPaper])

  const latestNewPaper = useRef(newPaper)
  latestNewPaper.current = newPaper
  useEffect(() => api.on('menu/new-paper', () => void latestNewPaper.current()), [api])

  const [importing, setImporting] = useState<WordSource | null>(null)
  const mayImport = mayWrite(identity, 'index') && block === null
  const importWord = useCallback(
    (source: WordSource) => {
      if (mayImport) setImporting(source)
    },
    [mayImport],
  )
  useEffect(() => api.on('menu/import', () => importWord({ kind: 'dialog' })), [api, importWord])
  const me = useMemo(
    () => ({
      memberId: identity.memberId,
      name: identity.name,
      organisation: identity.organisation,
    }),
    [identity.memberId, identity.name, identity.organisation],
  )
  const mappable = useMappableMembers(entry, me, importing !== null)
  const importPaper = useCallback(
    async ({ imported, plan, mapping }: ImportConfirmed) => {
      const index = registry.acquire(indexRoom(entry.id))
      try {
        await index.session.ready
        const result = await importNewPaper(registry, index.session.doc, {
          workspace: entry.id,
          plan,
          parsed: imported.parsed,
          fallbackTitle: imported.fileName.replace(/\.docx$/i, ''),
          language,
          mapping,
          by: me,
          organisation: identity.local ? null : identity.organisation,
        })
        if (!result.ok) return { ok: false as const, reason: problemsText(result.problems) }
        openPaper(result.id)
        return { ok: true as const }
      } finally {
        index.release()
      }
    },
    [registry, entry.id, language, me, identity.local, identity.organisation, openPaper],
  )
  const openMembers = useCallback(
    (invite = false) => setMembers(entry.relay === null ? null : { invite }),
    [entry.relay],
  )

  return (
    <WriteBlockContext.Provider value={block}>
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
          onMembers={entry.relay === null ? null : () => openMembers()}
          onNewWorkspace={
            entry.relay !== null && identity.role === 'coordinator' && block === null
              ? () => setCreatingWorkspace(true)
              : null
          }
        />
        {props.banner && <div className="banner-slot">{props.banner}</div>}
        {(problem || block || roleNote.role || showSecrets) && (
          <div className="banner-slot">
            {block && <BlockedNotice block={block} workspace={entry.name} />}
            {roleNote.role && !block && (
              <RoleNotice role={roleNote.role} onDismiss={roleNote.dismiss} />
            )}
            {showSecrets && <SecretsNotice onDismiss={secrets.dismiss} />}
            {problem && <ErrorNotice error={problem} onDismiss={() => setProblem(null)} />}
          </div>
        )}
        <WorkspaceRooms
          value={{
            entry,
            identity,
            registry,
            access: state,
            openPaper,
            openMembers,
            creating,
            importWord,
          }}
          newPaper={() => void newPaper()}
          paperId={open.paperId}
          fresh={open.fresh}
        />
        {creatingWorkspace && (
          <NewWorkspaceDialog
            from={entry}
            onCreated={(created) => {
              setCreatingWorkspace(false)
              props.onSwitch(created)
            }}
            onClose={() => setCreatingWorkspace(false)}
          />
        )}
        {importing !== null && (
          <ImportDialog
            source={importing}
            target={NEW_PAPER}
            members={mappable}
            me={me}
            onConfirm={importPaper}
            onClose={() => setImporting(null)}
          />
        )}
        {members !== null && (
          <MembersDialog
            entry={entry}
            identity={identity}
            registry={registry}
            startWithInvite={members.invite}
            onClose={() => setMembers(null)}
          />
        )}
      </div>
    </WriteBlockContext.Provider>
  )
}

const NEW_PAPER: ImportTarget = { kind: 'paper' }

/** The role the relay last reported, when it differs from the one this workspace opened with. */
function useRoleChange(role: Role): { role: Role | null; dismiss(): void } {
  const [shown, setShown] = useState<Role | null>(null)
  const last = useRef(role)
  useEffect(() => {
    if (role === last.current) return
    last.current = role
    setShown(role)
  }, [role])
  return { role: shown, dismiss: () => setShown(null) }
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
