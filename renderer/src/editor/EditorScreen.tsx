import type { Editor } from '@tiptap/core'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type * as Y from 'yjs'
import {
  isLocked,
  observePaperMeta,
  readPaperMeta,
  readSuggestionsOnly,
  writePaperMeta,
  type PaperMeta,
  type Version,
} from '../../../shared/model/index.ts'
import { workflowRights, writesBody } from '../../../shared/policy/index.ts'
import { commentsRoom, paperRoom, workflowRoom } from '../../../shared/protocol/index.ts'
import { useHost } from '../host/HostContext.tsx'
import { useI18n } from '../i18n/I18nContext.tsx'
import { ImportDialog, type ImportConfirmed, type ImportTarget } from '../import/ImportDialog.tsx'
import type { WordSource } from '../import/read-word-file.ts'
import { useMappableMembers } from '../import/use-mappable-members.ts'
import { importReview } from '../import/word-import.ts'
import { StatusBadge } from '../library/StatusBadge.tsx'
import { reviewCommand } from '../review/review-keys.ts'
import { MarginComments } from '../review/MarginComments.tsx'
import { ReviewPanel } from '../review/ReviewPanel.tsx'
import { SuggestionsPanel } from '../review/SuggestionsPanel.tsx'
import { useAuthorColors } from '../review/use-author-colors.ts'
import { useSuggestions } from '../review/use-suggestions.ts'
import { filterThreads, type ThreadFilter } from '../review/thread-order.ts'
import { useWaitingComments } from '../review/use-comments.ts'
import { useReview } from '../review/use-review.ts'
import { StatusBar } from '../status/StatusBar.tsx'
import { MemberColors, usePresenceColors } from '../sync/member-colors.ts'
import { useDocValue, useRoom, useRoomStatus } from '../sync/use-room.ts'
import { problemsText } from '../ui/error-text.ts'
import { Icon } from '../ui/Icon.tsx'
import { awarenessUser } from '../workspace/identity.ts'
import { useWorkspace } from '../workspace/WorkspaceContext.tsx'
import { useWriteBlock } from '../workspace/write-block.ts'
import { UnsentComments } from '../review/UnsentComments.tsx'
import { ExportDialog } from '../workflow/ExportDialog.tsx'
import { PaperView } from '../workflow/PaperView.tsx'
import { useCurrentHash, useWorkflow } from '../workflow/use-workflow.ts'
import { useVersionActions } from '../workflow/use-version-actions.ts'
import { WorkflowPanel } from '../workflow/WorkflowPanel.tsx'
import { MetaPanel } from './MetaPanel.tsx'
import { PageTitle } from './PageTitle.tsx'
import { PaperEditor } from './PaperEditor.tsx'
import type { EditMode } from './suggesting.ts'
import { isMac } from './text-tools.ts'
import { reviewUndoOrigin, startUndoStep } from './typing-undo.ts'
import { SideTabs, type SideTab } from './SideTabs.tsx'
import { useIndexSummary } from './use-index-summary.ts'
import { useWidth } from './use-width.ts'

/**
 * The editor column's width (px) from which the threads go into the margin beside the page: the
 * page (46rem), the gap, the margin (16rem) and the column's padding. Narrower, the side panel
 * lists them.
 */
export const MARGIN_FROM_PX = 736 + 16 + 256 + 2 * 20

const MAC_KEYS = isMac()
const read = (doc: Y.Doc) => readPaperMeta(doc).value
const observe = (doc: Y.Doc, listener: () => void) => observePaperMeta(doc, listener)
const observeUpdates = (doc: Y.Doc, listener: () => void) => {
  doc.on('update', listener)
  return () => doc.off('update', listener)
}

