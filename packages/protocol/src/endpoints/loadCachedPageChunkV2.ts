import { z } from 'zod'
import { pageChunkCursorSchema, pageChunkLimitSchema } from './pageChunkCursor.js'

/**
 * A record the caller already holds at `version`: the server may leave it out of the chunk.
 * Both pointer forms are accepted, as elsewhere in the API.
 */
export const existingRecordVersionSchema = z.union([
  z.looseObject({ pointer: z.looseObject({ table: z.string().min(1), id: z.string().min(1) }), version: z.number().int() }),
  z.looseObject({ table: z.string().min(1), id: z.string().min(1), version: z.number().int() }),
])
export type ExistingRecordVersion = z.infer<typeof existingRecordVersionSchema>

/**
 * loadCachedPageChunkV2, the current page read (docs/protocol.md#loadcachedpagechunkv2). Public-page scrapers send only
 * `page`, `cursor` and `verticalColumns`, so everything else is optional.
 * @example { page: { id: '<uuid>', spaceId: '<uuid>' }, limit: 30, cursor: { stack: [] }, chunkNumber: 0, verticalColumns: false }
 */
export const loadCachedPageChunkV2RequestSchema = z.looseObject({
  page: z.looseObject({ id: z.string().min(1), spaceId: z.string().optional() }),
  /** Blocks per chunk. @default 30 */
  limit: pageChunkLimitSchema.optional(),
  cursor: pageChunkCursorSchema.nullish(),
  chunkNumber: z.number().int().min(0).optional(),
  verticalColumns: z.boolean().optional(),
  omitExistingRecordVersions: z.array(existingRecordVersionSchema).optional(),
})
export type LoadCachedPageChunkV2Request = z.infer<typeof loadCachedPageChunkV2RequestSchema>

/**
 * `{cursors, recordMap, spaceId}`: `cursors` is empty once the page is fully loaded. Some servers
 * also send `cursor` (clients read `cursor ?? cursors[0]`), and it has been seen as `null`.
 */
export const loadCachedPageChunkV2ResponseSchema = z.looseObject({
  cursors: z.array(pageChunkCursorSchema).optional(),
  cursor: pageChunkCursorSchema.nullish(),
  recordMap: z.record(z.string(), z.unknown()),
  spaceId: z.string().optional(),
})
export type LoadCachedPageChunkV2Response = z.infer<typeof loadCachedPageChunkV2ResponseSchema>
