import { z } from 'zod'
import { embeddedPointerSchema } from './embeddedPointer.js'
import { recordAuthorshipShape, recordIdentityShape, recordParentShape } from './recordBase.js'

/** View types of notion-types plus the newer ones of the Notion UI. Others are accepted. */
export const COLLECTION_VIEW_TYPES = [
  'table',
  'board',
  'list',
  'gallery',
  'calendar',
  'timeline',
  'chart',
  'feed',
  'map',
  'form',
] as const
export type CollectionViewType = (typeof COLLECTION_VIEW_TYPES)[number] | (string & {})

/** One entry of `table_properties`, `gallery_properties`, `board_properties`, `list_properties`, ... */
export const viewPropertySchema = z.looseObject({
  property: z.string(),
  visible: z.boolean().optional(),
  width: z.number().optional(),
  wrap: z.boolean().optional(),
})
export type ViewProperty = z.infer<typeof viewPropertySchema>

const viewProperties = z.array(viewPropertySchema).optional()
const cover = z.looseObject({ type: z.string(), property: z.string().optional() }).optional()

export const collectionViewFormatSchema = z.looseObject({
  table_properties: viewProperties,
  table_wrap: z.boolean().optional(),
  gallery_properties: viewProperties,
  gallery_cover: cover,
  gallery_cover_size: z.string().optional(),
  gallery_cover_aspect: z.string().optional(),
  gallery_title_visible: z.boolean().optional(),
  list_properties: viewProperties,
  board_properties: viewProperties,
  board_cover: cover,
  board_cover_size: z.string().optional(),
  board_cover_aspect: z.string().optional(),
  /** Board columns: `board_groups2` before 2021-07, `board_columns` after. */
  board_groups2: z.array(z.looseObject({})).optional(),
  board_columns: z.array(z.looseObject({})).optional(),
  calendar_properties: viewProperties,
  timeline_properties: viewProperties,
  collection_pointer: embeddedPointerSchema.optional(),
  property_filters: z.array(z.looseObject({})).optional(),
})
export type CollectionViewFormat = z.infer<typeof collectionViewFormatSchema>

/**
 * The current query format, `query2` (notion-types' `collection-view.ts`; docs/protocol.md#record-fields). Filters and their values vary by
 * property type, so they are kept loose.
 */
export const collectionQuery2Schema = z.looseObject({
  sort: z.array(z.looseObject({ property: z.string(), direction: z.string().optional() })).optional(),
  filter: z
    .looseObject({ operator: z.string().optional(), filters: z.array(z.unknown()).optional() })
    .optional(),
  aggregations: z.array(z.looseObject({ property: z.string().optional(), aggregator: z.string() })).optional(),
})
export type CollectionQuery2 = z.infer<typeof collectionQuery2Schema>

/** A `collection_view` record value: one view (table, board, ...) of a collection. */
export const collectionViewValueSchema = z.looseObject({
  ...recordIdentityShape,
  type: z.string() as z.ZodType<CollectionViewType>,
  ...recordParentShape,
  ...recordAuthorshipShape,
  name: z.string().optional(),
  format: collectionViewFormatSchema.optional(),
  /** The pre-2021 query format (`filter` is an array there); kept as it came. */
  query: z.looseObject({}).optional(),
  query2: collectionQuery2Schema.optional(),
  /** Manual row order; may list rows that no longer exist. */
  page_sort: z.array(z.string()).optional(),
  collection_id: z.string().optional(),
})
export type CollectionViewValue = z.infer<typeof collectionViewValueSchema>
