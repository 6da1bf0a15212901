import * as prng from 'lib0/prng'
import { describe, expect, test } from 'vitest'
import * as awarenessProtocol from 'y-protocols/awareness'
import { Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { MEMBER_PALETTE, assignColors, hashString, memberColor } from './member-color.ts'
import { PresenceColors } from './presence-colors.ts'

const SLOTS = MEMBER_PALETTE.length
const slotOf = (id: string) => hashString(id) % SLOTS

/** Member ids whose home slot is `slot`, in id order. */
function idsAtSlot(slot: number, count: number): string[] {
  const ids: string[] = []
  for (let i = 0; ids.length < count; i++) {
    if (slotOf(`member-${i}`) === slot) ids.push(`member-${i}`)
  }
  return ids
}

describe('member colours within a paper', () => {
  test('three people whose ids hash to the same colour get three colours (issue 12)', () => {
    const [a, b, c] = idsAtSlot(3, 3) as [string, string, string]
    expect(new Set([a, b, c].map(memberColor)).size).toBe(1)
    const colors = assignColors([c, a, b])
    expect(new Set(colors.values()).size).toBe(3)
    // The smallest id keeps its own colour; the others take the next free ones.
    expect(colors.get(a)).toBe(memberColor(a))
  })

  test('every client computes the same colours from the same members, in any order', () => {
    const gen = prng.create(12)
    for (let run = 0; run < 200; run++) {
      const ids = Array.from(
        { length: prng.int32(gen, 1, SLOTS) },
        () => `m-${prng.uint32(gen, 0, 5000)}`,
      )
      const shuffled = [...ids]
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = prng.int32(gen, 0, i)
        ;[shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!]
      }
      const colors = assignColors(ids)
      expect([...assignColors(shuffled)].sort()).toEqual([...colors].sort())
      expect(new Set(colors.values()).size).toBe(new Set(ids).size)
    }
  })

  test('a member keeps their own colour unless a smaller id shares their home slot', () => {
    const gen = prng.create(7)
    for (let run = 0; run < 200; run++) {
      const ids = [...new Set(Array.from({ length: 5 }, () => `m-${prng.uint32(gen, 0, 5000)}`))]
      const colors = assignColors(ids)
      for (const id of ids) {
        const sharesWithSmaller = ids.some((other) => other < id && slotOf(other) === slotOf(id))
        if (!sharesWithSmaller) expect(colors.get(id), id).toBe(memberColor(id))
      }
    }
  })

  test('someone joining moves no one whose home slot they do not share', () => {
    const gen = prng.create(99)
    for (let run = 0; run < 200; run++) {
      const present = [
        ...new Set(Array.from({ length: 4 }, () => `m-${prng.uint32(gen, 0, 5000)}`)),
      ]
      const joining = `m-${prng.uint32(gen, 5001, 9999)}`
      const before = assignColors(present)
      const after = assignColors([...present, joining])
      for (const id of present) {
        const crowded = present.some((other) => other !== id && slotOf(other) === slotOf(id))
        if (!crowded && slotOf(id) !== slotOf(joining)) expect(after.get(id)).toBe(before.get(id))
      }
    }
  })

  test('more members than colours reuse colours, starting at their own', () => {
    const ids = Array.from({ length: SLOTS + 3 }, (_, i) => `member-${i}`)
    const colors = assignColors(ids)
    expect(new Set(colors.values()).size).toBe(SLOTS)
    expect(colors.size).toBe(SLOTS + 3)
  })

  test('the colours of a room follow who is in it', () => {
    const [a, b] = idsAtSlot(5, 2) as [string, string]
    const awareness = new Awareness(new Y.Doc())
    const other = new Awareness(new Y.Doc())
    awareness.setLocalStateField('user', { memberId: a, name: 'A' })
    const colors = new PresenceColors(awareness)
    expect(colors.colorOf(a)).toBe(memberColor(a))
    expect(colors.colorOf(b)).toBe(memberColor(b))
    other.setLocalStateField('user', { memberId: b, name: 'B' })
    const { applyAwarenessUpdate, encodeAwarenessUpdate } = awarenessProtocol
    applyAwarenessUpdate(awareness, encodeAwarenessUpdate(other, [other.clientID]), 'relay')
    expect(colors.colorOf(a)).toBe(memberColor(a))
    expect(colors.colorOf(b)).not.toBe(memberColor(a))
  })

  test('an author who is not in the room now does not share a colour with someone who is', () => {
    const [absent, present] = idsAtSlot(5, 2) as [string, string]
    const awareness = new Awareness(new Y.Doc())
    awareness.setLocalStateField('user', { memberId: present, name: 'Present' })
    const colors = new PresenceColors(awareness)
    // Alone in the room, the present member has the absent author's home colour.
    expect(colors.colorOf(present)).toBe(colors.colorOf(absent))
    colors.setOthers([absent])
    expect(colors.colorOf(present)).not.toBe(colors.colorOf(absent))
    // The same colours as every other client computes from the same members.
    const assigned = assignColors([present, absent])
    expect(colors.colorOf(absent)).toBe(assigned.get(absent))
    expect(colors.colorOf(present)).toBe(assigned.get(present))
  })
})
