import { useRef, useState } from 'react'
import type * as Y from 'yjs'
import {
  observePapers,
  readPapers,
  type PaperStatus,
  type PaperSummary,
} from '../../../shared/model/index.ts'
import { useI18n } from '../i18n/I18nContext.tsx'
import { carriesFiles } from '../import/read-word-file.ts'
import { StatusBar } from '../status/StatusBar.tsx'
import { useDocValue, useRoomStatus } from '../sync/use-room.ts'
import { Icon } from '../ui/Icon.tsx'
import { mayWrite } from '../workspace/identity.ts'
import { useWorkspace } from '../workspace/WorkspaceContext.tsx'
import { useWriteBlock } from '../workspace/write-block.ts'
import { countByStatus, filterPapers } from './library-filter.ts'
import { PaperTable } from './PaperTable.tsx'
import { useOpenComments } from './use-open-comments.ts'
import { StatusFilter } from './StatusFilter.tsx'

const NO_PAPERS: PaperSummary[] = []
const COUNTED_PAPERS = 40
const read = (doc: Y.Doc) => readPapers(doc).value
const observe = (doc: Y.Doc, listener: () => void) => observePapers(doc, listener)

/** The workspace's papers, searchable and filtered by status; works from the local copy offline. */
export function LibraryScreen() {
  const { t, locale } = useI18n()
  const workspace = useWorkspace()
  const { index } = workspace
  const status = useRoomStatus(index)
  const papers = useDocValue(index?.doc ?? null, read, observe, NO_PAPERS)
  const [query, setQuery] = useState('')
  const [filter, setFilter] = useState<PaperStatus | 'all'>('all')
  const shown = filterPapers(papers, { query, status: filter }, locale)
  // One socket per counted paper: the relay allows 64 per member, so only the first papers
  // shown are counted (the others show no count rather than crowding out the editor's rooms).
  const openComments = useOpenComments(
    workspace.registry,
    workspace.entry.id,
    shown.slice(0, COUNTED_PAPERS).map((paper) => paper.id),
  )
  // Revoked: the button stays, turned off, pointing at the reason.
  const block = useWriteBlock()
  const canCreate = mayWrite(workspace.identity, 'index')
  const canImport = canCreate && status.loaded && block === null
  const picker = useRef<HTMLInputElement>(null)
  const [dropping, setDropping] = useState(false)
  const drag = (event: React.DragEvent) => {
    if (!canImport || !carriesFiles([...event.dataTransfer.types])) return
    event.preventDefault()
    event.dataTransfer.dropEffect = 'copy'
    setDropping(true)
  }

  return (
    <main
      id="main"
      className={dropping ? 'screen library-dropping' : 'screen'}
      tabIndex={-1}
      onDragEnter={drag}
      onDragOver={drag}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDropping(false)
      }}
      onDrop={(event) => {
        if (!canImport) return
        event.preventDefault()
        setDropping(false)
        const file = event.dataTransfer.files[0]
        if (file !== undefined) workspace.importWord({ kind: 'file', file })
      }}
    >
      {dropping && (
        <div className="library-drop" aria-hidden="true">
          <Icon name="upload" size={32} />
          <p>{t('import.drop')}</p>
        </div>
      )}
      <div className="screen-scroll">
        <div className="library">
          <div className="library-head">
            <div>
              <h1>{t('library.title')}</h1>
              {status.loaded && (
                <p className="muted">{t('library.count', { count: papers.length })}</p>
              )}
            </div>
            {canCreate && (
              <div className="library-actions">
                <input
                  ref={picker}
                  type="file"
                  accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                  className="visually-hidden"
                  tabIndex={-1}
                  aria-hidden="true"
                  data-testid="import-file"
                  onChange={(event) => {
                    const file = event.target.files?.[0]
                    event.target.value = ''
                    if (file !== undefined) workspace.importWord({ kind: 'file', file })
                  }}
                />
                <button
                  type="button"
                  className="btn btn-secondary"
                  onClick={() => picker.current?.click()}
                  disabled={!canImport}
                  aria-describedby={block?.reasonId}
                >
                  <Icon name="upload" />
                  {t('import.open')}
                </button>
                <button
                  type="button"
                  className="btn btn-primary"
                  onClick={workspace.newPaper}
                  disabled={workspace.creating || !status.loaded || block !== null}
                  aria-describedby={block?.reasonId}
                  aria-busy={workspace.creating}
                >
                  <Icon name="plus" />
                  {workspace.creating ? t('library.creating') : t('library.new')}
                </button>
              </div>
            )}
          </div>
          {!status.loaded ? (
            <p className="loading" role="status">
              <span className="spinner" aria-hidden="true" />
              {t('library.loading')}
            </p>
          ) : papers.length === 0 ? (
            <div className="empty-state">
              <Icon name="paper" size={32} />
              <h2>{t('library.empty.title')}</h2>
              <p>{canCreate ? t('library.empty.body') : t('library.empty.reviewer')}</p>
            </div>
          ) : (
            <>
              <div className="library-controls">
                <div className="search">
                  <label htmlFor="library-search" className="visually-hidden">
                    {t('library.search.label')}
                  </label>
                  <Icon name="search" className="search-icon" />
                  <input
                    id="library-search"
                    type="search"
                    className="input"
                    placeholder={t('library.search.placeholder')}
                    value={query}
                    onChange={(event) => setQuery(event.target.value)}
                  />
                </div>
                <StatusFilter value={filter} counts={countByStatus(papers)} onChange={setFilter} />
              </div>
              {shown.length === 0 ? (
                <div className="empty-state empty-state-small" role="status">
                  <p>{t('library.noMatch')}</p>
                  <button
                    type="button"
                    className="btn btn-secondary"
                    onClick={() => {
                      setQuery('')
                      setFilter('all')
                    }}
                  >
                    {t('library.clearFilters')}
                  </button>
                </div>
              ) : (
                <PaperTable
                  papers={shown}
                  openComments={openComments}
                  onOpen={workspace.openPaper}
                />
              )}
            </>
          )}
        </div>
      </div>
      <StatusBar session={index} />
    </main>
  )
}
