/*
 * mammoth's style map: which Word paragraph and run styles become which parts of a paper. Word
 * stores its built-in styles under their English names whatever the language of the Word that
 * wrote them (a Norwegian Word shows "Overskrift 1" for "heading 1"), and mammoth matches names
 * ignoring case; the partner templates' own names and our export's are listed beside them.
 * The paper's title is its only level-1 heading, so Word's Heading 1 is the body's level 2.
 * docs/import.md lists the map.
 */
export const STYLE_MAP: string[] = [
  // The house template's frame, as our DOCX export writes it (docx-styles.ts).
  "p[style-name='Title'] => h1.title:fresh",
  "p[style-name='Tittel'] => h1.title:fresh",
  "p[style-name='Document Kind'] => p.document-kind:fresh",
  "p[style-name='Recipients'] => p.recipients:fresh",
  "p[style-name='Date Line'] => p.date-line:fresh",
  "p[style-name='Key Messages Heading'] => h2.key-messages:fresh",
  "p[style-name='Signatory'] => p.signatory:fresh",
  // Word's headings (by name and by style id), and the partner templates' own.
  ...[1, 2, 3, 4, 5, 6].flatMap((level) => {
    const to = `h${Math.min(level + 1, 6)}:fresh`
    return [
      `p[style-name='Heading ${level}'] => ${to}`,
      `p.Heading${level} => ${to}`,
      `p[style-name='Overskrift ${level}'] => ${to}`,
      `p.Overskrift${level} => ${to}`,
    ]
  }),
  "p[style-name='Mellomtittel'] => h3:fresh",
  "p[style-name='Subtitle'] => p:fresh",
  "p[style-name='Undertittel'] => p:fresh",
  "p[style-name='Ingress'] => p:fresh",
  "p[style-name='Brødtekst'] => p:fresh",
  "p[style-name='Body Text'] => p:fresh",
  "p[style-name='Text Body'] => p:fresh",
  "p[style-name='List Paragraph'] => p:fresh",
  "p[style-name='Listeavsnitt'] => p:fresh",
  "p[style-name='Quote'] => blockquote > p:fresh",
  "p[style-name='Intense Quote'] => blockquote > p:fresh",
  "p[style-name='Sitat'] => blockquote > p:fresh",
  "p[style-name='Quotations'] => blockquote > p:fresh",
  "p[style-name='Source Code'] => pre:separator('\\n')",
  "p[style-name='Preformatted Text'] => pre:separator('\\n')",
  // Underline is kept (mammoth drops it unless mapped); struck text stays struck.
  'u => u',
  'strike => s',
]
