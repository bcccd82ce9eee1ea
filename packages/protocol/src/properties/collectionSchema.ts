import type { CollectionProperty } from '../records/collection.js'

/** `collection.schema`: property entries keyed by property id (`title`, `8#gA`, ...). */
export type CollectionSchema = Readonly<Record<string, CollectionProperty>>

/** One schema entry together with its id, as core's `resolveProperty` returns it. */
export type SchemaProperty = CollectionProperty & { readonly id: string }

/**
 * The row fields property codecs read: `properties` (keyed by property id) and the authorship
 * fields of `created_time`, `created_by`, ... A `BlockValue` fits.
 */
export interface RowValue {
  readonly properties?: Readonly<Record<string, unknown>> | undefined
  readonly created_time?: number | undefined
  readonly last_edited_time?: number | undefined
  readonly created_by?: string | undefined
  readonly created_by_id?: string | undefined
  readonly last_edited_by?: string | undefined
  readonly last_edited_by_id?: string | undefined
}
