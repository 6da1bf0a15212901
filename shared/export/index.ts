export type {
  ExportComment,
  ExportFont,
  ExportLanguage,
  ExportReply,
  ExportSource,
  Signatory,
} from './types.ts'
export { toDocument, type ExportDocument, type ExportInput } from './tree.ts'
export { toHtmlFragment, toPrintHtml, toStandaloneHtml, type HtmlOptions } from './html.ts'
export { houseCss, fontFaces } from './css.ts'
export { toMarkdown, type MarkdownOptions } from './markdown.ts'
export { toDocx, type DocxOptions } from './docx.ts'
export { redline } from './redline.ts'
export {
  currentSignatories,
  exportComment,
  findVersion,
  signatoriesFor,
  sourceFromContent,
  sourceFromDocs,
  sourceFromVersion,
  type ExportDetails,
  type PaperContentLike,
} from './from-docs.ts'
export {
  FORMATS,
  FORMAT_IDS,
  REDLINE_FORMAT_IDS,
  isExportFormat,
  type ExportFormat,
  type FormatSpec,
} from './formats.ts'
export { renderExport, type RenderOptions } from './render.ts'
export { openSuggestions, withoutSuggestions } from './suggestions.ts'
