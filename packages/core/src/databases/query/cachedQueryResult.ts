import { createHash } from 'node:crypto'
import type { QueryBuilder } from './queryBuilder.js'
import { queryContextOf } from './queryContext.js'
import type { ClientContext } from '../../clientContext.js'
import type { CollectionSchema } from '../properties/collectionSchema.js'
import type { RawQueryResult } from './queryResult.js'

/** What a query runs against (a `QueryTarget`). */
interface CacheableQuery {
  readonly context: ClientContext
  readonly collectionId: string
  readonly viewId: string | undefined
  readonly spaceId: string | undefined
  schema(): CollectionSchema
}

/**
 * The cache key of a query: a SHA-256 of what decides its result: the collection, the view and
 * its saved query, the query as it is sent (filter, sort, groups, aggregations, search, time
 * zone), its `limit`, and the collection's schema. Changing any of them misses the old entry.
 */
export function queryCacheKey(target: CacheableQuery, builder: QueryBuilder, limit: number | undefined): string {
  const { collectionId, viewId, spaceId } = target
  const { store } = target.context
  const body = builder.toQueryCollectionBody({ collectionId, viewId, spaceId, limit: 0 })
  const viewQuery = viewId === undefined ? null : (store.get('collection_view', viewId)?.value?.['query2'] ?? null)
  const key = JSON.stringify([collectionId, viewId ?? null, viewQuery, body, limit ?? null, target.schema()])
  return createHash('sha256').update(key).digest('hex')
}

/**
 * The cached result of a query on a warm start (see QueryResultCache.cached), with its key; none
 * without a cache, for a query this client already ran, or while local writes are not yet sent
 * (the file's result cannot include them).
 */
export function cachedQueryResult(target: CacheableQuery, builder: QueryBuilder, limit: number | undefined): { key: string; result: RawQueryResult } | undefined {
  const context = queryContextOf(target.context)
  const cache = context.queryResults
  if (cache === undefined || context.store.hasPendingLayers()) return undefined
  const key = queryCacheKey(target, builder, limit)
  const result = cache.cached(key, target.collectionId)
  return result === undefined ? undefined : { key, result: { ...result, stale: true } }
}
