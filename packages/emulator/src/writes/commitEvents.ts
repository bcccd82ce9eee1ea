import { EventEmitter } from 'node:events'

/** One record a commit changed, as the message store needs it to notify subscribers. */
export interface CommittedRecord {
  table: string
  id: string
  version: number
  spaceId: string | undefined
  /** The collection a row belongs to (block with parent_table "collection"), before and after the commit. */
  collectionIds: string[]
  /**
   * Its permissions, parent or liveness changed (or it was deleted): who may read it, or what lies
   * below it, may have changed, so the message store checks the subscriptions it holds again.
   */
  accessChanged?: boolean
}

export interface CommitEvent {
  userId: string | undefined
  records: CommittedRecord[]
}

/** In-process bus from the write path to the message store: every commit is announced once. */
export class CommitEvents {
  readonly #emitter = new EventEmitter()

  constructor() {
    this.#emitter.setMaxListeners(0)
  }

  emit(event: CommitEvent): void {
    if (event.records.length > 0) this.#emitter.emit('commit', event)
  }

  subscribe(listener: (event: CommitEvent) => void): () => void {
    this.#emitter.on('commit', listener)
    return () => this.#emitter.off('commit', listener)
  }
}
