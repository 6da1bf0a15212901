import type * as Y from 'yjs'
import type { RoomKind } from '../protocol/rooms.ts'
import { THREADS } from './comments.ts'
import { BODY_FIELD, META } from './paper.ts'
import { ENDORSEMENTS, HISTORY, SETTINGS, VERSIONS } from './workflow.ts'

/**
 * Gives a doc the root types its room kind has, with their own constructors. A doc that receives
 * updates before anyone asked for its roots holds them as generic types, and asking later swaps
 * in new objects: code that compares types by identity (the relay's checks of what an update
 * changed) declares the roots first.
 */
export function declareRoots(doc: Y.Doc, kind: RoomKind): void {
  switch (kind) {
    case 'index':
      doc.getMap('papers')
      return
    case 'paper':
      doc.getMap(META)
      doc.getXmlFragment(BODY_FIELD)
      return
    case 'comments':
      doc.getMap(THREADS)
      return
    case 'workflow':
      doc.getArray(HISTORY)
      doc.getMap(VERSIONS)
      doc.getMap(ENDORSEMENTS)
      doc.getMap(SETTINGS)
  }
}
