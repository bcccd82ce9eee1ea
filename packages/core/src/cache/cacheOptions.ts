import { defaultCachePath } from './defaultCachePath.js'

export interface CacheOptions {
  /** The SQLite file; created with mode 0600 (and its folder 0700) when missing. @default defaultCachePath() */
  path?: string
  /**
   * What to do with a file that is not a usable cache (not SQLite, damaged, another program's
   * database): `'error'` throws a CacheCorruptError and leaves it alone; `'rebuild'` deletes it
   * (and its -wal/-shm files) and starts an empty cache.
   * @default 'error'
   */
  onCorrupt?: 'error' | 'rebuild'
  /**
   * Records kept in the file, all accounts together; past it the least recently used records that
   * no one observes are evicted at the next write.
   * @default 200_000
   */
  maxRecords?: number
  /**
   * Query results kept in the file (a database view's ids, groups and aggregates), all accounts
   * together; past it the least recently used go first.
   * @default 1_000
   */
  maxQueries?: number
  /**
   * How long a second process holding the file's write lock is waited for (SQLite busy_timeout).
   * @default 5_000
   */
  busyTimeoutMs?: number
  /** While the server is unreachable, how often it is tried again. @default 2_000 */
  offlineRetryMs?: number
}

export interface ResolvedCacheOptions {
  path: string
  onCorrupt: 'error' | 'rebuild'
  maxRecords: number
  maxQueries: number
  busyTimeoutMs: number
  offlineRetryMs: number
}

/** `cache: 'file.sqlite' | true | {...}` as one shape, checked. */
export function resolveCacheOptions(option: string | true | CacheOptions): ResolvedCacheOptions {
  const options: CacheOptions = option === true ? {} : typeof option === 'string' ? { path: option } : option
  const resolved: ResolvedCacheOptions = {
    path: options.path ?? defaultCachePath(),
    onCorrupt: options.onCorrupt ?? 'error',
    maxRecords: options.maxRecords ?? 200_000,
    maxQueries: options.maxQueries ?? 1_000,
    busyTimeoutMs: options.busyTimeoutMs ?? 5_000,
    offlineRetryMs: options.offlineRetryMs ?? 2_000,
  }
  if (resolved.path === '' || resolved.path === ':memory:') {
    throw new TypeError(`cache.path must name a file (got ${JSON.stringify(resolved.path)}): the cache exists to outlive the process`)
  }
  if (resolved.onCorrupt !== 'error' && resolved.onCorrupt !== 'rebuild') {
    throw new TypeError(`cache.onCorrupt must be 'error' or 'rebuild', got ${JSON.stringify(resolved.onCorrupt)}`)
  }
  for (const key of ['maxRecords', 'maxQueries', 'busyTimeoutMs', 'offlineRetryMs'] as const) {
    const value = resolved[key]
    const least = key === 'maxRecords' || key === 'maxQueries' ? 1 : 0
    if (!Number.isInteger(value) || value < least) {
      throw new TypeError(`cache.${key} must be a non-negative integer${least === 1 ? ' of at least 1' : ''}, got ${String(value)}`)
    }
  }
  return resolved
}
