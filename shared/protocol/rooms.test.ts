import { describe, expect, test } from 'vitest'
import {
  canWrite,
  commentsRoom,
  formatRoom,
  indexRoom,
  paperRoom,
  parseRoom,
  writeRefusal,
} from './index.ts'

describe('room names', () => {
  test('the three kinds of room parse and format back to the same name', () => {
    expect(parseRoom('ws-1/index')).toEqual({ kind: 'index', workspace: 'ws-1', paperId: null })
    expect(parseRoom('ws-1/paper/p_9')).toEqual({
      kind: 'paper',
      workspace: 'ws-1',
      paperId: 'p_9',
    })
    expect(parseRoom('ws-1/paper/p_9/comments')).toEqual({
      kind: 'comments',
      workspace: 'ws-1',
      paperId: 'p_9',
    })
    for (const name of [indexRoom('w'), paperRoom('w', 'p'), commentsRoom('w', 'p')]) {
      expect(formatRoom(parseRoom(name)!)).toBe(name)
    }
  })

  test.each([
    '',
    'w',
    'w/',
    '/w/index',
    'w/index/',
    'w/papers/p',
    'w/paper',
    'w/paper/',
    'w/paper/p/notes',
    'w/paper/p/comments/x',
    'w w/index',
    'w/paper/ä',
    `${'a'.repeat(65)}/index`,
    '../index',
  ])('%j is not a room', (name) => expect(parseRoom(name)).toBeNull())

  test('builders refuse ids that are not url-safe', () => {
    expect(() => paperRoom('w', 'a/b')).toThrow(RangeError)
    expect(() => indexRoom('')).toThrow(RangeError)
  })
})

describe('roles', () => {
  test("DESIGN.md's table: reviewers write comments only; coordinators and editors write everything", () => {
    expect(canWrite('reviewer', 'comments')).toBe(true)
    expect(canWrite('reviewer', 'paper')).toBe(false)
    expect(canWrite('reviewer', 'index')).toBe(false)
    for (const kind of ['index', 'paper', 'comments'] as const) {
      expect(canWrite('coordinator', kind)).toBe(true)
      expect(canWrite('editor', kind)).toBe(true)
    }
  })

  test('a write guard can refuse what the role table allows, never allow what it refuses', () => {
    const final = () => 'The paper is final.'
    const editor = { id: 'm1', workspace: 'w', role: 'editor' as const }
    const reviewer = { ...editor, role: 'reviewer' as const }
    expect(writeRefusal(editor, parseRoom('w/paper/p')!, final)).toBe('The paper is final.')
    expect(writeRefusal(editor, parseRoom('w/paper/p')!, () => null)).toBeNull()
    expect(writeRefusal(reviewer, parseRoom('w/paper/p')!, () => null)).toMatch(/reviewer/)
  })
})
