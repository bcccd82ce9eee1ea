import { rowCollectionId } from '@notion-rx/protocol'
import type { RecordStore } from '../../store/recordStore.js'
import type { CollectionSchema, RowValue } from './collectionSchema.js'

/** A row a relation points at, with its database's schema: what a rollup reads. */
export interface RelatedRow {
  readonly row: RowValue
  readonly schema: CollectionSchema
}

/**
 * Finds a related row by page id; `collectionId` is the database the relation points into (its
 * `collection_id`), when the schema says. `undefined` leaves the row out of rollups (deleted, a
 * template, not readable by the user); `'not_loaded'` says it is not known yet, and the rollup is
 * then `undefined` (unknown) rather than computed without it.
 */
export type RelatedRowLookup = (pageId: string, collectionId?: string) => RelatedRow | 'not_loaded' | undefined

/** Told each record a lookup reads, found or not, so callers can observe or load it. */
export type RelatedRecordRead = (table: 'block' | 'collection', id: string) => void

/**
 * Related rows as `store` holds them: a live, non-template page of a collection, with the
 * collection's schema (it says what the target property is). A page or collection the store has
 * no record of is `'not_loaded'`; one it holds without a value (the server said the user may not
 * read it), deleted, or not a database row is left out. A page not loaded reads its expected
 * `collectionId` too, so `onRead` learns both at once (one load instead of two).
 */
export function relatedRowsIn(store: RecordStore, onRead?: RelatedRecordRead): RelatedRowLookup {
  return (pageId, expectedCollectionId) => {
    onRead?.('block', pageId)
    const record = store.get('block', pageId)
    if (!record) {
      if (expectedCollectionId !== undefined) onRead?.('collection', expectedCollectionId)
      return 'not_loaded'
    }
    const row = record.value
    if (!row || row['alive'] === false || row['is_template'] === true) return undefined
    const collectionId = rowCollectionId(row)
    if (collectionId === undefined) return undefined
    onRead?.('collection', collectionId)
    const collection = store.get('collection', collectionId)
    if (!collection) return 'not_loaded'
    const schema = collection.value?.['schema']
    return schema && typeof schema === 'object' ? { row: row as RowValue, schema: schema as CollectionSchema } : undefined
  }
}

/** Whether two answers of a lookup are the same (rows compared by the store's references). */
export function sameRelatedRow(a: ReturnType<RelatedRowLookup>, b: ReturnType<RelatedRowLookup>): boolean {
  if (a === b) return true
  return typeof a === 'object' && typeof b === 'object' && a.row === b.row && a.schema === b.schema
}
