import { z } from 'zod'

/** `{blockId}` (notion-py) or `{block: {id, spaceId?}}` (newer clients); at least one is required. */
export const getBacklinksForBlockRequestSchema = z
  .looseObject({
    blockId: z.string().min(1).optional(),
    block: z.looseObject({ id: z.string().min(1), spaceId: z.string().optional() }).optional(),
  })
  .refine((body) => body.blockId !== undefined || body.block !== undefined, {
    message: 'blockId (or block.id) is required',
  })
export type GetBacklinksForBlockRequest = z.infer<typeof getBacklinksForBlockRequestSchema>

export const backlinkSchema = z.looseObject({
  block_id: z.string(),
  mentioned_from: z.looseObject({
    type: z.string().optional(),
    block_id: z.string().optional(),
    parent_block_id: z.string().optional(),
  }),
})
export type Backlink = z.infer<typeof backlinkSchema>

export const getBacklinksForBlockResponseSchema = z.looseObject({
  backlinks: z.array(backlinkSchema),
  recordMap: z.record(z.string(), z.unknown()),
})
export type GetBacklinksForBlockResponse = z.infer<typeof getBacklinksForBlockResponseSchema>
