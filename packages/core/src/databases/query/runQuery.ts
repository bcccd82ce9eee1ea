import type { CallOptions } from '../../callOptions.js'
import type { ClientContext } from '../../clientContext.js'
import { abortable } from '../../sync/abortable.js'
import type { CollectionSchema } from '../properties/collectionSchema.js'
import { loadRollupSources } from '../properties/rollupSources.js'
import { queryCacheKey } from './cachedQueryResult.js'
import { InvalidQueryError } from './invalidQueryError.js'
import type { QueryBuilder } from './queryBuilder.js'
import { queryContextOf } from './queryContext.js'
import { readResponse, type RawQueryResult } from './queryResult.js'

export interface ExecuteOptions extends CallOptions {
  /**
   * At most this many rows (`result.hasMore` says whether there were more).
   * @default Infinity (every row)
   */
  limit?: number | undefined
  /**
   * Rows asked for by the first request. When the server says there are more, the next request
   * asks for all of them at once (its `sizeHint`), so any size takes two requests.
   * @default 1000
   */
  pageSize?: number | undefined
}

/** What a query runs against: a collection (and, optionally, a view whose `page_sort` orders rows). */
export interface QueryTarget {
  readonly context: ClientContext
  readonly collectionId: string
  readonly viewId: string | undefined
  readonly spaceId: string | undefined
  /** The collection's schema now (the store's frozen object). */
  schema(): CollectionSchema
}

const DEFAULT_PAGE_SIZE = 1000

/**
 * Runs `builder` through queryCollection's reducer form until every row (up to `limit`) is read:
 * the first request asks for `pageSize` rows; when the answer `hasMore`, the next asks for the
 * server's `sizeHint` (or twice as many, whichever is more). The reducer API has no cursor, so
 * this is how the web app pages too. Rows the record map lacks, and the related rows their rollups
 * read, are then fetched in bulk. Writes queued before the query are sent first (the server
 * answers with them applied: a row added just before is in the result); a write that fails
 * there is reported where writes are (`errors$`, its own promise), not by the query.
 */
export async function runQuery(target: QueryTarget, builder: QueryBuilder, options: ExecuteOptions = {}): Promise<RawQueryResult> {
  const context = queryContextOf(target.context)
  const max = options.limit ?? Number.POSITIVE_INFINITY
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE
  if (!(max >= 0) || !(pageSize > 0) || !Number.isInteger(pageSize)) {
    throw new InvalidQueryError('invalid_option', 'limit must be a non-negative number and pageSize a positive integer')
  }
  const { signal } = options
  signal?.throwIfAborted()
  await abortable(
    context.transactions.flush().catch(() => {}),
    signal,
  )
  let limit = Math.min(pageSize, max)
  const userId = context.currentUserId()
  // Keyed by what the query was when sent: a schema changed meanwhile does not file the answer under the new one.
  const cacheKey = context.queryResults && queryCacheKey(target, builder, options.limit)
  for (let requests = 1; ; requests++) {
    const body = builder.toQueryCollectionBody({
      collectionId: target.collectionId,
      viewId: target.viewId,
      spaceId: target.spaceId,
      limit,
      ...(userId === undefined ? {} : { userId }),
    })
    const raw = readResponse(await context.queryCollection(body, { signal }), requests)
    const groupsMore = raw.groups?.some((group) => group.hasMore || (group.total !== undefined && group.ids.length < group.total)) ?? false
    if ((!raw.hasMore && !groupsMore) || limit >= max) {
      const missing = raw.ids.filter((id) => context.store.get('block', id)?.value === undefined)
      const spaceId = target.spaceId
      if (missing.length > 0) {
        await context.loadRecords(
          missing.map((id) => (spaceId === undefined ? { table: 'block', id } : { table: 'block', id, spaceId })),
          { signal },
        )
      }
      // What rollups read (related rows and their databases): nothing is sent without rollups.
      await loadRollupSources(context, raw.ids, signal)
      if (cacheKey !== undefined) context.queryResults?.remember(cacheKey, target.collectionId, raw)
      return raw
    }
    limit = Math.min(max, Math.max(raw.total, limit * 2))
  }
}
