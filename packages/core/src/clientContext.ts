import type { RecordPointer, Task } from '@notion-rx/protocol'
import type { CallOptions } from './callOptions.js'
import type { RecordStore } from './store/recordStore.js'
import type { UploadFileOptions, UploadSource, UploadedFile } from './sync/fileUploader.js'
import type { RunTaskOptions } from './sync/taskPoller.js'
import type { TransactionQueue } from './sync/transactionQueue.js'

/**
 * What record objects need from the client: the store they read, the queue they write through,
 * and loading. Record objects hold an id and this context, never data.
 */
export interface ClientContext {
  readonly store: RecordStore
  /**
   * The object model's registry (which record class a table or block type gets), passed in by the
   * client. Typed loosely here so this interface needs no record class; records/recordRegistry.ts
   * declares its full type (`RecordRegistry`) and reads it.
   */
  readonly records: RecordRegistryShape
  readonly transactions: TransactionQueue
  /** Fetches the records the store does not hold yet (deduped and batched within a tick). */
  loadRecords(pointers: readonly RecordPointer[], options?: CallOptions): Promise<void>
  /** Fetches the records again, whatever the store holds (version-aware merge still applies). */
  refreshRecords(pointers: readonly RecordPointer[], options?: CallOptions): Promise<void>
  /** Loads a whole page: every chunk, then any missing descendants. */
  loadPage(pageId: string, options?: CallOptions): Promise<void>
  /** Permanently deletes blocks (deleteBlocks), then drops them from the store. */
  deleteBlocksPermanently(blockIds: readonly string[]): Promise<void>
  /** Ids of the blocks that mention `blockId` or link to it (getBacklinksForBlock); they are loaded. */
  backlinksOf(blockId: string, options?: CallOptions): Promise<string[]>
  /** Uploads a file for `record` (getUploadFileUrl, then a POST or PUT of the bytes); attaching it is the caller's job. */
  uploadFile(source: UploadSource, record: RecordPointer, options?: UploadFileOptions): Promise<UploadedFile>
  /** A signed address for reading an uploaded file (getSignedFileUrls); undefined when the server signs none. */
  signFileUrl(url: string, permissionRecord: RecordPointer, options?: CallOptions): Promise<string | undefined>
  /**
   * The id of the account with this email (findUser); with `invite`, one is made for an unknown
   * email (createEmailUser), so a page can be shared with it. Undefined: no such account.
   */
  userIdForEmail(email: string, options: { invite: boolean } & CallOptions): Promise<string | undefined>
  /** Runs a server task (enqueueTask, then getTasks until it is done); rejects with TaskFailedError when it fails. */
  runTask(eventName: string, request: unknown, options?: RunTaskOptions): Promise<Task>
  /** The logged-in user's id, once `ready`. */
  currentUserId(): string | undefined
  /** A new record id (random v4 UUID, as Notion's clients create). */
  newId(): string
  /** Epoch ms. */
  now(): number
}

/** The shape of `ClientContext.records`; see `RecordRegistry` in records/recordRegistry.ts for the types. */
export interface RecordRegistryShape {
  recordFor(context: ClientContext, table: string, id: string): object
  blockClassFor(type: string | undefined, value?: Readonly<Record<string, unknown>>): object
}
