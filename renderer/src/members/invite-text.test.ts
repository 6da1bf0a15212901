import { describe, expect, test } from 'vitest'
import { createFormatters, createTranslator, type Language } from '../../../shared/i18n/index.ts'
import type { CreatedInvite } from '../../../shared/ipc/contract.ts'
import { inviteEmail } from './invite-text.ts'

const link = 'samstemt://join?relay=wss%3A%2F%2Frelay.example.org&workspace=w&token=abc&name=Ole'

function invite(inviteExpiresAt: number | null): CreatedInvite {
  return {
    link,
    member: {
      id: 'm9',
      name: 'Ole Hansen',
      organisation: 'Nordic Edge',
      role: 'reviewer',
      status: 'invited',
      lastSeen: null,
      createdAt: 0,
      inviteExpiresAt,
    },
  }
}

function email(language: Language, expiresAt: number | null): string {
  const t = createTranslator(language)
  return inviteEmail(t, createFormatters(language, t), invite(expiresAt), {
    workspace: 'Norske smartbyer',
    sender: 'Anne Berg',
  })
}

describe('the text for an e-mail with the invite', () => {
  test('says who invites whom, to what and as what, with the whole link on a line of its own', () => {
    const text = email('nb', null)
    expect(text).toMatch(/^Hei Ole Hansen,/)
    expect(text).toContain('«Norske smartbyer»')
    expect(text).toContain('som kommentator for Nordic Edge')
    expect(text).toContain('Leser og kommenterer notater, men kan ikke endre teksten.')
    expect(text.split('\n')).toContain(link)
    expect(text).toContain('uten utløpsdato')
    expect(text).toMatch(/Anne Berg$/)
  })

  test('says until when the link works, in the language of the text', () => {
    const until = Date.UTC(2026, 2, 12, 12)
    expect(email('en', until)).toMatch(/works once, until 12 Mar 2026/)
    expect(email('nb', until)).toMatch(/virker én gang, til 12\. mars 2026/)
    expect(email('en', until)).toContain('as reviewer for Nordic Edge')
    expect(email('en', until)).toContain('do not forward it')
  })
})
