import type { QueryCollectionResponse } from '@notion-rx/protocol'
import type { Observable } from 'rxjs'
import type { CallOptions } from '../../callOptions.js'
import type { ClientContext } from '../../clientContext.js'
import type { QueryCollectionBody } from './queryBuilder.js'
import type { QueryResultCache } from './queryResultCache.js'

/**
 * What queries need from a client beyond a `ClientContext`: the queryCollection endpoint (whose
 * record map is merged into the store) and, for live queries, the monitor's `collection/<id>`
 * notifications. `NotionClient` provides both.
 */
export interface CollectionQueryContext extends ClientContext {
  /** Posts a queryCollection body, merges its record map into the store, returns the response. */
  queryCollection(body: QueryCollectionBody, options?: CallOptions): Promise<QueryCollectionResponse>
  /** Query results kept in the durable cache (with the client's `cache` option): warm starts show them at once. */
  readonly queryResults?: QueryResultCache | undefined
  readonly monitor?:
    | {
        readonly collectionChanges$: Observable<{ collectionId: string }>
        observeCollection(collectionId: string): () => void
        /** Resolves when the records announced so far have been fetched. */
        whenIdle?(): Promise<void>
      }
    | undefined
}

/**
 * The context as a query context.
 * @throws Error when the context cannot query (a bare test context without `queryCollection`)
 */
export function queryContextOf(context: ClientContext): CollectionQueryContext {
  const candidate = context as Partial<CollectionQueryContext>
  if (typeof candidate.queryCollection !== 'function') {
    throw new Error('notion-rx collections: this client context cannot run queries (no queryCollection); use a NotionClient')
  }
  return context as CollectionQueryContext
}
