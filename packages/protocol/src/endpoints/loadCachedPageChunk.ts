import { z } from 'zod'
import { pageChunkCursorSchema, pageChunkLimitSchema } from './pageChunkCursor.js'

/**
 * loadCachedPageChunk (docs/protocol.md#loadcachedpagechunk): as loadPageChunk, with the page as `{id}`.
 * @example { page: { id: '<uuid>' }, limit: 50, cursor: { stack: [] }, chunkNumber: 0, verticalColumns: false }
 */
export const loadCachedPageChunkRequestSchema = z.looseObject({
  page: z.looseObject({ id: z.string().min(1) }),
  /** Blocks per chunk. @default 30 */
  limit: pageChunkLimitSchema.optional(),
  cursor: pageChunkCursorSchema.optional(),
  chunkNumber: z.number().int().min(0).optional(),
  verticalColumns: z.boolean().optional(),
})
export type LoadCachedPageChunkRequest = z.infer<typeof loadCachedPageChunkRequestSchema>

export const loadCachedPageChunkResponseSchema = z.looseObject({
  cursor: pageChunkCursorSchema,
  recordMap: z.record(z.string(), z.unknown()),
})
export type LoadCachedPageChunkResponse = z.infer<typeof loadCachedPageChunkResponseSchema>
