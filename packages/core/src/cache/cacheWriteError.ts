/** What the cache was writing when it failed. */
export type CacheWriteOperation = 'records' | 'queue' | 'settle' | 'account' | 'queries'

const WHAT: Record<CacheWriteOperation, string> = {
  records: 'the records the server confirmed',
  queue: 'a write batch to the durable queue',
  settle: 'that a queued write was answered',
  account: "the token's account",
  queries: 'a query result',
}

/**
 * A write to the cache file failed (a full disk, a read-only or damaged file, another process
 * holding the lock past `busyTimeoutMs`). The client works on without it: the store and the
 * server are unaffected, only the file misses what failed (it is written again at the record's
 * next change). Reported on `client.errors$`; `cacheState$` is `unwritable` until a write
 * succeeds. `cause` is SQLite's error; neither holds record content or credentials.
 */
export class CacheWriteError extends Error {
  override name = 'CacheWriteError' as const
  readonly code = 'cache_write_failed' as const
  readonly path: string
  readonly operation: CacheWriteOperation

  constructor(path: string, operation: CacheWriteOperation, cause: unknown) {
    const detail = cause instanceof Error ? `${(cause as { code?: unknown }).code ?? cause.name}: ${cause.message}` : String(cause)
    super(
      `could not write ${WHAT[operation]} to the cache file ${path} (${detail}); the client goes on without it: ` +
        'free disk space, check the file is writable and not held by another process, or delete it to start afresh',
      { cause },
    )
    this.path = path
    this.operation = operation
  }

  static isCacheWriteError(error: unknown): error is CacheWriteError {
    return error instanceof CacheWriteError || (error instanceof Error && error.name === 'CacheWriteError' && (error as { code?: unknown }).code === 'cache_write_failed')
  }
}
