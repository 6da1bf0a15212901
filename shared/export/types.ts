import type { JSONContent } from '@tiptap/core'

/** The languages a paper is written in; the export's labels follow the paper, not the UI. */
export type ExportLanguage = 'nb' | 'en'

/** An organisation that endorses the paper (from the workflow's endorsements). */
export type Signatory = {
  organisation: string
  /** The person who endorsed it for the organisation. */
  endorsedBy?: string
  /** The named version the organisation endorsed. */
  versionName?: string
}

/** An answer in a comment thread. */
export type ExportReply = {
  author: string
  organisation: string
  text: string
  /** Epoch milliseconds. */
  createdAt: number
}

/** A comment thread, for exports that keep comments (DOCX as Word comments, HTML, Markdown). */
export type ExportComment = {
  id: string
  author: string
  organisation: string
  text: string
  /** Epoch milliseconds. */
  createdAt: number
  replies: ExportReply[]
  /**
   * The commented characters `[start, end)`, counting the characters of the body's text nodes in
   * document order with block boundaries counting nothing: what `resolveAnchor` in shared/model
   * returns. Null when the commented text is gone.
   */
  range: { start: number; end: number } | null
  /** The commented text when the comment was made; shown for a comment whose text is gone. */
  quote?: string
  resolved?: boolean
}

/** Everything an export needs about one paper (or one named version of it). */
export type ExportSource = {
  title: string
  /** The decision makers the paper goes to. */
  recipients: string[]
  language: ExportLanguage
  /** ISO date (`YYYY-MM-DD`, or a full ISO timestamp whose date part is used). */
  date: string
  place: string | null
  /** The body as Tiptap JSON in the schema of shared/model/schema.ts (`bodySchema()`). */
  body: JSONContent
  signatories: Signatory[]
  /** The named version exported, or null for the paper as it is now. */
  versionName: string | null
  comments?: ExportComment[]
}

/** An embedded font for the print HTML: the caller reads the file, shared code cannot. */
export type ExportFont = {
  /** `sans` for headings and the title block, `serif` for the text. */
  role: 'sans' | 'serif'
  style: 'normal' | 'italic'
  /** A CSS font-weight value or range, e.g. `100 900` for a variable font. */
  weight: string
  /** A CSS unicode-range, so the browser loads only the subsets a paper uses. */
  unicodeRange: string
  /** A `data:font/woff2;base64,...` URL (or any URL the printing browser can load). */
  url: string
}
