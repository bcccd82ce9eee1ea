import type { RawQueryResult } from './queryResult.js'

/**
 * Query results kept in the client's durable cache (partitioned by account like records), so a
 * warm start shows a database's result before the server answers. The client provides it with
 * the `cache` option (see docs/cache.md); queries only call in.
 */
export interface QueryResultCache {
  /**
   * The result the file holds for `key`, its rows put in the store from the file, when this
   * client has not asked the server for that query yet (a warm start); else undefined.
   */
  cached(key: string, collectionId: string): RawQueryResult | undefined
  /** Keeps what the server answered for `key`. */
  remember(key: string, collectionId: string, result: RawQueryResult): void
  /** Runs the refresh of a result served from the file in the background (`client.whenSynced()` waits for it). */
  refresh(work: () => Promise<unknown>): void
}
