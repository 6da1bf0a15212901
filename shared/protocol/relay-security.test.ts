import { describe, expect, it } from 'vitest'
import { relaySecurity } from './relay-security.ts'

describe('how safe a relay address is', () => {
  it('calls wss:// encrypted, wherever it is', () => {
    expect(relaySecurity('wss://relay.example.org')).toBe('encrypted')
    expect(relaySecurity('wss://127.0.0.1:4455')).toBe('encrypted')
  })

  it('calls ws:// to this computer loopback: nothing crosses a network', () => {
    for (const relay of [
      'ws://127.0.0.1:4455',
      'ws://127.8.9.10',
      'ws://localhost:4455/samstemt',
      'ws://LOCALHOST',
      'ws://[::1]:4455',
      'ws://127.1:4455',
    ]) {
      expect(relaySecurity(relay), relay).toBe('loopback')
    }
  })

  it('calls ws:// to any other host insecure, the office network and lookalike names included', () => {
    for (const relay of [
      'ws://relay.example.org',
      'ws://192.168.1.20:4455',
      'ws://10.0.0.1',
      'ws://127.0.0.1.example.org',
      'ws://localhost.example.org',
      'ws://[::2]',
      'not a url',
    ]) {
      expect(relaySecurity(relay), relay).toBe('insecure')
    }
  })
})
