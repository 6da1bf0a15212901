import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import {
  decodeDurable,
  encodeDurable,
  formatInviteLink,
  isCommitted,
  messageDurable,
  parseInviteLink,
  uncommittedCount,
} from './index.ts'

describe('the durability message', () => {
  test('carries a state vector and is recognised by its type', () => {
    const doc = new Y.Doc()
    doc.getText('t').insert(0, 'abc')
    const frame = encodeDurable(Y.encodeStateVector(doc))
    expect(frame[0]).toBe(messageDurable)
    expect(decodeDurable(frame)).toEqual(Y.encodeStateVector(doc))
    expect(decodeDurable(new Uint8Array([0, 0, 0]))).toBeNull()
  })

  test('a doc is saved on the relay when the committed vector covers every local change', () => {
    const doc = new Y.Doc()
    doc.getText('t').insert(0, 'abc')
    const committed = Y.decodeStateVector(Y.encodeStateVector(doc))
    expect(isCommitted(doc, committed)).toBe(true)
    doc.getText('t').insert(3, 'de')
    expect(uncommittedCount(doc, committed)).toBe(2)
    expect(isCommitted(doc, new Map())).toBe(false)
  })
})

describe('invite links', () => {
  const invite = {
    relay: 'wss://relay.example.org',
    workspace: 'w1',
    token: 'A'.repeat(43),
    name: 'Kari Nordmann',
  }

  test('round-trip through samstemt://join', () => {
    const link = formatInviteLink(invite)
    expect(
      link.startsWith('samstemt://join?relay=wss%3A%2F%2Frelay.example.org&workspace=w1&token='),
    ).toBe(true)
    expect(parseInviteLink(link)).toEqual(invite)
  })

  test.each([
    'https://example.org',
    'samstemt://join?relay=http://x&workspace=w&token=' + 'A'.repeat(43),
    'samstemt://join?relay=wss://x&workspace=w/x&token=' + 'A'.repeat(43),
    'samstemt://join?relay=wss://x&workspace=w',
  ])('%s is not an invite', (link) => expect(parseInviteLink(link)).toBeNull())
})
