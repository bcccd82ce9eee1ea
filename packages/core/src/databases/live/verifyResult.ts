import type { ClientContext } from '../../clientContext.js'
import type { QueryTarget } from '../query/runQuery.js'
import type { QueryBuilder, QueryCollectionBody, ReducerBody } from '../query/queryBuilder.js'
import { queryContextOf } from '../query/queryContext.js'
import type { QueryResult } from '../query/queryResult.js'

/** The reducer that counts the matching rows; a name no builder aggregation can take (they are validated ids). */
const COUNT_REDUCER = 'notion-rx:count'

/** What the server says of a result decided on the client. */
export interface ResultVerdict {
  /** The server counts as many matching rows as the result has. */
  readonly sameRows: boolean
  readonly serverCount: number | undefined
  /** The aggregation reducers' values as the server computed them, by name. */
  readonly aggregates: Readonly<Record<string, unknown>>
}

/**
 * The cheapest question that tells whether a locally kept result missed something: the same
 * filter and search, no sort, no view, no result rows, just a row count and the query's
 * aggregations. The answer (with the collection record that comes along) is about 1.6 KB
 * whatever the database's size.
 */
export function verificationBody(target: QueryTarget, builder: QueryBuilder, userId: string | undefined): QueryCollectionBody {
  const body = builder.toQueryCollectionBody({
    collectionId: target.collectionId,
    spaceId: target.spaceId,
    limit: 1,
    ...(userId === undefined ? {} : { userId }),
  })
  const reducers: Record<string, ReducerBody> = {
    // `count` counts rows whatever the property; the title is the one every database has.
    [COUNT_REDUCER]: { type: 'aggregation', aggregation: { property: 'title', aggregator: 'count' } },
  }
  for (const [name, reducer] of Object.entries(body.loader.reducers)) if (reducer.type === 'aggregation') reducers[name] = reducer
  const { sort: _sort, ...loader } = body.loader
  return { ...body, loader: { ...loader, reducers } }
}

/**
 * Asks the server whether `result` (kept on the client since its last full run) still has every
 * row: every change to a row it shows reaches the client, so only rows that joined unseen (added
 * by someone else, or edited into the filter) can be missing, and they change the count.
 */
export async function verifyResult(
  context: ClientContext,
  target: QueryTarget,
  builder: QueryBuilder,
  result: QueryResult,
): Promise<ResultVerdict> {
  const queries = queryContextOf(context)
  const response = await queries.queryCollection(verificationBody(target, builder, queries.currentUserId()))
  const aggregates: Record<string, unknown> = {}
  let serverCount: number | undefined
  for (const [name, reducer] of Object.entries(response.result.reducerResults)) {
    if (reducer.type !== 'aggregation') continue
    const value = reducer.aggregationResult.value
    if (name === COUNT_REDUCER) serverCount = typeof value === 'number' ? value : undefined
    else aggregates[name] = value
  }
  return { sameRows: serverCount === result.ids.length, serverCount, aggregates }
}
