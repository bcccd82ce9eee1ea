import type { QueryRow } from './queryRow.js'
import type { QuerySchema } from './querySchema.js'

/** A row of another database that a relation points at, with its database's schema. */
export interface RelatedRow {
  readonly row: QueryRow
  /** Return the same object for every row of one database: the rollup cycle guard compares them. */
  readonly schema: QuerySchema
}

/**
 * Finds a related row by page id, for rollups; `undefined` when it cannot be read (not loaded,
 * deleted, not readable by the caller): the rollup leaves it out.
 */
export type RelatedRowLookup = (pageId: string) => RelatedRow | undefined
