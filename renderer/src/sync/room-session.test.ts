import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import type { SamstemtApi } from '../../../shared/ipc/contract.ts'
import { RoomSession } from './room-session.ts'

/** An in-memory host with just the two store calls; `failAppends` simulates a full disk. */
function memoryHost(initial: Uint8Array[] = []) {
  const stored: Uint8Array[] = [...initial]
  const appended: Uint8Array[][] = []
  let failAppends = false
  const api = {
    invoke: async (channel: string, request: { updates?: Uint8Array[] }) => {
      if (channel === 'store/load') return { ok: true, value: { updates: [...stored] } }
      if (channel === 'store/append') {
        if (failAppends) return { ok: false, error: { code: 'disk-full', message: 'Disk full' } }
        appended.push(request.updates ?? [])
        stored.push(...(request.updates ?? []))
        return { ok: true, value: { stored: request.updates?.length ?? 0 } }
      }
      throw new Error(`unexpected ${channel}`)
    },
    on: () => () => undefined,
  } as unknown as SamstemtApi
  return { api, stored, appended, setFailing: (on: boolean) => (failAppends = on) }
}

const user = { memberId: 'm1', name: 'Kari', organisation: 'UiS', color: '#1d4ed8' }
const open = (api: SamstemtApi) =>
  new RoomSession({ api, room: 'w/paper/p', connection: null, readOnly: false, user })
const settle = () => new Promise((resolve) => setTimeout(resolve, 60))

describe('a room without a relay', () => {
  test('opens with what this computer stored, without storing it again', async () => {
    const earlier = new Y.Doc()
    earlier.getText('t').insert(0, 'from last time')
    const host = memoryHost([Y.encodeStateAsUpdate(earlier)])
    const session = open(host.api)
    expect(session.getStatus().saved).toEqual({ kind: 'loading' })
    await session.ready
    expect(session.doc.getText('t').toString()).toBe('from last time')
    await settle()
    expect(host.appended).toEqual([])
    expect(session.getStatus()).toMatchObject({
      loaded: true,
      connection: 'local',
      saved: { kind: 'this-computer' },
    })
    await session.close()
  })

  test('stores each local change, batched, and says saving until the store has it', async () => {
    const host = memoryHost()
    const session = open(host.api)
    await session.ready
    session.doc.getText('t').insert(0, 'a')
    session.doc.getText('t').insert(1, 'b')
    expect(session.getStatus().saved).toEqual({ kind: 'saving' })
    await settle()
    expect(host.appended.map((batch) => batch.length)).toEqual([2])
    expect(session.getStatus().saved).toEqual({ kind: 'this-computer' })
    const reopened = open(host.api)
    await reopened.ready
    expect(reopened.doc.getText('t').toString()).toBe('ab')
    await Promise.all([session.close(), reopened.close()])
  })

  test('a store that refuses shows the error, and the change is stored once it recovers', async () => {
    const host = memoryHost()
    const session = open(host.api)
    await session.ready
    host.setFailing(true)
    session.doc.getText('t').insert(0, 'x')
    await settle()
    expect(session.getStatus().saved).toMatchObject({
      kind: 'failed',
      error: { code: 'disk-full' },
    })
    host.setFailing(false)
    await session.close()
    expect(host.stored).toHaveLength(1)
  })
})
