/**
 * `cache` was asked for, but better-sqlite3 (an optional peer dependency of @notion-rx/core, a
 * native module) could not be loaded.
 */
export class CacheUnavailableError extends Error {
  override name = 'CacheUnavailableError' as const
  readonly code = 'cache_unavailable' as const

  constructor(cause: unknown) {
    super('the cache needs better-sqlite3 12.x: run `npm install better-sqlite3@12`, or leave the `cache` option out', { cause })
  }

  static isCacheUnavailableError(error: unknown): error is CacheUnavailableError {
    return error instanceof CacheUnavailableError || (error instanceof Error && error.name === 'CacheUnavailableError')
  }
}
