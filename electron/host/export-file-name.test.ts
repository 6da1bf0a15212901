import { describe, expect, it } from 'vitest'
import { exportFileName } from './export-file-name.ts'

describe('the file name an export is offered under', () => {
  it('is the suggestion with the format’s extension', () => {
    expect(exportFileName('Én stemme for byene', 'pdf')).toBe('Én stemme for byene.pdf')
    expect(exportFileName('Posisjonsnotat', 'docx')).toBe('Posisjonsnotat.docx')
    expect(exportFileName('Notes', 'md')).toBe('Notes.md')
  })

  it('has no folder parts, whatever the suggestion holds', () => {
    expect(exportFileName('../../etc/passwd', 'html')).toBe('etc passwd.html')
    expect(exportFileName('..\\..\\Windows\\win.ini', 'md')).toBe('Windows win.ini.md')
    expect(exportFileName('/tmp/x', 'pdf')).toBe('tmp x.pdf')
    expect(exportFileName('..', 'pdf')).toBe('Samstemt.pdf')
  })

  it('drops characters a file system refuses, and control characters', () => {
    expect(exportFileName('Byer: hva nå? <utkast> "A|B" *', 'pdf')).toBe(
      'Byer hva nå utkast A B.pdf',
    )
    expect(exportFileName('Linje\nto\u0000\u007f', 'docx')).toBe('Linje to.docx')
  })

  it('is not hidden, ends in no dot or space, and is not a Windows device name', () => {
    expect(exportFileName('.bashrc', 'md')).toBe('bashrc.md')
    expect(exportFileName('Utkast. . ', 'pdf')).toBe('Utkast.pdf')
    expect(exportFileName('CON', 'pdf')).toBe('_CON.pdf')
    expect(exportFileName('lpt1.notes', 'md')).toBe('_lpt1.notes.md')
  })

  it('keeps one extension when the suggestion already has it', () => {
    expect(exportFileName('Notat.PDF', 'pdf')).toBe('Notat.pdf')
    expect(exportFileName('Notat.pdf', 'docx')).toBe('Notat.pdf.docx')
  })

  it('falls back to Samstemt when nothing usable is left', () => {
    expect(exportFileName('', 'pdf')).toBe('Samstemt.pdf')
    expect(exportFileName(' / : ', 'md')).toBe('Samstemt.md')
  })

  it('stays within 200 bytes before the extension, never cutting a letter in half', () => {
    const name = exportFileName('ø'.repeat(150), 'pdf')
    expect(new TextEncoder().encode(name.slice(0, -4)).byteLength).toBe(200)
    const emoji = exportFileName('😀'.repeat(60), 'md')
    expect(emoji).toBe(`${'😀'.repeat(50)}.md`)
    expect(exportFileName('Ångström', 'md')).toBe('Ångström.md')
  })

  it('is in Unicode NFC, so the same title gives the same name on every system', () => {
    expect(exportFileName('A\u030angstro\u0308m', 'md')).toBe('\u00c5ngstr\u00f6m.md')
  })
})
