import { rowCollectionId, type RecordPointer } from '@notion-rx/protocol'
import type { ClientContext } from '../../clientContext.js'
import type { CollectionSchema, RowValue } from './collectionSchema.js'
import { decodeProperty } from './decodeProperty.js'
import { relatedRowsIn } from './relatedRows.js'
import { hasRollups } from './rowProperties.js'

/** Rollups of rollups load a level per request; a loop of them stops being followed here. */
const MAX_LEVELS = 4

/**
 * Loads what the rollups of these rows read and the store lacks: their related rows and the
 * related databases (named by the relation property's `collection_id`, so they come along rather
 * than after), together in one `loadRecords` request. A rollup of a rollup needs one more request per level. Rows of databases
 * without rollups cost nothing. Records that cannot be read stay out of the rollups.
 * @returns how many records were asked for (0 when the store held everything)
 */
export async function loadRollupSources(context: ClientContext, rowIds: readonly string[], signal?: AbortSignal): Promise<number> {
  signal?.throwIfAborted()
  const { store } = context
  const asked = new Set<string>()
  let total = 0
  for (let level = 0; level < MAX_LEVELS; level++) {
    const missing = new Map<string, RecordPointer>()
    const need = (table: string, id: string) => {
      const key = `${table}:${id}`
      if (!asked.has(key) && store.get(table, id) === undefined) missing.set(key, { table, id })
    }
    const related = relatedRowsIn(store, need)
    for (const rowId of rowIds) {
      const row = store.get('block', rowId)?.value
      const collectionId = rowCollectionId(row)
      if (!row || collectionId === undefined) continue
      const schema = store.get('collection', collectionId)?.value?.['schema'] as CollectionSchema | undefined
      if (!schema || typeof schema !== 'object' || !hasRollups(schema)) continue
      for (const [id, property] of Object.entries(schema)) {
        if (property?.type === 'rollup') decodeProperty({ ...property, id }, row as RowValue, { schema, related })
      }
    }
    if (missing.size === 0) break
    for (const key of missing.keys()) asked.add(key)
    total += missing.size
    await context.loadRecords([...missing.values()], { signal })
  }
  return total
}
