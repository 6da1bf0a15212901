// y-leveldb 0.2.0 ships no types for its package entry; only what the benchmark calls.
declare module 'y-leveldb' {
  import type * as Y from 'yjs'
  export class LeveldbPersistence {
    constructor(location: string)
    storeUpdate(docName: string, update: Uint8Array): Promise<number>
    getYDoc(docName: string): Promise<Y.Doc>
    destroy(): Promise<void>
  }
}
