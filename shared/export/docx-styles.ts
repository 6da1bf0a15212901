import {
  AlignmentType,
  BorderStyle,
  LevelFormat,
  LineRuleType,
  type ILevelsOptions,
  type INumberingOptions,
  type IPropertiesOptions,
} from 'docx'
import type { ExportLanguage } from './types.ts'

// Fonts every Word and LibreOffice installation has, in the roles of the PDF's Source Serif 4
// (text) and Inter (headings): a DOCX cannot carry our woff2 files, and a missing font would be
// replaced by whatever the reader's machine picks.
export const SERIF = 'Georgia'
export const SANS = 'Arial'
export const MONO = 'Consolas'

export const ACCENT = '1F4E79'
export const MUTED = '5B6470'
export const BOX_FILL = 'EDF3F9'

/** A4 in twips, with the PDF's margins (22 mm top and right, 24 mm bottom and left). */
export const PAGE = {
  width: 11906,
  height: 16838,
  top: 1247,
  right: 1247,
  bottom: 1361,
  left: 1361,
}
export const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right

const pt = (points: number) => points * 2 // half-points, for font sizes
const space = (points: number) => points * 20 // twips, for spacing

/**
 * The house styles, under Word's own style ids and names (Title, Heading 1-3, List Bullet,
 * List Number, Quote, Hyperlink, Table Grid...), so the paper keeps working in Word: the
 * navigation pane, a table of contents and a partner's own template all find them.
 */
export function houseStyles(language: ExportLanguage): NonNullable<IPropertiesOptions['styles']> {
  const heading = (size: number, before: number, color = '1B1F24') => ({
    run: { font: SANS, size: pt(size), bold: true, color },
    paragraph: {
      spacing: { before: space(before), after: space(5), line: 264, lineRule: LineRuleType.AUTO },
      keepNext: true,
      keepLines: true,
    },
  })
  const list = (id: string, name: string) => ({
    id,
    name,
    basedOn: 'Normal',
    quickFormat: true,
    paragraph: { spacing: { after: space(3) } },
  })
  return {
    default: {
      document: {
        run: {
          font: SERIF,
          size: pt(10.5),
          color: '1B1F24',
          language: { value: language === 'nb' ? 'nb-NO' : 'en-GB' },
        },
        paragraph: { spacing: { after: space(7), line: 288, lineRule: LineRuleType.AUTO } },
      },
      title: {
        run: { font: SANS, size: pt(22), bold: true, color: '1B1F24' },
        paragraph: { spacing: { after: space(12), line: 252, lineRule: LineRuleType.AUTO } },
      },
      heading1: heading(13.5, 16, ACCENT),
      heading2: heading(11.5, 14),
      heading3: heading(10.5, 12),
      hyperlink: { run: { color: ACCENT, underline: {} } },
    },
    paragraphStyles: [
      list('ListBullet', 'List Bullet'),
      list('ListBullet2', 'List Bullet 2'),
      list('ListBullet3', 'List Bullet 3'),
      list('ListNumber', 'List Number'),
      list('ListNumber2', 'List Number 2'),
      list('ListNumber3', 'List Number 3'),
      {
        id: 'ListContinue',
        name: 'List Continue',
        basedOn: 'Normal',
        paragraph: { spacing: { after: space(3) } },
      },
      {
        id: 'Quote',
        name: 'Quote',
        basedOn: 'Normal',
        quickFormat: true,
        run: { italics: true, color: '3A414A' },
        paragraph: {
          indent: { left: 340 },
          border: { left: { style: BorderStyle.SINGLE, size: 12, color: 'C5CDD6', space: 8 } },
        },
      },
      {
        id: 'SourceCode',
        name: 'Source Code',
        basedOn: 'Normal',
        run: { font: MONO, size: pt(8.5) },
        paragraph: {
          spacing: { after: space(8), line: 240, lineRule: LineRuleType.AUTO },
          shading: { type: 'clear', fill: 'F4F6F8', color: 'auto' },
        },
      },
      {
        id: 'DocumentKind',
        name: 'Document Kind',
        basedOn: 'Normal',
        next: 'Title',
        run: { font: SANS, size: pt(8.5), bold: true, allCaps: true, color: ACCENT },
        paragraph: {
          spacing: { after: space(8) },
          border: { top: { style: BorderStyle.SINGLE, size: 40, color: ACCENT, space: 12 } },
        },
      },
      {
        id: 'Recipients',
        name: 'Recipients',
        basedOn: 'Normal',
        run: { font: SANS, size: pt(9.5) },
        paragraph: { spacing: { after: space(3) }, indent: { left: 567, hanging: 567 } },
      },
      {
        id: 'DateLine',
        name: 'Date Line',
        basedOn: 'Normal',
        run: { font: SANS, size: pt(9.5), color: MUTED },
        paragraph: { spacing: { after: space(3) } },
      },
      {
        id: 'KeyMessagesHeading',
        name: 'Key Messages Heading',
        basedOn: 'Heading1',
        next: 'ListBullet',
        run: { size: pt(9.5), allCaps: true },
        paragraph: { spacing: { before: 0, after: space(5) }, outlineLevel: 0 },
      },
      {
        id: 'Signatory',
        name: 'Signatory',
        basedOn: 'Normal',
        run: { font: SANS, size: pt(9.5) },
        paragraph: {
          spacing: { after: space(6) },
          keepLines: true,
          border: { top: { style: BorderStyle.SINGLE, size: 6, color: 'C5CDD6', space: 4 } },
        },
      },
      {
        id: 'Footer',
        name: 'footer',
        basedOn: 'Normal',
        run: { font: SANS, size: pt(8), color: MUTED },
        paragraph: { spacing: { after: 0 } },
      },
      {
        id: 'CommentText',
        name: 'annotation text',
        basedOn: 'Normal',
        run: { size: pt(9) },
      },
    ],
  }
}

