import { describe, expect, test } from 'vitest'
import { isValidId } from '../../../shared/protocol/index.ts'
import { newPaperId } from './create-paper.ts'

describe('paper ids', () => {
  test('are valid room ids and do not repeat', () => {
    const ids = Array.from({ length: 1000 }, newPaperId)
    for (const id of ids) expect(isValidId(id), id).toBe(true)
    expect(new Set(ids).size).toBe(ids.length)
  })
})
