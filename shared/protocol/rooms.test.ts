import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { canWrite } from '../policy/index.ts'
import {
  composeGuards,
  commentsRoom,
  formatRoom,
  indexRoom,
  paperRoom,
  parseRoom,
  workflowRoom,
  writeRefusal,
  type WriteContext,
} from './index.ts'

describe('room names', () => {
  test('the four kinds of room parse and format back to the same name', () => {
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
    expect(parseRoom('ws-1/paper/p_9/workflow')).toEqual({
      kind: 'workflow',
      workspace: 'ws-1',
      paperId: 'p_9',
    })
    const names = [
      indexRoom('w'),
      paperRoom('w', 'p'),
      commentsRoom('w', 'p'),
      workflowRoom('w', 'p'),
    ]
    for (const name of names) {
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
    'w/paper/p/workflow/x',
    'w/paper/p/toString',
    'w/paper/p/__proto__',
    'w/index/workflow',
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
  test("DESIGN.md's table: reviewers write comments and (only suggestions, checked by the body's guard) the paper, never the index; coordinators and editors write everything", () => {
    expect(canWrite('reviewer', 'comments')).toBe(true)
    expect(canWrite('reviewer', 'paper')).toBe(true)
    expect(canWrite('reviewer', 'index')).toBe(false)
    for (const kind of ['index', 'paper', 'comments'] as const) {
      expect(canWrite('coordinator', kind)).toBe(true)
      expect(canWrite('editor', kind)).toBe(true)
    }
  })

  test('every role may send to the workflow room (to endorse); its guard decides what they change', () => {
    for (const role of ['coordinator', 'editor', 'reviewer'] as const) {
      expect(canWrite(role, 'workflow')).toBe(true)
    }
  })

  test('a write guard can refuse what the role table allows, never allow what it refuses', () => {
    const context: WriteContext = {
      update: new Uint8Array(),
      doc: new Y.Doc(),
      loadDoc: () => new Y.Doc(),
      preview: () => ({ doc: new Y.Doc(), changed: new Map() }),
      blocks: [],
    }
    const final = { guard: () => 'The paper is final.', context }
    const allow = { guard: () => null, context }
    const editor = {
      id: 'm1',
      workspace: 'w',
      role: 'editor' as const,
      name: 'E',
      organisation: 'UiS',
    }
    const reviewer = { ...editor, role: 'reviewer' as const }
    expect(writeRefusal(editor, parseRoom('w/paper/p')!, final)).toBe('The paper is final.')
    expect(writeRefusal(editor, parseRoom('w/paper/p')!, allow)).toBeNull()
    expect(writeRefusal(reviewer, parseRoom('w/index')!, allow)).toMatch(/reviewer/)
  })

  test('composed guards run in order and the first refusal wins', () => {
    const context: WriteContext = {
      update: new Uint8Array(),
      doc: new Y.Doc(),
      loadDoc: () => new Y.Doc(),
      preview: () => ({ doc: new Y.Doc(), changed: new Map() }),
      blocks: [],
    }
    const seen: string[] = []
    const guard = (name: string, refusal: string | null) => () => (seen.push(name), refusal)
    const composed = composeGuards(guard('a', null), null, guard('b', 'no'), guard('c', 'never'))
    const editor = {
      id: 'm1',
      workspace: 'w',
      role: 'editor' as const,
      name: 'E',
      organisation: 'UiS',
    }
    expect(composed(editor, parseRoom('w/paper/p')!, context)).toBe('no')
    expect(seen).toEqual(['a', 'b'])
  })
})