/**
 * Word's own "Table Grid" in the house colours, as a styles.xml for docx's `externalStyles`:
 * docx has no API for table styles, and only this route keeps its default styles beside ours.
 */
export const TABLE_STYLES =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
  `<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
  `<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/>` +
  `<w:basedOn w:val="TableNormal"/><w:uiPriority w:val="39"/>` +
  `<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>` +
  `<w:rPr><w:sz w:val="19"/></w:rPr>` +
  `<w:tblPr><w:tblBorders>` +
  ['top', 'left', 'bottom', 'right', 'insideH', 'insideV']
    .map((side) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="B8C1CB"/>`)
    .join('') +
  `</w:tblBorders><w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="113" w:type="dxa"/>` +
  `<w:bottom w:w="57" w:type="dxa"/><w:right w:w="113" w:type="dxa"/></w:tblCellMar></w:tblPr>` +
  `</w:style></w:styles>`

const BULLETS = ['•', '◦', '▪']

export const BULLET_REFERENCE = 'bullets'

/** The numbering reference of ordered lists starting at `start`. */
export function orderedReference(start: number): string {
  return `numbers-${start}`
}

/** Bullets, and one ordered numbering per start value the paper uses. */
export function numbering(starts: Iterable<number>): INumberingOptions {
  const indent = (level: number) => ({ left: 357 * (level + 1), hanging: 357 })
  const levels = (make: (level: number) => ILevelsOptions) =>
    Array.from({ length: 9 }, (_, level) => make(level))
  return {
    config: [
      {
        reference: BULLET_REFERENCE,
        levels: levels((level) => ({
          level,
          format: LevelFormat.BULLET,
          text: BULLETS[level % BULLETS.length] ?? '•',
          alignment: AlignmentType.LEFT,
          style: { paragraph: { indent: indent(level) } },
        })),
      },
      ...[...new Set([1, ...starts])].map((start) => ({
        reference: orderedReference(start),
        levels: levels((level) => ({
          level,
          // Decimal at every level, as browsers number nested <ol>s: the PDF and the DOCX agree.
          format: LevelFormat.DECIMAL,
          text: `%${level + 1}.`,
          start: level === 0 ? start : 1,
          alignment: AlignmentType.LEFT,
          style: { paragraph: { indent: indent(level) } },
        })),
      })),
    ],
  }
}
