import { describe, expect, test } from 'vitest'
import type { MemberSummary } from '../../../shared/ipc/contract.ts'
import { inviteExpired, orderMembers, organisationSuggestions } from './member-order.ts'

let next = 0
function member(patch: Partial<MemberSummary>): MemberSummary {
  return {
    id: `m${next++}`,
    name: 'X',
    organisation: 'UiS',
    role: 'editor',
    status: 'active',
    lastSeen: null,
    createdAt: 0,
    inviteExpiresAt: null,
    ...patch,
  }
}

describe('the member list', () => {
  test('lists those who are in by role, then open invites, then the revoked; by name within each', () => {
    const list = [
      member({ name: 'Åse', status: 'revoked', role: 'coordinator' }),
      member({ name: 'Per', status: 'invited', role: 'coordinator' }),
      member({ name: 'Ole', role: 'reviewer' }),
      member({ name: 'kari', role: 'editor' }),
      member({ name: 'Anne', role: 'coordinator' }),
      member({ name: 'Bjørn', role: 'editor' }),
    ]
    expect(orderMembers(list, 'nb-NO').map((m) => m.name)).toEqual([
      'Anne',
      'Bjørn',
      'kari',
      'Ole',
      'Per',
      'Åse',
    ])
  })

  test('suggests each organisation once, as first written, in the language’s order', () => {
    const list = [
      member({ organisation: 'Nordic Edge' }),
      member({ organisation: ' nordic edge ' }),
      member({ organisation: 'Østfold fylke' }),
      member({ organisation: 'NTNU' }),
      member({ organisation: '' }),
    ]
    expect(organisationSuggestions(list, 'nb-NO')).toEqual(['Nordic Edge', 'NTNU', 'Østfold fylke'])
  })

  test('an invite whose time has run out is expired; a claimed one never is', () => {
    expect(inviteExpired(member({ status: 'invited', inviteExpiresAt: 100 }), 100)).toBe(true)
    expect(inviteExpired(member({ status: 'invited', inviteExpiresAt: 101 }), 100)).toBe(false)
    expect(inviteExpired(member({ status: 'invited', inviteExpiresAt: null }), 100)).toBe(false)
    expect(inviteExpired(member({ status: 'active', inviteExpiresAt: 1 }), 100)).toBe(false)
  })
})
