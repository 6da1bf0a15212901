import { describe, expect, test } from 'vitest'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { STORE_ORIGIN, isLocalOrigin, originSource } from './origins.ts'

describe('transaction origins', () => {
  test('the store, the relay and this user are told apart', () => {
    const doc = new Y.Doc()
    const provider = new WebsocketProvider('ws://127.0.0.1:1', 'w/index', doc, { connect: false })
    expect(originSource(STORE_ORIGIN)).toBe('store')
    expect(originSource(provider)).toBe('relay')
    expect(originSource(null)).toBe('local')
    expect(isLocalOrigin({ key: 'y-sync$' })).toBe(true)
    expect(isLocalOrigin(provider)).toBe(false)
    provider.destroy()
  })
})
