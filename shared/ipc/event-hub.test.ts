import { describe, expect, it } from 'vitest'
import { createEventHub } from './event-hub.ts'

describe('the page-side event hub', () => {
  it('hands an event to every subscriber of it', () => {
    const hub = createEventHub()
    const seen: unknown[] = []
    hub.on('menu/export', (payload) => seen.push(['a', payload]))
    hub.on('menu/export', (payload) => seen.push(['b', payload]))
    hub.deliver('menu/export', null)
    expect(seen).toEqual([
      ['a', null],
      ['b', null],
    ])
  })

  it('keeps early events for the first subscriber, delivered after on() returns', async () => {
    const hub = createEventHub()
    hub.deliver('app/invite', { link: 'samstemt://join?1' })
    hub.deliver('app/invite', { link: 'samstemt://join?2' })
    const seen: unknown[] = []
    hub.on('app/invite', (payload) => seen.push(payload))
    expect(seen).toEqual([])
    await Promise.resolve()
    expect(seen).toEqual([{ link: 'samstemt://join?1' }, { link: 'samstemt://join?2' }])
  })

  it('stops delivering after unsubscribe, and keeps at most 20 early events', async () => {
    const hub = createEventHub()
    for (let i = 0; i < 30; i++) hub.deliver('menu/new-paper', i)
    const seen: unknown[] = []
    const off = hub.on('menu/new-paper', (payload) => seen.push(payload))
    await Promise.resolve()
    off()
    hub.deliver('menu/new-paper', 'late')
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => i + 10))
  })

  it('refuses to subscribe to an event outside the contract', () => {
    const hub = createEventHub()
    expect(() =>
      (hub.on as (e: string, l: () => void) => void)('app/quit', () => undefined),
    ).toThrow(TypeError)
  })
})
