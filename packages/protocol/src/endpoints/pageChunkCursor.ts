import { z } from 'zod'

/**
 * One frame of a page-chunk cursor: "continue with child `index` of the `content` of block `id`".
 * Newer servers add the block's `spaceId` (docs/protocol.md#loadcachedpagechunkv2).
 */
export const pageChunkCursorFrameSchema = z.looseObject({
  table: z.string().min(1),
  id: z.string().min(1),
  index: z.number().int().min(0),
  spaceId: z.string().optional(),
})
export type PageChunkCursorFrame = z.infer<typeof pageChunkCursorFrameSchema>

/**
 * `{stack: [[frame, ...]]}`: the path from the page down to the block being read, outermost first.
 * An empty stack asks for the first chunk, and in a response means the page is fully loaded.
 */
export const pageChunkCursorSchema = z.looseObject({
  stack: z.array(z.array(pageChunkCursorFrameSchema)),
})
export type PageChunkCursor = z.infer<typeof pageChunkCursorSchema>

/** The largest `limit` the real API accepts; 101 is a 400 "Invalid input." since 2021-03 (docs/protocol.md#errors-and-limits). */
export const PAGE_CHUNK_MAX_LIMIT = 100

/** `limit` of the page-chunk endpoints: 1..100 blocks per chunk. */
export const pageChunkLimitSchema = z.number().int().min(1).max(PAGE_CHUNK_MAX_LIMIT)
