/** Why a file could not be used as a cache. */
export type CacheCorruptReason = 'not_sqlite' | 'corrupt' | 'foreign' | 'newer_format'

/**
 * The cache file is not a notion-rx cache this version can use: not SQLite, damaged, another
 * program's database, or written by a newer notion-rx. Nothing was changed in it. Delete the file,
 * point `cache` elsewhere, or pass `cache: { path, onCorrupt: 'rebuild' }` to start it afresh.
 */
export class CacheCorruptError extends Error {
  override name = 'CacheCorruptError' as const
  readonly code = 'cache_corrupt' as const
  readonly path: string
  readonly reason: CacheCorruptReason

  constructor(path: string, reason: CacheCorruptReason, detail: string, cause?: unknown) {
    super(
      `the cache file ${path} cannot be used (${reason}: ${detail}); delete it, choose another path, ` +
        `or pass cache: { path, onCorrupt: 'rebuild' } to start it afresh`,
      cause === undefined ? undefined : { cause },
    )
    this.path = path
    this.reason = reason
  }

  static isCacheCorruptError(error: unknown): error is CacheCorruptError {
    return error instanceof CacheCorruptError || (error instanceof Error && error.name === 'CacheCorruptError')
  }
}
