import { z } from 'zod'

/**
 * Field shapes shared by the record tables (docs/protocol.md#record-fields), spread into each table's schema.
 * Only `id` and `version` are required: every record has them, while the rest depends on the
 * table and on how old the record is.
 */
export const recordIdentityShape = {
  id: z.string(),
  /** Bumped by the server on every committed write. */
  version: z.number().int(),
}

/** Tables that own a record through `parent_id`. Other values are accepted. */
export const PARENT_TABLES = ['block', 'collection', 'space', 'table', 'discussion', 'team'] as const
export type ParentTable = (typeof PARENT_TABLES)[number] | (string & {})

export const recordParentShape = {
  parent_id: z.string().optional(),
  parent_table: (z.string() as z.ZodType<ParentTable>).optional(),
  space_id: z.string().optional(),
  /** `false` means soft-deleted; the record stays fetchable by id. */
  alive: z.boolean().optional(),
}

/** Timestamps are epoch milliseconds. `created_by`/`last_edited_by` are the legacy user fields. */
export const recordAuthorshipShape = {
  created_time: z.number().optional(),
  created_by: z.string().optional(),
  created_by_id: z.string().optional(),
  created_by_table: z.string().optional(),
  last_edited_time: z.number().optional(),
  last_edited_by: z.string().optional(),
  last_edited_by_id: z.string().optional(),
  last_edited_by_table: z.string().optional(),
}
