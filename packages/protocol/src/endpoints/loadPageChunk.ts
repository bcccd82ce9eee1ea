import { z } from 'zod'
import { pageChunkCursorSchema, pageChunkLimitSchema } from './pageChunkCursor.js'

/**
 * Legacy page read (docs/protocol.md#loadpagechunk):
 * `{pageId, limit, cursor: {stack}, chunkNumber, verticalColumns}`.
 * @example { pageId: '<uuid>', limit: 100, cursor: { stack: [] }, chunkNumber: 0, verticalColumns: false }
 */
export const loadPageChunkRequestSchema = z.looseObject({
  pageId: z.string().min(1),
  /** Blocks per chunk. @default 30 */
  limit: pageChunkLimitSchema.optional(),
  cursor: pageChunkCursorSchema.optional(),
  chunkNumber: z.number().int().min(0).optional(),
  verticalColumns: z.boolean().optional(),
})
export type LoadPageChunkRequest = z.infer<typeof loadPageChunkRequestSchema>

/** `{cursor, recordMap}`; keep calling with the returned cursor until its stack is empty. */
export const loadPageChunkResponseSchema = z.looseObject({
  cursor: pageChunkCursorSchema,
  recordMap: z.record(z.string(), z.unknown()),
})
export type LoadPageChunkResponse = z.infer<typeof loadPageChunkResponseSchema>
