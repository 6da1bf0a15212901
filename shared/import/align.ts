import { diffArrays, diffWordsWithSpace } from 'diff'
import { BREAK } from './units.ts'

/*
 * Two versions of a body's text (units.ts), aligned unit by unit: first block by block (jsdiff's
 * diffArrays over whole blocks, so the unchanged paragraphs of a 30-page paper cost nothing),
 * then word by word (diffWordsWithSpace) in each stretch between unchanged blocks, so a changed
 * word reads as a word replaced, as Word shows it, not as scattered letters.
 */

/** One step of the alignment, in order: a unit of both, of `a` only, or of `b` only. */
export type Step =
  { op: 'same'; a: number; b: number } | { op: 'a'; a: number } | { op: 'b'; b: number }

/** A stretch longer than this many units is not diffed word by word but replaced whole. */
const WORD_DIFF_TIMEOUT_MS = 2000

export function align(a: string, b: string): Step[] {
  const blocksA = a.split(BREAK)
  const blocksB = b.split(BREAK)
  const startsA = starts(blocksA)
  const startsB = starts(blocksB)
  const steps: Step[] = []
  let ia = 0
  let ib = 0
  const gap = (endA: number, endB: number) => {
    if (endA > ia || endB > ib) steps.push(...words(a, b, ia, endA, ib, endB))
    ia = endA
    ib = endB
  }
  let blockA = 0
  let blockB = 0
  for (const part of diffArrays(blocksA, blocksB)) {
    const count = part.count
    if (part.added) blockB += count
    else if (part.removed) blockA += count
    else {
      for (let k = 0; k < count; k++) {
        const sa = startsA[blockA + k] ?? a.length
        const sb = startsB[blockB + k] ?? b.length
        const length = blocksA[blockA + k]?.length ?? 0
        gap(sa, sb)
        for (let t = 0; t < length; t++) steps.push({ op: 'same', a: ia + t, b: ib + t })
        ia += length
        ib += length
      }
      blockA += count
      blockB += count
    }
  }
  gap(a.length, b.length)
  return steps
}

function starts(blocks: string[]): number[] {
  const out: number[] = []
  let at = 0
  for (const block of blocks) {
    out.push(at)
    at += block.length + 1
  }
  return out
}

function words(
  a: string,
  b: string,
  fromA: number,
  toA: number,
  fromB: number,
  toB: number,
): Step[] {
  const steps: Step[] = []
  let ia = fromA
  let ib = fromB
  const parts = diffWordsWithSpace(a.slice(fromA, toA), b.slice(fromB, toB), {
    timeout: WORD_DIFF_TIMEOUT_MS,
  })
  if (parts === undefined) {
    // Too different to diff in time: all of `a` out, all of `b` in.
    for (; ia < toA; ia++) steps.push({ op: 'a', a: ia })
    for (; ib < toB; ib++) steps.push({ op: 'b', b: ib })
    return steps
  }
  for (const part of parts) {
    const length = part.value.length
    for (let t = 0; t < length; t++) {
      if (part.added) steps.push({ op: 'b', b: ib++ })
      else if (part.removed) steps.push({ op: 'a', a: ia++ })
      else steps.push({ op: 'same', a: ia++, b: ib++ })
    }
  }
  return steps
}
