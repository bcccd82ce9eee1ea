import type { RecordPointer } from '@notion-rx/protocol'
import type { RecordStore } from './store/recordStore.js'
import type { TransactionQueue } from './sync/transactionQueue.js'

/**
 * What record objects need from the client: the store they read, the queue they write through,
 * and loading. Record objects hold an id and this context, never data.
 */
export interface ClientContext {
  readonly store: RecordStore
  readonly transactions: TransactionQueue
  /** Fetches the records the store does not hold yet (deduped and batched within a tick). */
  loadRecords(pointers: readonly RecordPointer[]): Promise<void>
  /** Fetches the records again, whatever the store holds (version-aware merge still applies). */
  refreshRecords(pointers: readonly RecordPointer[]): Promise<void>
  /** Loads a whole page: every chunk, then any missing descendants. */
  loadPage(pageId: string): Promise<void>
  /** Permanently deletes blocks (deleteBlocks), then drops them from the store. */
  deleteBlocksPermanently(blockIds: readonly string[]): Promise<void>
  /** The logged-in user's id, once `ready`. */
  currentUserId(): string | undefined
  /** A new record id (random v4 UUID, as Notion's clients create). */
  newId(): string
  /** Epoch ms. */
  now(): number
}
