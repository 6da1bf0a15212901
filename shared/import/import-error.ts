/** Why a file cannot be imported; each has a message a partner can act on, in nb and en. */
export type ImportErrorCode =
  /** Larger than MAX_FILE_BYTES: no Word paper is that big without pictures we would drop. */
  | 'too-large'
  /** Not a Word document at all (another format, or an empty file). */
  | 'not-docx'
  /** A Word 97-2003 .doc (an OLE container without encryption). */
  | 'legacy-doc'
  /** An OOXML file encrypted with a password (an OLE container holding EncryptedPackage). */
  | 'encrypted'
  /** The zip or its XML is broken. */
  | 'corrupt'
  /** Unpacking would exceed the limits: a zip bomb, or a document far larger than any paper. */
  | 'too-big-unpacked'

export type ImportError = {
  code: ImportErrorCode
  /** English; the CLI and the log use this one. */
  message: string
  /** Norwegian Bokmål, shown by a Norwegian UI. */
  messageNb: string
}

const TEXTS: Record<ImportErrorCode, { en: string; nb: string }> = {
  'too-large': {
    en: 'The file is larger than 25 MB, more than a Word paper without pictures ever is. Save a copy without pictures (File › Save as, or compress the pictures) and import that.',
    nb: 'Filen er større enn 25 MB, mer enn et Word-notat uten bilder noen gang er. Lagre en kopi uten bilder (Fil › Lagre som, eller komprimer bildene) og importer den.',
  },
  'not-docx': {
    en: 'This is not a Word document (.docx). Open it in Word or LibreOffice and save it as a Word document (.docx) first.',
    nb: 'Dette er ikke et Word-dokument (.docx). Åpne det i Word eller LibreOffice og lagre det som Word-dokument (.docx) først.',
  },
  'legacy-doc': {
    en: 'This is an old Word 97-2003 document (.doc). Open it in Word or LibreOffice and save it as a Word document (.docx), then import that.',
    nb: 'Dette er et gammelt Word 97-2003-dokument (.doc). Åpne det i Word eller LibreOffice og lagre det som Word-dokument (.docx), og importer det.',
  },
  encrypted: {
    en: 'The document is protected with a password. Open it in Word, remove the password (File › Info › Protect document), save, and import it again.',
    nb: 'Dokumentet er beskyttet med passord. Åpne det i Word, fjern passordet (Fil › Informasjon › Beskytt dokument), lagre, og importer det på nytt.',
  },
  corrupt: {
    en: 'The document is damaged and cannot be read. Open it in Word or LibreOffice (they may repair it), save it again, and import the new copy.',
    nb: 'Dokumentet er skadet og kan ikke leses. Åpne det i Word eller LibreOffice (de kan kanskje reparere det), lagre det på nytt, og importer den nye kopien.',
  },
  'too-big-unpacked': {
    en: 'The document unpacks to far more than a paper holds, so it was not opened (it may be a "zip bomb"). Ask the sender for the document again, saved from Word.',
    nb: 'Dokumentet pakkes ut til langt mer enn et notat rommer, så det ble ikke åpnet (det kan være en «zip-bombe»). Be avsenderen om dokumentet på nytt, lagret fra Word.',
  },
}

/** The error for `code`; `detail` (English, for the log) is added to the English message. */
export function importError(code: ImportErrorCode, detail?: string): ImportError {
  const text = TEXTS[code]
  return {
    code,
    message: detail === undefined ? text.en : `${text.en} (${detail})`,
    messageNb: text.nb,
  }
}

/** Thrown inside the parser and caught at its edge, where it becomes a value. */
export class ImportFailure extends Error {
  readonly error: ImportError
  constructor(error: ImportError) {
    super(error.message)
    this.error = error
  }
}

export function fail(code: ImportErrorCode, detail?: string): never {
  throw new ImportFailure(importError(code, detail))
}
