import type { ClientContext } from '../../clientContext.js'
import type { CollectionSchema } from '../properties/collectionSchema.js'
import { fromViewQuery2 } from './fromViewQuery2.js'
import { QueryBuilder, RESULTS_REDUCER } from './queryBuilder.js'
import type { CollectionQueryContext } from './queryContext.js'

/**
 * The rows of every database on the page, by view id, in the first view's order (its saved
 * filter and sort): queried when the client can (NotionClient.queryCollection); otherwise, or on
 * failure, the export lists the rows the store holds.
 */
export async function queryDatabaseRows(context: ClientContext, pageId: string): Promise<Record<string, readonly string[]>> {
  if (!canQuery(context)) return {}
  const { store } = context
  const rows: Record<string, readonly string[]> = {}
  const databases: { collectionId: string; viewId: string; spaceId: string | undefined }[] = []
  const seen = new Set<string>()
  const visit = (id: string) => {
    if (seen.has(id)) return
    seen.add(id)
    const value = store.get('block', id)?.value
    if (value === undefined) return
    const viewIds = value['view_ids']
    const pointer = (value['format'] as Record<string, unknown> | undefined)?.['collection_pointer'] as Record<string, unknown> | undefined
    const collectionId = typeof value['collection_id'] === 'string' ? value['collection_id'] : pointer?.['id']
    if (Array.isArray(viewIds) && typeof viewIds[0] === 'string' && typeof collectionId === 'string') {
      const spaceId = typeof value['space_id'] === 'string' ? value['space_id'] : undefined
      databases.push({ collectionId, viewId: viewIds[0], spaceId })
    }
    // Database rows are pages of their own: not walked into.
    if (id !== pageId && value['type'] === 'page') return
    const content = value['content']
    if (Array.isArray(content)) for (const child of content) if (typeof child === 'string') visit(child)
  }
  visit(pageId)
  await Promise.all(
    databases.map(async ({ collectionId, viewId, spaceId }) => {
      try {
        const view = store.get('collection_view', viewId)?.value
        const schema = (store.get('collection', collectionId)?.value?.['schema'] ?? {}) as CollectionSchema
        const builder = view === undefined ? new QueryBuilder(schema) : fromViewQuery2(view as never, schema)
        const body = builder.toQueryCollectionBody({ collectionId, viewId, ...(spaceId === undefined ? {} : { spaceId }) })
        const response = await context.queryCollection(body)
        const results = (response.result as { reducerResults?: Record<string, { blockIds?: unknown }> }).reducerResults?.[RESULTS_REDUCER]
        if (Array.isArray(results?.blockIds)) rows[viewId] = results.blockIds.filter((id): id is string => typeof id === 'string')
      } catch {
        // The rows the store holds are listed instead.
      }
    }),
  )
  return rows
}

function canQuery(context: ClientContext): context is CollectionQueryContext {
  return typeof (context as Partial<CollectionQueryContext>).queryCollection === 'function'
}
