import { z } from 'zod'
import { richTextSchema } from '../richText.js'
import type { PropertyType } from './propertyTypes.js'
import { recordAuthorshipShape, recordIdentityShape, recordParentShape } from './recordBase.js'

/** One choice of a `select`, `multi_select` or `status` property. */
export const selectOptionSchema = z.looseObject({
  id: z.string(),
  value: z.string(),
  /** Option colours: `default gray brown orange yellow green blue purple pink red`. */
  color: z.string().optional(),
})
export type SelectOption = z.infer<typeof selectOptionSchema>

/**
 * One entry of `collection.schema`, keyed by property id (`title` or a short id such as `8#gA`).
 * Fields of other types (rollup settings, status groups, ...) are kept untyped.
 */
export const collectionPropertySchema = z.looseObject({
  name: z.string(),
  /** Narrow with `isKnownPropertyType`. */
  type: z.string() as z.ZodType<PropertyType>,
  options: z.array(selectOptionSchema).optional(),
  /** `number`, `number_with_commas`, `percent`, `dollar`, ... (40 formats in notion-types). */
  number_format: z.string().optional(),
  /** The formula AST (`{type, result_type, ...}`), evaluated client-side. */
  formula: z.looseObject({}).optional(),
  /** relation: the target collection and the id of the paired property there. */
  collection_id: z.string().optional(),
  property: z.string().optional(),
  // rollup
  relation_property: z.string().optional(),
  target_property: z.string().optional(),
  target_property_type: z.string().optional(),
  aggregation: z.string().optional(),
})
export type CollectionProperty = z.infer<typeof collectionPropertySchema>

export const collectionFormatSchema = z.looseObject({
  collection_page_properties: z
    .array(z.looseObject({ property: z.string(), visible: z.boolean().optional() }))
    .optional(),
  property_visibility: z
    .array(z.looseObject({ property: z.string(), visibility: z.string().optional() }))
    .optional(),
  hide_linked_collection_name: z.boolean().optional(),
  collection_cover_position: z.number().optional(),
})
export type CollectionFormat = z.infer<typeof collectionFormatSchema>

/** A `collection` record value: a database's schema. Its rows are `page` blocks parented to it. */
export const collectionValueSchema = z.looseObject({
  ...recordIdentityShape,
  ...recordParentShape,
  ...recordAuthorshipShape,
  name: richTextSchema.optional(),
  description: richTextSchema.optional(),
  icon: z.string().optional(),
  cover: z.string().optional(),
  schema: z.record(z.string(), collectionPropertySchema).optional(),
  format: collectionFormatSchema.optional(),
  template_pages: z.array(z.string()).optional(),
  copied_from: z.string().optional(),
  migrated: z.boolean().optional(),
})
export type CollectionValue = z.infer<typeof collectionValueSchema>
