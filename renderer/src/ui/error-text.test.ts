import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { changeStatus, saveVersion, type Author } from '../../../shared/model/index.ts'
import { problemsText } from './error-text.ts'

const kari: Author = { memberId: 'm1', name: 'Kari', organisation: 'NTNU' }
const content = {
  title: 'T',
  recipients: [],
  language: 'nb' as const,
  body: { type: 'doc', content: [{ type: 'paragraph' }] },
}

describe('a refused write, as the user reads it', () => {
  it('is in Norwegian in the Norwegian UI, and in English otherwise', () => {
    const doc = new Y.Doc()
    saveVersion(doc, { name: 'Endelig', by: kari, content })
    const taken = saveVersion(doc, { name: ' endelig ', by: kari, content })
    if (taken.ok) throw new Error('a taken name was accepted')
    expect(problemsText(taken.problems, 'nb')).toBe(
      '«endelig» er allerede brukt av en annen versjon',
    )
    expect(problemsText(taken.problems, 'en')).toBe('"endelig" is already taken')
    const skipped = changeStatus(doc, {
      status: 'sent',
      by: kari,
      recipients: ['ERRIN'],
      sentOn: '2026-12-03',
    })
    if (skipped.ok) throw new Error('a draft became sent')
    expect(problemsText(skipped.problems, 'nb')).toBe(
      'et notat som er utkast, kan ikke bli sendt (statusen kan være endret i mellomtiden)',
    )
  })
})
