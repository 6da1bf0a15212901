import type { Formatters, Translate } from '../../../shared/i18n/index.ts'
import type { Author, Thread } from '../../../shared/model/index.ts'

/** A comment or reply of this member's that the relay never got. */
export type UnsentComment = {
  /** `thread`, or `thread/reply`, as `waitingCommentIds` names them. */
  id: string
  kind: 'comment' | 'reply'
  author: Author
  /** For a reply: whose comment it answers. */
  inReplyTo: string | null
  /** The text commented on. */
  quote: string
  text: string
  suggestion: string | null
  createdAt: number
}

/**
 * The member's own comments and replies among those waiting for the relay, in the order the
 * threads are listed: what would be lost to the others if the work stayed on this computer.
 */
export function unsentComments(
  threads: readonly Thread[],
  waiting: ReadonlySet<string>,
  memberId: string,
): UnsentComment[] {
  const list: UnsentComment[] = []
  for (const thread of threads) {
    if (waiting.has(thread.id) && thread.author.memberId === memberId) {
      list.push({
        id: thread.id,
        kind: 'comment',
        author: thread.author,
        inReplyTo: null,
        quote: thread.quote,
        text: thread.text,
        suggestion: thread.suggestion?.text ?? null,
        createdAt: thread.createdAt,
      })
    }
    for (const reply of thread.replies) {
      const id = `${thread.id}/${reply.id}`
      if (!waiting.has(id) || reply.author.memberId !== memberId) continue
      list.push({
        id,
        kind: 'reply',
        author: reply.author,
        inReplyTo: thread.author.name,
        quote: thread.quote,
        text: reply.text,
        suggestion: null,
        createdAt: reply.createdAt,
      })
    }
  }
  return list
}

export type UnsentContext = { paper: string; workspace: string; author: Author }

/** The comments as a Markdown file to mail to the coordinator, in the UI's language. */
export function unsentMarkdown(
  comments: readonly UnsentComment[],
  context: UnsentContext,
  t: Translate,
  format: Formatters,
): string {
  const quoted = (text: string) =>
    text
      .split('\n')
      .map((line) => `> ${line}`.trimEnd())
      .join('\n')
  const parts = [
    `# ${t('unsent.md.title', { title: context.paper })}`,
    t('unsent.md.intro', {
      workspace: context.workspace,
      name: context.author.name,
      organisation: context.author.organisation,
    }),
  ]
  for (const comment of comments) {
    const date = format.dateTime(comment.createdAt)
    const heading =
      comment.kind === 'comment'
        ? t('unsent.md.comment', { name: comment.author.name, date })
        : t('unsent.md.reply', {
            name: comment.author.name,
            author: comment.inReplyTo ?? '',
            date,
          })
    parts.push(`## ${heading}`, `${t('unsent.md.on')}:`, quoted(comment.quote))
    if (comment.text.trim() !== '') parts.push(comment.text)
    if (comment.suggestion !== null) {
      parts.push(`${t('unsent.md.suggestion')}:`, quoted(comment.suggestion))
    }
  }
  return `${parts.join('\n\n')}\n`
}

/** The same as JSON, for a tool or a later import: stable field names, ISO times. */
export function unsentJson(comments: readonly UnsentComment[], context: UnsentContext): string {
  const file = {
    kind: 'samstemt-unsent-comments',
    version: 1,
    paper: context.paper,
    workspace: context.workspace,
    author: { name: context.author.name, organisation: context.author.organisation },
    comments: comments.map((comment) => ({
      id: comment.id,
      kind: comment.kind,
      author: comment.author.name,
      organisation: comment.author.organisation,
      inReplyTo: comment.inReplyTo,
      quote: comment.quote,
      text: comment.text,
      suggestion: comment.suggestion,
      createdAt: new Date(comment.createdAt).toISOString(),
    })),
  }
  return `${JSON.stringify(file, null, 2)}\n`
}
