import type { PaperSummary } from '../../../shared/model/index.ts'
import { useI18n } from '../i18n/I18nContext.tsx'
import { Icon } from '../ui/Icon.tsx'
import { useNow } from '../ui/use-now.ts'
import { StatusBadge } from './StatusBadge.tsx'

/** One row per paper; the title is the control that opens it, the row a larger target for mice. */
export function PaperTable(props: {
  papers: PaperSummary[]
  /** Open comment threads per paper; a paper not in it has not been counted yet. */
  openComments: ReadonlyMap<string, number>
  onOpen(id: string): void
}) {
  const { t, format } = useI18n()
  const now = useNow()
  return (
    <table className="paper-table">
      <thead>
        <tr>
          <th scope="col">{t('library.column.title')}</th>
          <th scope="col">{t('library.column.status')}</th>
          <th scope="col">{t('library.column.recipients')}</th>
          <th scope="col" className="column-comments">
            {t('library.column.comments')}
          </th>
          <th scope="col" className="column-updated">
            {t('library.column.updated')}
          </th>
        </tr>
      </thead>
      <tbody>
        {props.papers.map((paper) => (
          <tr key={paper.id} onClick={() => props.onOpen(paper.id)}>
            <th scope="row">
              <button
                type="button"
                className="paper-link"
                onClick={(event) => {
                  event.stopPropagation()
                  props.onOpen(paper.id)
                }}
              >
                {paper.title.trim() || t('library.untitled')}
              </button>
            </th>
            <td>
              <StatusBadge status={paper.status} />
            </td>
            <td className={paper.recipients.length === 0 ? 'muted' : undefined}>
              {paper.recipients.length === 0
                ? t('library.noRecipients')
                : format.list(paper.recipients)}
            </td>
            <td className="column-comments">
              <OpenComments count={props.openComments.get(paper.id)} />
            </td>
            <td className="column-updated">
              <time
                dateTime={new Date(paper.updatedAt).toISOString()}
                title={paper.updatedAt > 0 ? format.dateTime(paper.updatedAt) : undefined}
              >
                {format.relative(paper.updatedAt, now)}
              </time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function OpenComments(props: { count: number | undefined }) {
  const { t } = useI18n()
  if (props.count === undefined) return null
  if (props.count === 0) {
    return (
      <span className="muted" aria-label={t('library.noOpenComments')}>
        –
      </span>
    )
  }
  return (
    <span className="comment-count" title={t('library.openComments', { count: props.count })}>
      <Icon name="comment" size={16} />
      <span aria-hidden="true">{props.count}</span>
      <span className="visually-hidden">{t('library.openComments', { count: props.count })}</span>
    </span>
  )
}
