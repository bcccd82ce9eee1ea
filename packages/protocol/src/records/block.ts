import { z } from 'zod'
import { richTextSchema } from '../richText.js'
import type { BlockType } from './blockTypes.js'
import { permissionSchema } from './permission.js'
import { embeddedPointerSchema } from './embeddedPointer.js'
import { recordAuthorshipShape, recordIdentityShape, recordParentShape } from './recordBase.js'

/**
 * `block.format`: the keys notion-rx reads, typed; every other key is kept as it came
 * (docs/protocol.md#format-keys).
 */
export const blockFormatSchema = z.looseObject({
  // pages (and callouts for page_icon)
  page_icon: z.string().optional(),
  page_cover: z.string().optional(),
  page_cover_position: z.number().optional(),
  page_full_width: z.boolean().optional(),
  page_small_text: z.boolean().optional(),
  page_font: z.string().optional(),
  page_section_visibility: z.looseObject({}).optional(),
  card_cover_position: z.number().optional(),
  block_locked: z.boolean().optional(),
  block_locked_by: z.string().optional(),
  copied_from_pointer: embeddedPointerSchema.optional(),
  // generic
  block_color: z.string().optional(),
  // text-like
  toggleable: z.boolean().optional(),
  list_start_index: z.number().optional(),
  code_wrap: z.boolean().optional(),
  // media and embeds
  display_source: z.string().optional(),
  block_width: z.number().optional(),
  block_height: z.number().optional(),
  block_aspect_ratio: z.number().optional(),
  block_preserve_scale: z.boolean().optional(),
  block_full_width: z.boolean().optional(),
  block_page_width: z.boolean().optional(),
  block_alignment: z.string().optional(),
  bookmark_icon: z.string().optional(),
  bookmark_cover: z.string().optional(),
  drive_status: z.looseObject({}).optional(),
  drive_properties: z.looseObject({}).optional(),
  // layout
  column_ratio: z.number().optional(),
  // databases
  collection_pointer: embeddedPointerSchema.optional(),
  hide_inline_collection_name: z.boolean().optional(),
  // aliases and synced blocks
  alias_pointer: embeddedPointerSchema.optional(),
  transclusion_reference_pointer: embeddedPointerSchema.optional(),
  // simple tables
  table_block_column_order: z.array(z.string()).optional(),
  table_block_column_header: z.boolean().optional(),
  table_block_row_header: z.boolean().optional(),
  table_block_column_format: z
    .record(z.string(), z.looseObject({ width: z.number().optional(), color: z.string().optional() }))
    .optional(),
  // external objects
  domain: z.string().optional(),
  original_url: z.string().optional(),
  // buttons
  automation_id: z.string().optional(),
})
export type BlockFormat = z.infer<typeof blockFormatSchema>

/**
 * A `block` record value. Unknown block types and unknown fields are accepted and kept.
 * @example blockValueSchema.parse({ id, version: 1, type: 'text', properties: { title: [['Hi']] } })
 */
export const blockValueSchema = z.looseObject({
  ...recordIdentityShape,
  /** Narrow with `isKnownBlockType`. */
  type: z.string() as z.ZodType<BlockType>,
  ...recordParentShape,
  ...recordAuthorshipShape,
  /** Keyed by property id (`title`, `checked`, `language`, or a collection's 4-char ids). */
  properties: z.record(z.string(), richTextSchema).optional(),
  format: blockFormatSchema.optional(),
  /** Child block ids, in order. Absent, not empty, on blocks without children. */
  content: z.array(z.string()).optional(),
  discussions: z.array(z.string()).optional(),
  permissions: z.array(permissionSchema).optional(),
  copied_from: z.string().optional(),
  file_ids: z.array(z.string()).optional(),
  /** On `collection_view`/`collection_view_page`; newer ones use `format.collection_pointer`. */
  collection_id: z.string().optional(),
  view_ids: z.array(z.string()).optional(),
  is_template: z.boolean().optional(),
  shard_id: z.number().optional(),
})
export type BlockValue = z.infer<typeof blockValueSchema>