/** One paper: its text in the collaborative editor, comments and meta beside it, status below. */
export function EditorScreen(props: { paperId: string; fresh: boolean }) {
  const { t, format } = useI18n()
  const workspace = useWorkspace()
  const { identity } = workspace
  const session = useRoom(workspace.registry, paperRoom(workspace.entry.id, props.paperId))
  const comments = useRoom(workspace.registry, commentsRoom(workspace.entry.id, props.paperId))
  const workflowSession = useRoom(
    workspace.registry,
    workflowRoom(workspace.entry.id, props.paperId),
  )
  const workflow = useWorkflow(workflowSession)
  // Hashing the whole paper after edits matters only once there is a version to compare with.
  const currentHash = useCurrentHash(workflow.versions.length > 0 ? session : null)
  const status = useRoomStatus(session)
  const meta = useDocValue<PaperMeta | null>(session?.doc ?? null, read, observe, null)
  const [words, setWords] = useState<number | null>(null)
  const [editor, setEditor] = useState<Editor | null>(null)
  const [tab, setTab] = useState<SideTab>(props.fresh ? 'details' : 'comments')
  const review = useReview({ editor, body: session, comments, identity })
  const suggestions = useSuggestions({
    editor,
    body: session,
    comments,
    author: review.author,
    trackedThreads: review.trackedThreads,
  })
  const waiting = useWaitingComments(comments)
  const [filter, setFilter] = useState<ThreadFilter>({
    state: 'open',
    organisation: '',
    mine: false,
  })
  const [column, setColumn] = useState<HTMLDivElement | null>(null)
  const wide = useWidth(column) >= MARGIN_FROM_PX
  // On a wide window the open threads in the text are beside it; the side panel has the rest.
  const marginThreads = useMemo(
    () =>
      wide
        ? filterThreads(review.threads, filter, review.author.memberId).filter(
            ({ thread, placement }) => thread.state === 'open' && placement === 'text',
          )
        : [],
    [wide, review.threads, filter, review.author.memberId],
  )
  // The page moves over for the margin only when there is something to show in it.
  const showMargin =
    wide && (marginThreads.length > 0 || review.draft !== null || suggestions.list.length > 0)
  const inMargin = useMemo(
    () => new Set(marginThreads.map(({ thread }) => thread.id)),
    [marginThreads],
  )

  // Reviewers write suggestions in the body and nothing else (the relay holds them to it).
  const reviewer = !writesBody(identity.role)
  const suggestionsOnly = useDocValue(
    workflowSession?.doc ?? null,
    readSuggestionsOnly,
    observeUpdates,
    false,
  )
  const [chosenMode, setChosenMode] = useState<EditMode>('editing')
  const suggestingForced = reviewer || suggestionsOnly
  const mode: EditMode = suggestingForced ? 'suggesting' : chosenMode
  // Revoked (or this computer's key lost): nothing written here could reach the others.
  const block = useWriteBlock()
  // The workflow doc is the authority on the status: the relay refuses body updates to a final paper.
  const final = isLocked(workflow.status)
  // Not before this computer's copy of the workflow is read: a final paper must not take typing.
  const workflowLoaded = useRoomStatus(workflowSession).loaded
  const canChange = !final && workflowLoaded && status.connection !== 'revoked' && block === null
  // The title, the details and the index: editors' and the coordinator's only.
  const editable = !reviewer && canChange
  const canDecide = editable
  useIndexSummary(workspace.index, session, props.paperId, editable, workflow.status)
  const rights = workflowRights(identity.role)
  const coordinator = rights.moveStatus && status.connection !== 'revoked' && block === null
  const share = identity.role === 'coordinator' && !identity.local && block === null
  const [exporting, setExporting] = useState<{ version: string | null } | null>(null)
  const onExport = useCallback((version: Version) => setExporting({ version: version.id }), [])
  const versions = useVersionActions({ paper: session, workflow, locked: !editable, onExport })
  const api = useHost()
  useEffect(
    () => api.on('menu/export', () => coordinator && setExporting({ version: null })),
    [api, coordinator],
  )
  const title = meta?.title.trim() || t('library.untitled')
  // Whoever wrote in the paper has a colour distinct from everyone's here, present or not.
  const authors = useMemo(
    () => [
      ...suggestions.list.map((entry) => entry.author.memberId),
      ...review.trackedThreads.map((thread) => thread.author.memberId),
      ...review.threads.map(({ thread }) => thread.author.memberId),
    ],
    [suggestions.list, review.trackedThreads, review.threads],
  )
  const colorOf = usePresenceColors(session, authors)
  useAuthorColors(authors, colorOf)
  const [titleProblem, setTitleProblem] = useState<string | null>(null)
  const writeTitle = useCallback(
    (next: string) => {
      if (session === null) return
      const written = writePaperMeta(session.doc, { title: next })
      setTitleProblem(written.ok ? null : problemsText(written.problems))
    },
    [session],
  )
  const openCount = review.threads.filter(({ thread }) => thread.state === 'open').length

  // Import review from Word: the summary first; then the body in one transaction the editor's
  // undo takes back in one step, and the comments in their own doc.
  const reviewPicker = useRef<HTMLInputElement>(null)
  const [reviewSource, setReviewSource] = useState<WordSource | null>(null)
  const [reviewDone, setReviewDone] = useState<string | null>(null)
  const me = review.author
  const mappable = useMappableMembers(workspace.entry, me, reviewSource !== null)
  const paperDoc = session?.doc ?? null
  const commentsDoc = comments?.doc ?? null
  const reviewTarget = useMemo<ImportTarget | null>(
    () =>
      paperDoc === null || commentsDoc === null
        ? null
        : { kind: 'review', paper: paperDoc, comments: commentsDoc, versions: workflow.versions },
    [paperDoc, commentsDoc, workflow.versions],
  )
  const writeReviewImport = useCallback(
    async ({ plan, mapping }: ImportConfirmed) => {
      if (paperDoc === null || commentsDoc === null || editor === null) {
        return { ok: false as const, reason: t('editor.loading') }
      }
      startUndoStep(editor)
      const written = importReview({
        paper: paperDoc,
        comments: commentsDoc,
        plan,
        mapping,
        by: me,
        origin: reviewUndoOrigin,
      })
      startUndoStep(editor)
      if (!written.ok) return { ok: false as const, reason: problemsText(written.problems) }
      setReviewDone(
        t('import.done.review', {
          suggestions: t('import.done.suggestions', { count: written.suggestions }),
          comments: t('import.done.comments', { count: written.comments }),
        }),
      )
      return { ok: true as const }
    },
    [paperDoc, commentsDoc, editor, me, t],
  )

  const { startDraft, step, activate } = review
  const onActivateThread = useCallback(
    (id: string) => {
      // In the margin the card is beside the highlight already; in the side panel, show it.
      if (!wide) setTab('comments')
      activate(id)
      requestAnimationFrame(() =>
        document
          .querySelector(`[data-thread-card="${CSS.escape(id)}"]`)
          ?.scrollIntoView({ block: 'nearest' }),
      )
    },
    [activate, wide],
  )
  // One card is active at a time: a thread's or a suggestion's.
  const activateSuggestion = suggestions.activate
  useEffect(() => {
    if (review.active !== null) activateSuggestion(null)
  }, [review.active, activateSuggestion])
  const stepSuggestion = suggestions.step
  useEffect(() => {
    // Ctrl+Alt+Shift+↓ and ↑ (⌘⌥⇧ on a Mac): the next and the previous suggestion.
    const onKeyDown = (event: KeyboardEvent) => {
      const command = MAC_KEYS ? event.metaKey : event.ctrlKey
      if (!command || !event.altKey || !event.shiftKey) return
      if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
      event.preventDefault()
      if (!wide) setTab('comments')
      if (review.active !== null) review.activate(null)
      stepSuggestion(event.key === 'ArrowDown' ? 1 : -1)
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [stepSuggestion, wide, review])
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const command = reviewCommand(event)
      if (command === null) return
      event.preventDefault()
      if (!wide) setTab('comments')
      if (command === 'add' && block === null) startDraft()
      else step(command === 'next' ? 1 : -1)
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [startDraft, step, wide, block])
  useEffect(() => {
    if ((review.draft !== null && !wide) || review.needsSelection) setTab('comments')
  }, [review.draft, review.needsSelection, wide])

  return (
    <MemberColors.Provider value={colorOf}>
      <main id="main" className="screen editor-screen" tabIndex={-1}>
        <div className="editor-head">
          <button type="button" className="btn btn-quiet" onClick={() => workspace.openPaper(null)}>
            <Icon name="back" />
            {t('editor.back')}
          </button>
          <span className="editor-head-title" aria-hidden="true">
            {title}
          </span>
          {meta && <StatusBadge status={workflow.status} />}
          {meta?.deadline && (
            <span className="editor-head-deadline">
              {t('meta.deadline')}: {format.isoDate(meta.deadline)}
            </span>
          )}
          <div className="editor-head-actions">
            {editable && editor !== null && (
              <>
                <input
                  ref={reviewPicker}
                  type="file"
                  accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                  className="visually-hidden"
                  tabIndex={-1}
                  aria-hidden="true"
                  data-testid="import-review-file"
                  onChange={(event) => {
                    const file = event.target.files?.[0]
                    event.target.value = ''
                    if (file !== undefined) setReviewSource({ kind: 'file', file })
                  }}
                />
                <button
                  type="button"
                  className="btn btn-secondary btn-small"
                  onClick={() => reviewPicker.current?.click()}
                >
                  <Icon name="upload" size={16} />
                  {t('import.review.open')}
                </button>
              </>
            )}
            {coordinator && session && (
              <button
                type="button"
                className="btn btn-secondary btn-small"
                onClick={() => setExporting({ version: null })}
              >
                <Icon name="download" size={16} />
                {t('export.open')}
              </button>
            )}
            {share && (
              <button
                type="button"
                className="btn btn-primary btn-small"
                onClick={() => workspace.openMembers(true)}
              >
                <Icon name="share" size={16} />
                {t('members.share')}
              </button>
            )}
          </div>
        </div>
        {block !== null && (
          <UnsentComments
            comments={comments}
            waiting={waiting}
            paperTitle={title}
            author={review.author}
          />
        )}
        {reviewDone !== null && (
          <p className="notice notice-info read-only-note import-done" role="status">
            <Icon name="check" className="notice-icon" />
            <span>{reviewDone}</span>
            <button
              type="button"
              className="btn btn-quiet btn-small"
              onClick={() => setReviewDone(null)}
            >
              {t('view.close')}
            </button>
          </p>
        )}
        {status.connection === 'revoked' && block === null && (
          <p className="notice notice-error read-only-note">
            <Icon name="lock" className="notice-icon" />
            {t('connection.revoked')}
          </p>
        )}
        {status.connection === 'damaged' && (
          <p className="notice notice-error read-only-note" role="alert">
            <Icon name="alert" className="notice-icon" />
            {t('connection.damaged')}
          </p>
        )}
        {final && status.connection !== 'revoked' && block === null && (
          <p className="notice notice-info read-only-note">
            <Icon name="lock" className="notice-icon" />
            {workflow.status === 'sent' ? t('editor.readOnly.sent') : t('editor.readOnly.final')}
          </p>
        )}
        {!final && suggestingForced && status.connection !== 'revoked' && block === null && (
          <p className="notice notice-info read-only-note suggesting-note">
            <Icon name="suggest" className="notice-icon" />
            {reviewer ? t('suggesting.note.reviewer') : t('suggesting.note.paper')}
          </p>
        )}
        <div className="editor-layout">
          <div className="editor-column" ref={setColumn}>
            {session && status.loaded && meta ? (
              <PaperEditor
                session={session}
                user={awarenessUser(identity)}
                colorOf={colorOf}
                editable={canChange}
                mode={mode}
                suggestingForced={suggestingForced}
                suggester={review.author}
                onMode={setChosenMode}
                language={meta.language}
                title={
                  <>
                    <PageTitle
                      value={meta.title}
                      placeholder={t('title.placeholder')}
                      editable={editable}
                      onCommit={writeTitle}
                      onLeave={() => editor?.commands.focus('start')}
                    />
                    {titleProblem !== null && (
                      <p className="field-error" role="alert">
                        {t('meta.notSaved', { reason: titleProblem })}
                      </p>
                    )}
                  </>
                }
                onWords={setWords}
                onEditor={setEditor}
                onActivateThread={onActivateThread}
                margin={
                  showMargin && editor !== null ? (
                    <MarginComments
                      editor={editor}
                      review={review}
                      threads={marginThreads}
                      role={identity.role}
                      bodyLocked={!editable}
                      waiting={waiting}
                      scroller={column}
                      suggestions={suggestions}
                      canDecide={canDecide}
                    />
                  ) : undefined
                }
              />
            ) : (
              <p className="loading" role="status">
                <span className="spinner" aria-hidden="true" />
                {t('editor.loading')}
              </p>
            )}
          </div>
          <SideTabs tab={tab} onTab={setTab} openComments={openCount}>
            {tab === 'comments' ? (
              <ReviewPanel
                review={review}
                role={identity.role}
                bodyLocked={!editable}
                waiting={waiting}
                filter={filter}
                onFilter={setFilter}
                inMargin={inMargin}
                composerInMargin={wide}
                suggestions={
                  <SuggestionsPanel
                    suggestions={suggestions}
                    canDecide={canDecide}
                    cardsInMargin={showMargin}
                  />
                }
              />
            ) : tab === 'workflow' ? (
              <WorkflowPanel
                workflow={workflow}
                workflowSession={workflowSession}
                index={workspace.index}
                paperId={props.paperId}
                author={review.author}
                coordinator={coordinator}
                recipients={meta?.recipients ?? []}
                paper={session?.doc ?? null}
                comments={comments?.doc ?? null}
                created={meta?.created ?? null}
                currentHash={currentHash}
                actions={versions.actions}
                suggestionsOnly={suggestionsOnly}
              />
            ) : (
              session &&
              meta && (
                <MetaPanel
                  session={session}
                  meta={meta}
                  editable={editable}
                  focusTitle={props.fresh && editable}
                  status={workflow.status}
                />
              )
            )}
          </SideTabs>
        </div>
        {exporting !== null && session && (
          <ExportDialog
            paper={session.doc}
            comments={comments?.doc ?? null}
            workflow={workflow}
            initialVersion={exporting.version}
            onClose={() => setExporting(null)}
          />
        )}
        {reviewSource !== null && reviewTarget !== null && (
          <ImportDialog
            source={reviewSource}
            target={reviewTarget}
            members={mappable}
            me={me}
            onConfirm={writeReviewImport}
            onClose={() => setReviewSource(null)}
          />
        )}
        {versions.view !== null && <PaperView {...versions.view} onClose={versions.closeView} />}
        <StatusBar session={session}>
          {waiting.size > 0 && (
            <span className="status-item comments-waiting">
              <Icon name={block === null ? 'comment' : 'cloudOff'} size={16} />
              {t(block === null ? 'review.waiting' : 'unsent.status', { count: waiting.size })}
            </span>
          )}
          {words !== null && (
            <span className="status-item word-count">{t('editor.words', { count: words })}</span>
          )}
        </StatusBar>
      </main>
    </MemberColors.Provider>
  )
}
